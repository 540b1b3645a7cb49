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
        var worst: ExitStatus?
        for path in paths {
            let status = try SQLiteEventStore.isSQLiteFile(path: path) ? validateStore(path) : validateDataset(path)
            // An unreadable file (66) outranks bad data (65): the user has a path to fix first.
            if let status { worst = max(worst ?? status, status) }
        }
        if let worst { throw worst.exitCode }
    }

    /// A file in our JSON format: its summary line, or its problems and the status they call for.
    /// Only stdout's failure is thrown: it ends the command, where a bad file lets the next be checked.
    private func validateDataset(_ path: String) throws -> ExitStatus? {
        let timeline: Timeline
        do {
            timeline = try DatasetLoader.load(path: path)
        } catch {
            let failure = CommandFailure(error)
            StandardError.write(failure.report)
            return failure.status
        }
        let dataset = timeline.dataset
        try StandardOutput.write(StdoutText.line(
            "\(path): ok: \(dataset.events.count) events, \(timeline.pairSummaries.count) pairs, "
            + "\(dataset.quotes.count) quotes, \(dataset.sources.count) sources, \(dataset.people.count) people") + "\n")
        return nil
    }

    /// A store: SQLite's integrity check, the format version and the store's own invariants.
    private func validateStore(_ path: String) throws -> ExitStatus? {
        let summary: String
        do {
            let problems = try StoreValidator.validate(path: path)
            guard problems.isEmpty else {
                StandardError.write(problems.map { StdoutText.line($0) + "\n" }.joined())
                return .dataError
            }
            let store = try SQLiteEventStore(path: path)
            summary = StdoutText.line("\(path): ok: store format \(StoreSchema.formatVersion), \(store.info.eventCount) events, "
                                      + "\(try store.allPairs().count) pairs, \(store.info.quoteCount) quotes") + "\n"
        } catch let error as StoreError {
            // Like a dataset's problems, the line starts with the file (the message names it), not "bilateral:".
            StandardError.write(StdoutText.line(error.message) + "\n")
            return ExitStatus(layerCode: error.exitCode)
        } catch {
            StandardError.write("bilateral: \(StdoutText.line(path)): \(StdoutText.line(String(describing: error)))\n")
            return .dataError
        }
        try StandardOutput.write(summary)
        return nil
    }
}
