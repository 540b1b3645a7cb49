import CSQLiteSettings
import GRDB

/// What SQLite is told once for the whole process, before it is initialized: every connection here
/// is opened by `queue(path:configuration:)`, which tells it first.
///
/// No memory statistics: with them on (SQLite's default), each of SQLite's allocations and frees
/// takes one global mutex, which the import's two writing threads (the events and lists on one, the
/// full-text index's many small allocations on the other) took in turns; without it the index's
/// thread does the same work in less time (BENCHMARKS.md). Nothing here, nor GRDB, reads the
/// statistics. (GRDB already opens every connection without a mutex of its own, `SQLITE_OPEN_NOMUTEX`:
/// one thread at a time uses each.)
///
/// When SQLite is already initialized the setting changes nothing, which costs only speed: a test
/// process that opened a connection elsewhere first, or (`sqlite3_config` being no thread-safe
/// call) one whose parallel tests open their first connections at once.
enum SQLiteProcess {
    private static let configured: Void = { _ = csq_memory_statistics_off() }()

    /// A connection to the file at `path` (nil: a database in memory), SQLite told first.
    static func queue(path: String? = nil, configuration: Configuration = Configuration()) throws -> DatabaseQueue {
        _ = configured
        guard let path else { return try DatabaseQueue(configuration: configuration) }
        return try DatabaseQueue(path: path, configuration: configuration)
    }
}
