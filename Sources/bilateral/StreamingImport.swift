import ArgumentParser
import Foundation
import SQLiteStore
import TimelineKit

/// `bilateral import` of one file in our JSON format: streamed into the store, never held whole
/// as a tree or a `Dataset`. Its messages are those of the `Dataset` path (`ImportInputs.load`).
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
        do {
            try StoreWriter.write(to: output) { sink in
                try DatasetStream.read(path: input, into: sink, progress: progress.update)
            }
            progress.finish()
        } catch let error as DatasetLoadError {
            progress.finish()
            DiagnosticPrinter.print(error.diagnostics)
            if case .invalid = error { StandardError.write("read 0 records, 1 invalid: nothing written\n") }
            throw ExitCode(error.exitCode)
        } catch {
            progress.finish()
            StandardError.write("bilateral: cannot write \(TerminalText.line(output)): \(TerminalText.line(String(describing: error)))\n")
            throw ExitCode(73)
        }
        let store = try SQLiteEventStore(path: output)
        let info = store.info
        StandardError.write("read \(info.eventCount) \(info.eventCount == 1 ? "record" : "records"), imported \(info.eventCount), skipped 0\n")
        StandardError.write("imported \(info.eventCount) events, \(try store.pairSummaries().count) pairs, "
                            + "\(info.quoteCount) quotes into \(TerminalText.line(output))\n")
    }
}
