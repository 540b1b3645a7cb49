import ArgumentParser
import TimelineKit

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check dataset files: a one-line summary each, or every problem as file:line:column: path: message."
    )

    @Argument(help: ArgumentHelp("Dataset files to check.", valueName: "path"))
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one dataset file") }
    }

    func run() throws {
        var worst: Int32 = 0
        for path in paths {
            do {
                let timeline = try DatasetLoader.load(path: path)
                let dataset = timeline.dataset
                StandardOutput.write(TerminalText.line(
                    "\(path): ok: \(dataset.events.count) events, \(timeline.pairSummaries.count) pairs, "
                    + "\(dataset.quotes.count) quotes, \(dataset.sources.count) sources, \(dataset.people.count) people") + "\n")
            } catch {
                DiagnosticPrinter.print(error.diagnostics)
                // An unreadable file outranks bad data: the user has a path to fix first.
                worst = max(worst, error.exitCode)
            }
        }
        if worst != 0 { throw ExitCode(worst) }
    }
}
