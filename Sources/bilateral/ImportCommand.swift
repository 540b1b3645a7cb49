import ArgumentParser
import Foundation
import SQLiteStore
import TimelineKit

/// `bilateral import INPUT... -o OUT.bilateral`: datasets in, one store out.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import datasets into a store file that opens instantly with --data.",
        discussion: """
        Every problem in the inputs is reported as file:line:column: path: message (exit 65) and \
        nothing is written. The store is written to a temporary file beside OUT and renamed into place \
        only when complete, so a failed or interrupted import leaves no partial file and never damages \
        an existing one.
        """
    )

    @Argument(help: ArgumentHelp("Dataset files in our JSON format.", valueName: "input"))
    var inputs: [String]

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The store to write.", valueName: "out"))
    var output: String

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("name at least one input file") }
    }

    func run() throws {
        var datasets: [(String, Dataset)] = []
        var diagnostics: [Diagnostic] = []
        var worst: Int32 = 0
        for input in inputs {
            do {
                datasets.append((input, try DatasetLoader.load(path: input).dataset))
            } catch {
                diagnostics += error.diagnostics
                worst = max(worst, error.exitCode)
            }
        }
        if worst != 0 {
            DiagnosticPrinter.print(diagnostics)
            throw ExitCode(worst)
        }
        let dataset: Dataset
        do {
            dataset = try DatasetMerge.merge(datasets)
        } catch {
            StandardError.write("bilateral: \(TerminalText.line(error.description))\n")
            throw ExitCode(DatasetLoadError.invalidDataExitCode)
        }
        let timeline = Timeline(dataset: dataset)
        let progress = ImportProgress(name: output)
        do {
            try StoreWriter.write(timeline: timeline, to: output, progress: progress.update)
            progress.finish()
        } catch {
            progress.finish()
            StandardError.write("bilateral: cannot write \(TerminalText.line(output)): \(TerminalText.line(String(describing: error)))\n")
            throw ExitCode(73)
        }
        StandardError.write("imported \(timeline.eventCount) events, \(timeline.pairSummaries.count) pairs, "
                            + "\(dataset.quotes.count) quotes into \(TerminalText.line(output))\n")
    }
}
