import DatasetFormats
import Foundation
import GRDB
import TimelineKit

extension SQLiteEventStore {
    /// A second read-only connection to the same file, so a count on it never holds up the
    /// browser's own queries; an in-memory store cannot be shared, and is small, so it serves itself.
    /// The file is the one this store opened and checked (a store is never changed once written),
    /// so what the open read is shared, not read again.
    public func worker() throws -> any EventStore {
        guard let path else { return self }
        let queue = try Self.connection(path: path)
        // A store replaced at its path since (a new import renamed over it) is another store:
        // this connection keeps reading the one it opened, and the worker must not read the new one.
        guard let fileIdentity, FileIdentity(path: path) == fileIdentity else {
            throw StoreError.bad(path, "was replaced after it was opened")
        }
        return SQLiteEventStore(queue: queue, path: path, sharing: self)
    }

    /// Makes the query in progress on this connection fail at once (sqlite3_interrupt).
    public func interrupt() {
        queue.interrupt()
    }
}

/// A file's device and inode: the same at a path while nothing replaces the file there.
struct FileIdentity: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
    }
}
