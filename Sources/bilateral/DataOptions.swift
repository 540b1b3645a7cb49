import ArgumentParser
import Foundation
import TimelineKit

/// `--data PATH`, shared by every command that reads a dataset.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read this dataset file instead of the bundled one.", valueName: "path"))
    var data: String?

    /// Opens the dataset as a store, or prints every problem to stderr and exits 65 or 66.
    func openStore() throws -> any EventStore {
        MemoryEventStore(timeline: try loadTimeline())
    }

    /// Loads the dataset, or prints every problem to stderr and exits 65 or 66.
    func loadTimeline() throws -> Timeline {
        do {
            if let data { return try DatasetLoader.load(path: data) }
            return try DatasetLoader.loadBundled()
        } catch {
            DiagnosticPrinter.print(error.diagnostics)
            throw ExitCode(error.exitCode)
        }
    }
}

enum DiagnosticPrinter {
    /// A million bad records should not mean a million lines: the first ones show the pattern.
    static let limit = 200

    static func print(_ diagnostics: [Diagnostic]) {
        var output = ""
        for diagnostic in diagnostics.prefix(limit) {
            output += TerminalText.line(diagnostic.description) + "\n"
        }
        if diagnostics.count > limit {
            output += "… and \(diagnostics.count - limit) more problems\n"
        }
        StandardError.write(output)
    }
}

enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
