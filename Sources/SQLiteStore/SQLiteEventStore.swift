import DatasetFormats
import Foundation
import GRDB
import GRDBSQLite
import TimelineKit

/// An `EventStore` over a store file (opened read-only) or an in-memory store database.
public final class SQLiteEventStore: EventStore {
    let queue: DatabaseQueue
    /// The file it was opened from; nil for a store in memory.
    public let path: String?
    public let info: StoreInfo
    /// Expands long search words to the index's terms (see `SearchTerms`).
    let searchTerms: SearchTerms
    /// False for a store written before events had attributes.
    let hasAttributes: Bool
    /// False for a store written before events could name actors.
    let hasActors: Bool
    /// False for a store written before events had CAMEO codes (and trend rollups).
    let hasCameo: Bool
    /// Whether the events rows were counted at open (else `checkDeferred()` counts them).
    let countedEvents: Bool
    /// The file opened (device and inode), so that a worker opens the same one (`worker()`).
    let fileIdentity: FileIdentity?
    /// How far an event's date reaches past its sort day (nil: unbounded, or not recorded), which
    /// lets a date filter select a run of positions (`SQLiteDateWindow`).
    let dateReach: DateReach?

    /// Opens a store file read-only. A file that is missing, not a store, of a newer format,
    /// truncated or corrupt throws a `StoreError` naming it; the file is never written, and no file
    /// is made beside it (`openReadOnly`). `countingEvents` false leaves counting the events rows
    /// (a read of a whole index, whose time grows with them) to `checkDeferred()`: the browser's
    /// first screen does not wait for it.
    public convenience init(path: String, countingEvents: Bool = true) throws {
        let header = try StoreHeader(path: path)
        try header.check(path: path)
        // Before the open: a file renamed over the path after it is not the one opened.
        let identity = FileIdentity(path: path)
        let queue = try Self.connection(path: path)
        do {
            try self.init(queue: queue, path: path, countingEvents: countingEvents, identity: identity)
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    /// `openReadOnly`, its failure a `StoreError` naming the file.
    static func connection(path: String) throws -> DatabaseQueue {
        do {
            return try openReadOnly(path: path)
        } catch {
            throw StoreError.bad(path, "cannot be opened as a store (\(StoreRows.shown(describe(error))))")
        }
    }

    /// A read-only connection that creates nothing beside the file: opened `immutable`, SQLite
    /// takes no locks and never opens a `-wal`/`-shm` or journal, whatever the header says or a
    /// stray `-wal` beside it holds (a store is written whole, renamed into place, and never
    /// changed, and is never in WAL mode). Without URI filenames in the SQLite library, the plain
    /// read-only open, refused for a store that would make them.
    static func openReadOnly(path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        if sqlite3_compileoption_used("USE_URI") != 0 {
            var allowed = CharacterSet.urlPathAllowed
            allowed.remove(charactersIn: "?#%")
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            let escaped = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
            return try SQLiteProcess.queue(path: "file:\(escaped)?immutable=1", configuration: configuration)
        }
        let header = try StoreHeader(path: path)
        if header.bytes.count >= 20, header.bytes[18] != 1 || header.bytes[19] != 1 {
            throw CorruptStore(what: "the header asks for a write-ahead log, which no store has")
        }
        if FileManager.default.fileExists(atPath: path + "-wal") {
            throw CorruptStore(what: "a write-ahead log (\(path)-wal) lies beside it; a store has none")
        }
        return try SQLiteProcess.queue(path: path, configuration: configuration)
    }

    /// What reading a store threw, as the `StoreError` the commands report: a decoder's
    /// `CorruptStore` and SQLite's own errors name the file (exit 65; 66 when it cannot be read).
    static func storeError(_ error: any Error, path: String?) -> StoreError {
        // Named by its file (a store in memory, or a caller that names it, has none).
        func located(_ what: String, _ exitCode: Int32 = 65) -> StoreError {
            StoreError(message: path.map { "\($0): \(what)" } ?? what, exitCode: exitCode)
        }
        switch error {
        case let error as StoreError:
            return path.map { error.message.hasPrefix($0 + ": ") } ?? true ? error : located(error.message, error.exitCode)
        case let error as CorruptStore:
            return located(error.description)
        case let error as DatabaseError where error.resultCode == .SQLITE_IOERR || error.resultCode == .SQLITE_CANTOPEN:
            return located("cannot be read (\(StoreRows.shown(describe(error))))", 66)
        default:
            return located("corrupt store (\(StoreRows.shown(describe(error))))")
        }
    }

    /// `path`: the file the queue reads, nil for a database in memory; `identity`: that file's,
    /// taken before it was opened.
    init(queue: DatabaseQueue, path: String?, countingEvents: Bool = true, identity: FileIdentity? = nil) throws {
        self.queue = queue
        self.path = path
        searchTerms = SearchTerms(queue: queue)
        hasAttributes = try queue.read { db in try StoreRows.hasAttributesColumn(db) }
        hasActors = try queue.read { db in try StoreRows.hasEventsColumn(db, "actors") }
        hasCameo = try queue.read { db in try StoreRows.hasEventsColumn(db, "cameo") }
        info = try queue.read { db in try Self.readInfo(db, countingEvents: countingEvents) }
        dateReach = try queue.read { db in try DateReach.read(db) }
        countedEvents = countingEvents
        fileIdentity = identity
    }

    /// Another connection (`queue`) to the file `store` opened, with what its open read.
    init(queue: DatabaseQueue, path: String?, sharing store: SQLiteEventStore) {
        self.queue = queue
        self.path = path
        searchTerms = SearchTerms(queue: queue)
        hasAttributes = store.hasAttributes
        hasActors = store.hasActors
        hasCameo = store.hasCameo
        info = store.info
        dateReach = store.dateReach
        countedEvents = store.countedEvents
        fileIdentity = store.fileIdentity
    }

    /// The meta table, checked against the events table: the count is the number of rows and they
    /// are numbered 1...count with no gap (the rows are `num`, so count(*) = max(num) and min(num) = 1
    /// say so), within 32-bit positions; the format version is the header's. Without
    /// `countingEvents`, only min(num) and max(num) (two seeks), and `checkDeferred()` counts.
    static func readInfo(_ db: Database, countingEvents: Bool = true) throws -> StoreInfo {
        var meta: [String: CheckedRow] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") {
            let key = try CheckedRow(row, table: "meta").text(0)
            meta[key] = CheckedRow(row, table: "meta", "'\(StoreRows.shown(key))'")
        }
        func text(_ key: String) throws -> String {
            guard let row = meta[key] else { throw StoreRows.corrupt("the meta table has no \(key)") }
            return try row.text(1)
        }
        func int(_ key: String, in range: Range<Int>) throws -> Int {
            guard let row = meta[key] else { throw StoreRows.corrupt("the meta table has no \(key)") }
            return try row.int(1, in: range)
        }
        let title = try text("title"), description = try text("description")
        let events = try int("event_count", in: StoreRows.counts), quotes = try int("quote_count", in: StoreRows.counts)
        let firstDay = try meta["first_day"]?.optionalDay(1), lastDay = try meta["last_day"]?.optionalDay(1)
        if let firstDay, let lastDay, firstDay > lastDay { throw StoreRows.corrupt("the meta table's first day is after its last") }
        let version = try CheckedRow.int(db, "user_version", sql: "PRAGMA user_version", in: Int.min ..< Int.max)
        guard version == StoreSchema.formatVersion else { throw StoreRows.corrupt("format version \(version.map(String.init) ?? "none")") }
        // Three statements, not one: alone, count(*) counts an index's entries from its pages and
        // min/max are one seek each; together they scan.
        func number(_ sql: String) throws -> Int? { try CheckedRow.int(db, "events", sql: sql, in: Int.min ..< Int.max) }
        let first = try number("SELECT min(num) FROM events"), last = try number("SELECT max(num) FROM events")
        let count = countingEvents ? try eventRows(db) : nil
        guard events == 0 ? first == nil : (first == 1 && last == events), count == nil || count == events else {
            throw Self.misnumbered(count: count, first: first, last: last, declared: events)
        }
        let quoteRows = try CheckedRow.int(db, "quotes", sql: "SELECT count(*) FROM quotes", in: Int.min ..< Int.max) ?? 0
        guard quoteRows == quotes else { throw StoreRows.corrupt("\(quoteRows) quotes where the meta table says \(quotes)") }
        return StoreInfo(title: title, description: description, eventCount: events, quoteCount: quotes, firstDay: firstDay, lastDay: lastDay)
    }

    /// The events table's rows, counted (a read of a whole index).
    private static func eventRows(_ db: Database) throws -> Int {
        try CheckedRow.int(db, "events", sql: "SELECT count(*) FROM events", in: Int.min ..< Int.max) ?? 0
    }

    static func misnumbered(count: Int?, first: Int?, last: Int?, declared: Int) -> CorruptStore {
        StoreRows.corrupt("\(count.map { "\($0) " } ?? "")events numbered \(first ?? 0)...\(last ?? 0) where the meta table says 1...\(declared)")
    }

    public var hasDeferredChecks: Bool { !countedEvents }

    /// Counts the events rows when the open did not (`countingEvents` false): the same check, off
    /// the input path.
    public func checkDeferred() throws {
        guard !countedEvents else { return }
        let count = try read { db in try Self.eventRows(db) }
        guard count == info.eventCount else {
            throw Self.storeError(Self.misnumbered(count: count, first: 1, last: info.eventCount, declared: info.eventCount), path: path)
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    /// Every read of the store: what it throws is a `StoreError` naming the file (`storeError`).
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    public func selection(_ query: TimelineQuery) throws -> any EventSelection {
        try SQLiteSelection.make(store: self, query: query)
    }

    public func event(atPosition position: Int) throws -> EventDetail {
        try read { db in try StoreRows.detail(db, position: position, count: info.eventCount, hasAttributes: hasAttributes, hasActors: hasActors, hasCameo: hasCameo) }
    }

    public func position(ofEventID id: String) throws -> Int? {
        try read { db in try StoreRows.position(db, ofEventID: id, count: info.eventCount) }
    }

    /// Scans the ids (one index walk): fine for "did you mean" after a typo, not for every key.
    public func suggestions(forEventID id: String) throws -> [String] {
        let ids = try read { db in try CheckedRow.fetchAll(db, table: "events", sql: "SELECT id FROM events").map { try $0.text(0) } }
        return EditDistance.closest(to: id, in: ids).map { [$0] } ?? []
    }

    public func quotes(_ query: QuoteQuery) throws -> [QuoteDetail] {
        try read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let speaker = query.speaker {
                let needle = speaker.lowercased()
                let people = try CheckedRow.fetchAll(db, table: "people", sql: "SELECT num, id, name FROM people").filter { row in
                    try row.text(1).lowercased() == needle || row.text(2).lowercased().contains(needle)
                }.map { row in try row.int(0, in: 1 ..< StoreRows.counts.upperBound) - 1 }
                if people.isEmpty { return [] }
                conditions.append("speaker IN (\(people.map(String.init).joined(separator: ",")))")
            }
            if let eventID = query.eventID {
                guard let position = try StoreRows.position(db, ofEventID: eventID, count: info.eventCount) else {
                    return []
                }
                conditions.append("EXISTS (SELECT 1 FROM quote_events qe WHERE qe.quote = quotes.num AND qe.position = ?)")
                arguments.append(position)
            }
            if let pair = query.pair {
                guard let id = try CheckedRow.int(db, "pairs.id", sql: "SELECT id FROM pairs WHERE key = ?", arguments: [StoreWriter.pairKey(pair)],
                                                  in: Int.min ..< Int.max) else {
                    return []
                }
                conditions.append("""
                    EXISTS (SELECT 1 FROM quote_events qe JOIN pair_events pe ON pe.pair = ? AND pe.position = qe.position
                            WHERE qe.quote = quotes.num)
                    """)
                arguments.append(id)
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let order = query.bySpeaker ? "speaker_rank" : "num"
            let nums = try CheckedRow.ints(db, "quotes.num", sql: "SELECT num FROM quotes \(filter) ORDER BY \(order)",
                                           arguments: StatementArguments(arguments), in: StoreRows.counts)
            return try nums.map { try StoreRows.quote(db, num: $0, count: info.eventCount) }
        }
    }
}
