import DatasetFormats
import Foundation
import GRDB
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
    /// The pairs, read once: a store never changes once open, and the pair picker and every pair
    /// filter's labels ask for them (thousands of rows in a month of GDELT).
    private let pairSummaryMemo = Memo<[PairSummary]>()

    /// Opens a store file read-only. A file that is missing, not a store, of a newer format,
    /// truncated or corrupt throws a `StoreError` naming it; the file is never written.
    public convenience init(path: String) throws {
        let header = try StoreHeader(path: path)
        try header.check(path: path)
        var configuration = Configuration()
        configuration.readonly = true
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw StoreError.bad(path, "cannot be opened as a store (\(Self.describe(error)))")
        }
        do {
            try self.init(queue: queue, path: path)
        } catch let error as StoreError {
            throw StoreError.bad(path, error.message)
        } catch {
            throw StoreError.bad(path, "corrupt store (\(Self.describe(error)))")
        }
    }

    /// `path`: the file the queue reads, nil for a database in memory.
    init(queue: DatabaseQueue, path: String?) throws {
        self.queue = queue
        self.path = path
        searchTerms = SearchTerms(queue: queue)
        hasAttributes = try queue.read { db in try StoreRows.hasAttributesColumn(db) }
        hasActors = try queue.read { db in try StoreRows.hasEventsColumn(db, "actors") }
        info = try queue.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM meta")
            var meta: [String: DatabaseValue] = [:]
            for row in rows { meta[row[0]] = row[1] }
            guard let title = meta["title"].flatMap(String.fromDatabaseValue),
                  let description = meta["description"].flatMap(String.fromDatabaseValue),
                  let events = meta["event_count"].flatMap(Int.fromDatabaseValue),
                  let quotes = meta["quote_count"].flatMap(Int.fromDatabaseValue) else {
                throw StoreRows.corrupt("the meta table is incomplete")
            }
            let actual = try Int.fetchOne(db, sql: "SELECT max(num) FROM events") ?? 0
            guard actual == events else { throw StoreRows.corrupt("\(actual) events where the meta table says \(events)") }
            return StoreInfo(title: title, description: description, eventCount: events, quoteCount: quotes,
                             firstDay: meta["first_day"].flatMap(Int.fromDatabaseValue),
                             lastDay: meta["last_day"].flatMap(Int.fromDatabaseValue))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.read(body)
    }

    public func selection(_ query: TimelineQuery) throws -> any EventSelection {
        try SQLiteSelection.make(store: self, query: query)
    }

    public func event(atPosition position: Int) throws -> EventDetail {
        try read { db in try StoreRows.detail(db, position: position, hasAttributes: hasAttributes, hasActors: hasActors) }
    }

    public func position(ofEventID id: String) throws -> Int? {
        try read { db in try StoreRows.position(db, ofEventID: id) }
    }

    /// Scans the ids (one index walk): fine for "did you mean" after a typo, not for every key.
    public func suggestions(forEventID id: String) throws -> [String] {
        let ids = try read { db in try String.fetchAll(db, sql: "SELECT id FROM events") }
        return EditDistance.closest(to: id, in: ids).map { [$0] } ?? []
    }

    public func pairSummaries() throws -> [PairSummary] {
        try pairSummaryMemo.value { try readPairSummaries() }
    }

    private func readPairSummaries() throws -> [PairSummary] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT key, label, count, first_date, last_day FROM pairs ORDER BY rank").map { row in
                let key: String = row[0], label: String = row[1]
                let canonical = StoreRows.list(key, "-"), shown = StoreRows.list(label, "–")
                guard canonical.count == 2, shown.count == 2,
                      let a = Country(alpha3: canonical[0]), let b = Country(alpha3: canonical[1]),
                      let x = Country(alpha3: shown[0]), let y = Country(alpha3: shown[1]) else {
                    throw StoreRows.corrupt("bad pair '\(key)' '\(label)'")
                }
                return PairSummary(pair: CountryPair(a, b), displayOrder: (x, y), eventCount: row[2],
                                   firstDate: try StoreRows.date(row[3]), lastDay: row[4])
            }
        }
    }

    public func countryCounts() throws -> [CountryCount] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT alpha3, count FROM countries ORDER BY rank").map { row in
                guard let country = Country(alpha3: row[0]) else { throw StoreRows.corrupt("unknown country") }
                return CountryCount(country: country, events: row[1])
            }
        }
    }

    public func quotes(_ query: QuoteQuery) throws -> [QuoteDetail] {
        try read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let speaker = query.speaker {
                let needle = speaker.lowercased()
                let people = try Row.fetchAll(db, sql: "SELECT num, id, name FROM people").filter { row in
                    (row[1] as String).lowercased() == needle || (row[2] as String).lowercased().contains(needle)
                }.map { (row: Row) -> Int in row[0] - 1 }
                if people.isEmpty { return [] }
                conditions.append("speaker IN (\(people.map(String.init).joined(separator: ",")))")
            }
            if let eventID = query.eventID {
                guard let position = try StoreRows.position(db, ofEventID: eventID) else {
                    return []
                }
                conditions.append("EXISTS (SELECT 1 FROM quote_events qe WHERE qe.quote = quotes.num AND qe.position = ?)")
                arguments.append(position)
            }
            if let pair = query.pair {
                guard let id = try Int.fetchOne(db, sql: "SELECT id FROM pairs WHERE key = ?", arguments: [StoreWriter.pairKey(pair)]) else {
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
            let nums = try Int.fetchAll(db, sql: "SELECT num FROM quotes \(filter) ORDER BY \(order)", arguments: StatementArguments(arguments))
            return try nums.map { try StoreRows.quote(db, num: $0) }
        }
    }
}

/// A value computed on first use and kept; safe to ask for from the worker's thread too.
private final class Memo<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?

    func value(_ make: () throws -> Value) rethrows -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let stored { return stored }
        let made = try make()
        stored = made
        return made
    }
}
