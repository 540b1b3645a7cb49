import ArgumentParser
import DatasetFormats
import Foundation
import ReferenceStore
import SQLiteStore
import TimelineKit

/// `bilateral import` into a store: one file in our JSON format is streamed, never held whole as
/// a tree or a `Dataset`; other formats are read into a `Dataset` first. Both go through the same
/// writer and say the same things (`ImportInputs.load` reports what the readers read and skipped).
enum StreamingImport {
    /// Whether the inputs are one file of our format (other formats and merges take the `Dataset` path).
    static func applies(_ source: ImportInputs) -> Bool {
        guard source.inputs.count == 1, source.format == .auto || source.format == .bilateral else { return false }
        guard source.format == .auto else { return true }
        let path = source.inputs[0]
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1 << 16)) ?? Data()
        return InputFormat.detect(name: path, head: Array(head)) == .bilateral
    }

    static func run(input: String, output: String) throws {
        let progress = ImportProgress(name: output)
        try write(output: output, progress: progress) {
            try StoreWriter.write(to: output) { sink in try DatasetStream.read(path: input, into: sink, progress: progress.update) }
        }
    }

    /// A dataset another reader has made (any other format, or several files merged), through
    /// the same writer; the reader has already said what it read and skipped.
    static func run(dataset: Dataset, output: String) throws {
        let progress = ImportProgress(name: output)
        try write(output: output, progress: progress, readSummary: false) {
            try StoreWriter.write(dataset: dataset, to: output, progress: progress.update)
        }
    }

    /// Writes the store, reports what went wrong with the exit status it calls for, and ends with
    /// the summary lines.
    private static func write(output: String, progress: ImportProgress, readSummary: Bool = true,
                              store: () throws -> Void) throws {
        do {
            try store()
            progress.finish()
        } catch let error as DatasetLoadError {
            progress.finish()
            DiagnosticPrinter.print(error.diagnostics)
            if case .invalid = error { StandardError.write("read 0 records, 1 invalid: nothing written\n") }
            throw ExitCode(error.exitCode)
        } catch {
            progress.finish()
            StandardError.write("bilateral: cannot write \(StdoutText.line(output)): \(StdoutText.line(String(describing: error)))\n")
            throw ExitCode(73)
        }
        let store = try SQLiteEventStore(path: output)
        let info = store.info
        if readSummary {
            StandardError.write("read \(info.eventCount) \(info.eventCount == 1 ? "record" : "records"), imported \(info.eventCount), skipped 0\n")
        }
        StandardError.write("imported \(info.eventCount) events, \(try store.pairSummaries().count) pairs, "
                            + "\(info.quoteCount) quotes into \(StdoutText.line(output))\n")
    }
}
