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

    @Option(name: .long, help: ArgumentHelp("Use N country pairs among all of ISO 3166-1 (each at least once, then the first busiest), as real event data has; default: about 40 countries, skewed.", valueName: "N"))
    var pairs: Int?

    @Option(name: .long, help: ArgumentHelp("Quotes per event, spread evenly (0.1: one event in ten has one); default 0.01, at random.", valueName: "F"))
    var quotesPerEvent: Double?

    @Option(name: .long, help: ArgumentHelp("How many people speak the quotes (default 50).", valueName: "N"))
    var speakers: Int = 50

    func validate() throws {
        guard events >= 0 && events <= 50_000_000 else { throw ValidationError("--events must be between 0 and 50000000") }
        let allPairs = SyntheticDataset.Shape.allPairs
        if let pairs, !(1...allPairs).contains(pairs) { throw ValidationError("--pairs must be between 1 and \(allPairs)") }
        if let quotesPerEvent, !(0...1).contains(quotesPerEvent) { throw ValidationError("--quotes-per-event must be between 0 and 1") }
        guard speakers >= 1 && speakers <= 1_000_000 else { throw ValidationError("--speakers must be between 1 and 1000000") }
        if format == .gdelt && (pairs != nil || quotesPerEvent != nil || speakers != 50) {
            throw ValidationError("--pairs, --quotes-per-event and --speakers shape our format, not --format gdelt")
        }
    }

    /// Into a temporary file renamed into place when complete (a failed write leaves nothing and
    /// exits 73), or to stdout (74 when it cannot be written), a megabyte at a time.
    func run() throws {
        let file = try output.map { path in
            try OutputPath.check(path, inputs: [])
            return try AtomicFile(path: path)
        }
        let output = BufferedOutput { bytes in
            if let file { try file.write(bytes) } else { try StandardOutput.write(bytes) }
        }
        let emit = output.emit
        switch format {
        case .bilateral:
            var generator = SyntheticDataset(seed: seed, shape: .init(pairs: pairs, quotesPerEvent: quotesPerEvent, speakers: speakers))
            try generator.write(events: events, to: emit)
        case .gdelt:
            var generator = SyntheticGDELT(seed: seed)
            try generator.write(rows: events, to: emit)
        }
        try output.flush()
        try file?.commit()
    }
}
