import ArgumentParser
import BundledData
import DatasetFormats
import Foundation
import PostgresStore
import ReferenceStore
import SQLiteStore
import TimelineKit

/// `--data PATH` and `--no-cache`, shared by every command that reads a dataset.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read this dataset (a store, a JSON file, or postgresql://user@host:port/db?dataset=NAME) "
                                            + "instead of the bundled one.", valueName: "path"))
    var data: String?

    @Flag(name: .long, help: "Import a JSON dataset into memory for this run instead of into the cache.")
    var noCache = false

    /// Opens the dataset as a store: a store file read-only; a JSON file through the cache (or
    /// into memory); the bundled data into memory. What goes wrong is thrown for `CommandFailure`
    /// to report (exit 65 or 66). `deferringChecks`: what the open would check in time that grows
    /// with the data is left to `checkDeferred()` (the browser runs it off the input path).
    func openStore(deferringChecks: Bool = false) throws -> any EventStore {
        guard let data else { return try StoreWriter.inMemory(dataset: BundledDataset.load().dataset) }
        if PostgresAddress.isAddress(data) { return try PostgresEventStore(address: try Self.postgresAddress(data)) }
        if SQLiteEventStore.isSQLiteFile(path: data) { return try SQLiteEventStore(path: data, countingEvents: !deferringChecks) }
        try BinaryDataCheck.refuseBinary(path: data)
        let progress = ImportProgress(name: data)
        defer { progress.finish() }
        // Our JSON format streams into the store; the JSON is never held whole.
        func inMemory() throws -> any EventStore {
            try StoreWriter.inMemory { sink in try DatasetStream.read(path: data, into: sink, progress: progress.update) }
        }
        if noCache { return try inMemory() }
        do {
            return try StoreCache.cachedStore(forJSON: data, progress: progress.update)
        } catch let error as DatasetLoadError {
            throw error
        } catch {
            // Not there or not readable (the reader names the problem as for any dataset), or
            // the cache cannot be written (a read-only home): this run imports into memory.
            return try inMemory()
        }
    }

    /// A PostgreSQL address with libpq's defaults; a password file that others can read is
    /// ignored with a warning on stderr, as libpq does.
    static func postgresAddress(_ text: String) throws -> PostgresAddress {
        try PostgresAddress(parsing: text, warn: { StandardError.write("bilateral: warning: \(StdoutText.line($0))\n") })
    }
}
