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

    func run() throws {
        let handle: FileHandle
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: nil) else { throw CommandFailure.cannotWrite(output) }
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        } else {
            handle = FileHandle.standardOutput
        }
        var buffer = ""
        buffer.reserveCapacity(1 << 20)
        let emit: (String) -> Void = { text in
            buffer += text
            if buffer.utf8.count >= 1 << 20 {
                handle.write(Data(buffer.utf8))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        switch format {
        case .bilateral:
            var generator = SyntheticDataset(seed: seed)
            generator.write(events: events, to: emit)
        case .gdelt:
            var generator = SyntheticGDELT(seed: seed)
            generator.write(rows: events, to: emit)
        }
        handle.write(Data(buffer.utf8))
        if output != nil { try handle.close() }
    }
}
