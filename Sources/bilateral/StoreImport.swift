import DatasetFormats
import Foundation
import PostgresStore
import SQLiteStore

/// `bilateral import`'s store: one file in our JSON format is streamed, never held whole as a
/// tree or a `Dataset`; other formats and merges are read into a `Dataset` first (`ImportInputs.load`
/// says what the readers read and skipped). Both go through the same writer and end with the same
/// summary.
enum StoreImport {
    static func run(_ source: ImportInputs, output: String, memoryBudget: Int = StoreWriter.defaultMemoryBudget) throws {
        if let input = streamable(source) {
            try write(output: output) { progress in
                try StoreWriter.write(to: output, memoryBudget: memoryBudget) { sink in
                    try DatasetStream.read(path: input, into: sink, progress: progress.update)
                }
            }
        } else {
            let dataset = try source.load()
            try write(output: output, readSummary: false) { progress in
                try StoreWriter.write(dataset: dataset, to: output, memoryBudget: memoryBudget, progress: progress.update)
            }
        }
    }

    /// Imports into a dataset on a PostgreSQL server (`PostgresDatasetWriter`): the same inputs, the
    /// same progress and summary. The server's and the dataset's problems are its own (69, 65, 73).
    static func run(_ source: ImportInputs, postgres address: PostgresAddress, replace: Bool) throws {
        let progress = ImportProgress(name: address.shown)
        var readSummary = true
        do {
            defer { progress.finish() }
            if let input = streamable(source) {
                try PostgresDatasetWriter.write(to: address, replace: replace) { sink in
                    try DatasetStream.read(path: input, into: sink, progress: progress.update)
                }
            } else {
                let dataset = try source.load()
                readSummary = false
                try PostgresDatasetWriter.write(dataset: dataset, to: address, replace: replace, progress: progress.update)
            }
        } catch let error as DatasetLoadError {
            var failure = CommandFailure(error)
            if case .invalid = error { failure.report += "read 0 records, 1 invalid: nothing written\n" }
            throw failure
        }
        let store = try PostgresEventStore(address: address)
        let info = store.info
        if readSummary {
            StandardError.write("read \(info.eventCount) \(info.eventCount == 1 ? "record" : "records"), imported \(info.eventCount), skipped 0\n")
        }
        StandardError.write("imported \(info.eventCount) events, \(try store.pairSummaries().count) pairs, "
                            + "\(info.quoteCount) quotes into \(StdoutText.line(address.shown))\n")
    }

    /// The one input, when it is a file of our format (other formats and merges take the `Dataset` path).
    private static func streamable(_ source: ImportInputs) -> String? {
        guard source.inputs.count == 1, source.format == .auto || source.format == .bilateral else { return nil }
        let path = source.inputs[0]
        guard source.format == .auto else { return path }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1 << 16)) ?? Data()
        return InputFormat.detect(name: path, head: Array(head)) == .bilateral ? path : nil
    }

    /// Writes the store and ends with the summary lines. A problem in the streamed input is the
    /// input's (65, 66); anything else is the output's (73).
    private static func write(output: String, readSummary: Bool = true, store: (ImportProgress) throws -> Void) throws {
        let progress = ImportProgress(name: output)
        do {
            defer { progress.finish() }
            try store(progress)
        } catch let error as DatasetLoadError {
            var failure = CommandFailure(error)
            if case .invalid = error { failure.report += "read 0 records, 1 invalid: nothing written\n" }
            throw failure
        } catch {
            throw CommandFailure.cannotWrite(output, because: String(describing: error))
        }
        let store = try SQLiteEventStore(path: output)
        let info = store.info
        if readSummary {
            StandardError.write("read \(info.eventCount) \(info.eventCount == 1 ? "record" : "records"), imported \(info.eventCount), skipped 0\n")
        }
        StandardError.write("imported \(info.eventCount) events, \(try store.allPairs().count) pairs, "
                            + "\(info.quoteCount) quotes into \(StdoutText.line(output))\n")
    }
}
