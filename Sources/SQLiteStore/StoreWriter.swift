import CScratchFiles
import DatasetFormats
import Foundation
import GRDB
import TimelineKit

/// Writes a store (see `StoreSchema`) from a dataset streamed record by record or held in memory;
/// `StreamingStoreWriter` does the writing either way.
public enum StoreWriter {
    /// Called as events are written: (events written, total). Throwing from it cancels the write.
    public typealias Progress = (_ written: Int, _ total: Int) throws -> Void

    /// Writes a complete store into a temporary file beside `path`, then renames it into place.
    /// An error leaves no file behind and never touches an existing file at `path`.
    /// Writes a store from a dataset that `feed` streams into the given sink (`DatasetStream`,
    /// or `DatasetStream.feed` for a dataset in memory), as `write(dataset:to:)` does.
    public static func write(to path: String, feed: (any DatasetSink) throws -> Void) throws {
        try writeFile(to: path) { db, temporary in
            try StreamingStoreWriter.write(db, fullTextPath: temporary + "-fts", feed: feed)
        }
    }

    /// Writes a store from a dataset in memory (another format's reader made it), as
    /// `write(to:feed:)` does with `DatasetStream.feed`, staged on two threads.
    public static func write(dataset: Dataset, to path: String, progress: Progress? = nil) throws {
        try writeFile(to: path) { db, temporary in
            try StreamingStoreWriter.write(db, fullTextPath: temporary + "-fts", dataset: dataset, progress: progress)
        }
    }

    /// A store in memory from a streamed dataset.
    public static func inMemory(feed: (any DatasetSink) throws -> Void) throws -> SQLiteEventStore {
        let queue = try DatabaseQueue()
        try queue.writeWithoutTransaction { db in try StreamingStoreWriter.write(db, fullTextPath: nil, feed: feed) }
        return try SQLiteEventStore(queue: queue, path: nil)
    }

    /// The temporary file, the rename into place, and the clean-up on any failure.
    private static func writeFile(to path: String, body: (Database, _ temporary: String) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let prefix = "." + url.lastPathComponent + ".tmp-"
        removeAbandoned(prefix: prefix, directory: directory)
        let temporary = directory + "/" + prefix + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let scratch = ["", "-journal", "-wal", "-shm", "-fts", "-fts-journal"].map { temporary + $0 }
        // Interrupted (Ctrl-C, SIGTERM, SIGHUP), the process removes them before it ends; killed
        // outright, the next write to the same path does (`removeAbandoned`).
        let guarded = ScratchFiles.guard(scratch)
        defer { csf_release(guarded) }
        do {
            var configuration = Configuration()
            configuration.journalMode = .default
            let queue = try DatabaseQueue(path: temporary, configuration: configuration)
            do {
                try queue.writeWithoutTransaction { db in
                    // The temporary file is thrown away on any failure, so no journal is needed. The rows
                    // go in in key order, so a 64 MB page cache was as fast as 256 MB at 1M events (and
                    // 180 MB smaller); in-memory temporary storage keeps the index sorts off the disk.
                    try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY")
                    try body(db, temporary)
                }
                try queue.close()
            } catch {
                try? queue.close()
                throw error
            }
            unlink(temporary + "-fts")
            guard rename(temporary, path) == 0 else {
                throw StoreOpenError(message: "\(path): cannot write the store (\(String(cString: strerror(errno))))", exitCode: 73)
            }
        } catch {
            for path in scratch { unlink(path) }
            throw error
        }
    }

    /// Removes temporary files of earlier writes to the same path whose process is gone (killed mid-write).
    static func removeAbandoned(prefix: String, directory: String) {
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where entry.hasPrefix(prefix) {
            let rest = entry.dropFirst(prefix.count)
            guard let pid = rest.split(separator: "-").first.flatMap({ pid_t($0) }), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + entry) }
        }
    }

    /// A store in memory (the bundled data).
    public static func inMemory(dataset: Dataset, progress: Progress? = nil) throws -> SQLiteEventStore {
        let queue = try DatabaseQueue()
        try queue.writeWithoutTransaction { db in
            try StreamingStoreWriter.write(db, fullTextPath: nil, dataset: dataset, progress: progress)
        }
        return try SQLiteEventStore(queue: queue, path: nil)
    }

    /// A pair's key in the `pairs` table: its canonical codes ("PAK-RUS").
    public static func pairKey(_ pair: CountryPair) -> String { pair.first.alpha3 + "-" + pair.second.alpha3 }
}

/// The scratch files of a write in progress, handed to the C signal handlers (`CScratchFiles`).
enum ScratchFiles {
    /// The guard's number for `csf_release` (-1 when none could be made: the files are then left
    /// for the next write to remove, as after a kill).
    static func `guard`(_ paths: [String]) -> Int32 {
        var cStrings = paths.map { strdup($0) }
        defer { for pointer in cStrings { free(pointer) } }
        return cStrings.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { csf_guard($0.baseAddress, Int32($0.count)) }
        }
    }
}
