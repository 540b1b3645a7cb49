import ArgumentParser
import BundledData
import DatasetFormats
import Foundation
import ReferenceStore
import SQLiteStore
import TimelineKit

/// `--data PATH` and `--no-cache`, shared by every command that reads a dataset.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read this dataset (a store, or a JSON file) instead of the bundled one.", valueName: "path"))
    var data: String?

    @Flag(name: .long, help: "Import a JSON dataset into memory for this run instead of into the cache.")
    var noCache = false

    /// Opens the dataset as a store: a store file read-only; a JSON file through the cache (or
    /// into memory); the bundled data into memory. What goes wrong is thrown for `CommandFailure`
    /// to report (exit 65 or 66).
    func openStore() throws -> any EventStore {
        guard let data else { return try StoreWriter.inMemory(dataset: BundledDataset.load().dataset) }
        if SQLiteEventStore.isSQLiteFile(path: data) { return try SQLiteEventStore(path: data) }
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
}
