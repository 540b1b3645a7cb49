import CScratchFiles
import Foundation
import GRDB

/// A store file written whole or not at all: into a temporary file beside the destination, renamed
/// into place when complete; on any failure, or when the process is interrupted, the scratch files
/// are removed and an existing file at the destination is untouched.
enum StoreFile {
    /// Opens the temporary file, lets `body` write the store into it (given its path, for the
    /// writer's own scratch files beside it), then renames it to `path`.
    static func write(to path: String, body: (Database, _ temporary: String) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let prefix = "." + url.lastPathComponent + ".tmp-"
        removeAbandoned(prefix: prefix, directory: directory)
        let temporary = directory + "/" + prefix + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let scratch = ["", "-journal", "-wal", "-shm", fullTextSuffix, fullTextSuffix + "-journal", spillSuffix, listsSuffix].map { temporary + $0 }
        // Interrupted (Ctrl-C, SIGTERM, SIGHUP), the process removes them before it ends; killed
        // outright, the next write to the same path does (`removeAbandoned`).
        let guarded = ScratchFiles.guard(scratch)
        defer { csf_release(guarded) }
        do {
            var configuration = Configuration()
            configuration.journalMode = .default
            let queue = try SQLiteProcess.queue(path: temporary, configuration: configuration)
            do {
                try queue.writeWithoutTransaction { db in
                    // The temporary file is thrown away on any failure, so no journal is needed. The rows
                    // go in in key order, so a modest page cache does as well as a large one (BENCHMARKS.md).
                    // Temporary storage stays in files: with it in memory SQLite's sorter never spills,
                    // so an index built after the rows held every key in memory (~1 GB at 10M events).
                    try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536")
                    try body(db, temporary)
                }
                try queue.close()
            } catch {
                try? queue.close()
                throw error
            }
            unlink(temporary + fullTextSuffix)
            unlink(temporary + spillSuffix)
            unlink(temporary + listsSuffix)
            guard rename(temporary, path) == 0 else {
                throw StoreError(message: "\(path): cannot write the store (\(String(cString: strerror(errno))))", exitCode: 73)
            }
        } catch {
            for path in scratch { unlink(path) }
            throw error
        }
    }

    /// The writer's scratch files beside the temporary store: the full-text index built on its own
    /// thread, and the staged events spilled beyond the memory budget (`StagedEvents`).
    static let fullTextSuffix = "-fts"
    static let spillSuffix = "-spill"
    /// The pair and country lists' runs (`StoreWriter.Session.Memberships`).
    static let listsSuffix = "-lists"

    /// Removes temporary files of earlier writes to the same path whose process is gone (killed mid-write).
    static func removeAbandoned(prefix: String, directory: String) {
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where entry.hasPrefix(prefix) {
            let rest = entry.dropFirst(prefix.count)
            guard let pid = rest.split(separator: "-").first.flatMap({ pid_t($0) }), pid > 0 else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(directory + "/" + entry) }
        }
    }

}

/// The scratch files of a write in progress, handed to the C signal handlers (`CScratchFiles`):
/// a store's, and any other output written beside its path (the command line's `AtomicFile`).
public enum ScratchFiles {
    /// The guard's number for `release` (-1 when none could be made: the files are then left
    /// for the next write to remove, as after a kill).
    public static func `guard`(_ paths: [String]) -> Int32 {
        var cStrings = paths.map { strdup($0) }
        defer { for pointer in cStrings { free(pointer) } }
        return cStrings.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { csf_guard($0.baseAddress, Int32($0.count)) }
        }
    }

    /// The write is over: its files are no longer removed on a signal.
    public static func release(_ guarded: Int32) { csf_release(guarded) }
}
