import ArgumentParser
import DatasetFormats
import ReferenceStore
import SQLiteStore
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
            if SQLiteEventStore.isSQLiteFile(path: path) {
                worst = max(worst, validateStore(path))
                continue
            }
            do {
                let timeline = try DatasetLoader.load(path: path)
                let dataset = timeline.dataset
                StandardOutput.write(StdoutText.line(
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

    /// A store: SQLite's integrity check, the format version and the store's own invariants.
    private func validateStore(_ path: String) -> Int32 {
        do {
            let problems = try StoreValidator.validate(path: path)
            guard problems.isEmpty else {
                StandardError.write(problems.map { StdoutText.line($0) + "\n" }.joined())
                return DatasetLoadError.invalidDataExitCode
            }
            let store = try SQLiteEventStore(path: path)
            StandardOutput.write(StdoutText.line("\(path): ok: store format \(StoreSchema.formatVersion), \(store.info.eventCount) events, "
                                                   + "\(try store.pairSummaries().count) pairs, \(store.info.quoteCount) quotes") + "\n")
            return 0
        } catch let error as StoreError {
            StandardError.write(StdoutText.line(error.message) + "\n")
            return error.exitCode
        } catch {
            StandardError.write("bilateral: \(StdoutText.line(path)): \(StdoutText.line(String(describing: error)))\n")
            return DatasetLoadError.invalidDataExitCode
        }
    }
}
