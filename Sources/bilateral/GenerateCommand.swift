import ArgumentParser
import DatasetFormats
import Foundation
import ReferenceStore
import TimelineKit

/// `bilateral generate`: a synthetic dataset in our format, for benchmarks and scale tests. The
/// same seed gives the same bytes, so figures from two runs are about the same data.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a seeded synthetic dataset (for benchmarks and scale tests).",
        discussion: "Events spread over 1948–2025 and about 40 countries, a few pairs much busier than the rest, as event data is."
    )

    @Option(name: .long, help: "How many events.")
    var events: Int = 1_000

    @Option(name: .long, help: "The seed: the same seed writes the same bytes.")
    var seed: UInt64 = 1

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write (default: stdout).", valueName: "path"))
    var output: String?

    @Option(name: .long, help: "bilateral (our JSON) or gdelt (GDELT 2.0 event rows, for the import benchmark).")
    var format: GeneratedFormat = .bilateral

    enum GeneratedFormat: String, ExpressibleByArgument { case bilateral, gdelt }

    func validate() throws {
        guard events >= 0 && events <= 50_000_000 else { throw ValidationError("--events must be between 0 and 50000000") }
    }

    /// Into a temporary file renamed into place when complete (a failed write leaves nothing and
    /// exits 73), or to stdout (74 when it cannot be written), a megabyte at a time.
    func run() throws {
        let file = try output.map { path in
            try OutputPath.check(path, inputs: [])
            return try AtomicFile(path: path)
        }
        var buffer = ""
        buffer.reserveCapacity(1 << 20)
        func flush() throws {
            if let file { try file.write(buffer) } else { try StandardOutput.write(buffer) }
            buffer.removeAll(keepingCapacity: true)
        }
        let emit: (String) throws -> Void = { text in
            buffer += text
            if buffer.utf8.count >= 1 << 20 { try flush() }
        }
        switch format {
        case .bilateral:
            var generator = SyntheticDataset(seed: seed)
            try generator.write(events: events, to: emit)
        case .gdelt:
            var generator = SyntheticGDELT(seed: seed)
            try generator.write(rows: events, to: emit)
        }
        try flush()
        try file?.commit()
    }
}
