import ArgumentParser
import DatasetFormats
import Foundation
import PostgresStore
import SQLiteStore

/// `bilateral import`'s store: no input is held whole as a `Dataset`. One file in our JSON format
/// is streamed by `DatasetStream`; every other format, and several inputs, go record by record
/// through their readers (`ImportInputs.stream`), the file's bytes read but not its records kept.
/// Both go through the same writer and end with the same summary.
enum StoreImport {
    static func run(_ source: ImportInputs, output: String, memoryBudget: Int = StoreWriter.defaultMemoryBudget) throws {
        var outcome: DatasetImport.Outcome?
        try write(output: output) { progress in
            try StoreWriter.write(to: output, memoryBudget: memoryBudget) { sink in
                outcome = try feed(source, into: sink, progress: progress)
            }
        }
        try summarize(outcome) {
            let store = try SQLiteEventStore(path: output)
            return (store.info.eventCount, try store.allPairs().count, store.info.quoteCount)
        }
        StandardError.write(" into \(StdoutText.line(output))\n")
    }

    /// Imports into a dataset on a PostgreSQL server (`PostgresDatasetWriter`): the same inputs, the
    /// same progress and summary. The server's and the dataset's problems are its own (69, 65, 73).
    static func run(_ source: ImportInputs, postgres address: PostgresAddress, replace: Bool) throws {
        let progress = ImportProgress(name: address.shown)
        var outcome: DatasetImport.Outcome?
        do {
            defer { progress.finish() }
            try PostgresDatasetWriter.write(to: address, replace: replace) { sink in
                outcome = try feed(source, into: sink, progress: progress)
            }
        } catch let error as DatasetLoadError {
            throw failure(error)
        }
        try summarize(outcome) {
            let store = try PostgresEventStore(address: address)
            return (store.info.eventCount, try store.pairSummaries().count, store.info.quoteCount)
        }
        StandardError.write(" into \(StdoutText.line(address.shown))\n")
    }

    /// Streams the inputs into `sink`: our JSON format by `DatasetStream` (nil: its summary is the
    /// store's count), anything else by the readers (their outcome, for the summary).
    private static func feed(_ source: ImportInputs, into sink: some DatasetSink, progress: ImportProgress) throws -> DatasetImport.Outcome? {
        if let input = streamable(source) {
            try DatasetStream.read(path: input, into: sink, progress: progress.update)
            return nil
        }
        return try source.stream(into: sink) { events in progress.update(written: events, total: events) }
    }

    /// The readers' problems passed over and summary line, or our format's (nothing skipped), then
    /// the store's counts (the caller ends the line with where they went).
    private static func summarize(_ outcome: DatasetImport.Outcome?, counts: () throws -> (events: Int, pairs: Int, quotes: Int)) throws {
        let counts = try counts()
        if let outcome {
            ImportInputs.report(outcome)
        } else {
            StandardError.write("read \(counts.events) \(counts.events == 1 ? "record" : "records"), imported \(counts.events), skipped 0\n")
        }
        StandardError.write("imported \(counts.events) events, \(counts.pairs) pairs, \(counts.quotes) quotes")
    }

    /// The one input, when it is a file of our format (other formats and merges go through their readers).
    private static func streamable(_ source: ImportInputs) -> String? {
        guard source.inputs.count == 1, source.format == .auto || source.format == .bilateral else { return nil }
        let path = source.inputs[0]
        guard source.format == .auto else { return path }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1 << 16)) ?? Data()
        return InputFormat.detect(name: path, head: Array(head)) == .bilateral ? path : nil
    }

    private static func failure(_ error: DatasetLoadError) -> CommandFailure {
        var failure = CommandFailure(error)
        if case .invalid = error { failure.report += "read 0 records, 1 invalid: nothing written\n" }
        return failure
    }

    /// Writes the store. A problem in the input is the input's (64, 65, 66); anything else is the
    /// output's (73).
    private static func write(output: String, store: (ImportProgress) throws -> Void) throws {
        let progress = ImportProgress(name: output)
        do {
            defer { progress.finish() }
            try store(progress)
        } catch let error as DatasetLoadError {
            throw failure(error)
        } catch let error as DatasetImport.Failure {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch {
            throw CommandFailure.cannotWrite(output, because: String(describing: error))
        }
    }
}
