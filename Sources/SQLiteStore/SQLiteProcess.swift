import CSQLiteSettings

/// What SQLite is told once for the whole process, before its first connection: every opening of a
/// connection here goes through `prepare()` first. After a first connection elsewhere (a test
/// process) the settings change nothing, which is harmless: they only spare work.
enum SQLiteProcess {
    /// - No memory statistics: with them on (SQLite's default), each of SQLite's allocations and
    ///   frees takes one global mutex, which the import's two writing threads (the events and lists
    ///   on one, the full-text index's many small allocations on the other) took in turns; without
    ///   it the index's thread did the same work in markedly less time (BENCHMARKS.md). Nothing here
    ///   reads the statistics.
    /// - Multi-thread connections: GRDB already lets one thread at a time use a connection (it
    ///   supports no other mode), so the mutex a serialized connection takes on every bind and
    ///   step guards nothing.
    private static let configured: Void = {
        _ = csq_multithread()
        _ = csq_memory_statistics_off()
    }()

    static func prepare() { configured }
}
