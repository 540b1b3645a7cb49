import DatasetFormats
import GRDB
import TimelineKit

extension SQLiteEventStore {
    /// A second read-only connection to the same file, so a count on it never holds up the
    /// browser's own queries; an in-memory store cannot be shared, and is small, so it serves itself.
    public func worker() throws -> any EventStore {
        guard let path else { return self }
        return try SQLiteEventStore(path: path)
    }

    /// Makes the query in progress on this connection fail at once (sqlite3_interrupt).
    public func interrupt() {
        queue.interrupt()
    }
}
