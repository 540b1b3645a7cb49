import DatasetFormats
import Foundation
import TimelineKit

/// An `EventStore` over a dataset on a PostgreSQL server: the same answers as the SQLite store,
/// from the same tables (`PostgresSchema`), through one connection of its own (`PostgresSession`).
public final class PostgresEventStore: EventStore, @unchecked Sendable {
    let session: PostgresSession
    public let address: PostgresAddress
    public let info: StoreInfo
    /// The publication this store reads (its schema and generation), fixed when it opened.
    let location: PostgresCatalog.Location
    /// That schema, quoted for SQL.
    let schema: String
    /// Words' counts from the lexicon, for search plans.
    let lexicon = LexiconCounts()
    /// Rows a search walks before it asks the index (`PostgresSearch.walkWindow`); tests shorten it
    /// so that small datasets take the index's path too. Set before the store is shared.
    var walkWindow = PostgresSearch.walkWindow
    var quoteWalkWindow = PostgresSearch.quoteWalkWindow
    private let lock = NSLock()
    private var pairMemo: [PairSummary]?

    /// Opens the dataset the address names. A server that cannot be reached, a database or a
    /// dataset that does not exist (the message lists those that do), another application's schema
    /// or a newer store version throw a one-line `PostgresStoreError` naming the server.
    public convenience init(address: PostgresAddress) throws {
        try self.init(session: PostgresSession(address: address, reconnects: true))
    }

    /// Opens the dataset on `session`: resolves its schema once (`PostgresCatalog.locate`) and
    /// holds it (`PostgresPin`), so that every statement of this store reads that one publication
    /// even after an import replaces the dataset. `pinned`: a schema another store of this process
    /// holds already, for its worker: both read the same publication.
    init(session: PostgresSession, pinned: PostgresCatalog.Location? = nil) throws {
        let address = session.address
        guard let dataset = address.dataset else {
            let names = (try? PostgresCatalog.datasets(session: session).map(\.name)) ?? []
            throw PostgresStoreError.address("\(address.shown): name a dataset (?dataset=NAME)" + Self.existing(names))
        }
        let location = try Self.pin(dataset, session: session, pinned: pinned)
        switch try PostgresCatalog.kind(of: location.schema, session: session) {
        case nil:
            throw PostgresStoreError.unavailable("\(address.shown): dataset \(dataset) was removed while it was being opened")
        case .other:
            throw PostgresStoreError.bad("\(address.shown): schema \(dataset) is not a Bilateral dataset (another application's?)")
        case .newer(let version):
            throw PostgresStoreError.bad("\(address.shown): dataset \(dataset) is of a newer store version (\(version)); this bilateral reads version \(PostgresSchema.formatVersion)")
        case .older(let version):
            throw PostgresStoreError.bad("\(address.shown): dataset \(dataset) is of store version \(version), older than this bilateral reads (\(PostgresSchema.formatVersion)); import it again (bilateral import … --replace)")
        case .dataset:
            break
        }
        self.session = session
        self.address = address
        self.location = location
        schema = PostgresSchema.quoted(location.schema)
        info = try Self.readInfo(session, schema: schema)
    }

    /// The dataset's current schema, held by this session. An import may swap and drop between
    /// the catalog read and the hold: then the schema is gone once the hold is granted, and the
    /// catalog is read again (it names the newer publication).
    private static func pin(_ dataset: String, session: PostgresSession, pinned: PostgresCatalog.Location?) throws -> PostgresCatalog.Location {
        for _ in 0..<10 {
            guard let location = try pinned ?? PostgresCatalog.locate(dataset, session: session) else {
                let names = (try? PostgresCatalog.datasets(session: session).map(\.name)) ?? []
                let address = session.address
                throw PostgresStoreError.unavailable("\(address.shown): no dataset \(dataset) in database \(address.database)" + Self.existing(names))
            }
            guard let generation = location.generation else { return location }
            try PostgresPin.hold(generation, session: session)
            if try PostgresPin.exists(location.schema, session: session) {
                session.pinned = location
                return location
            }
            PostgresPin.release(generation, session: session)
            if pinned != nil { throw PostgresSession.replaced(dataset, address: session.address) }
        }
        throw PostgresStoreError.unavailable("\(session.address.shown): dataset \(dataset) keeps being replaced; try again")
    }

    private static func existing(_ names: [String]) -> String {
        names.isEmpty ? "; the database has no datasets" : "; datasets: " + names.joined(separator: ", ")
    }

    /// The meta table, checked against the ends of the events' and quotes' numbers.
    static func readInfo(_ session: PostgresSession, schema: String) throws -> StoreInfo {
        var meta: [String: String?] = [:]
        for row in try session.query("SELECT key, value FROM \(schema).meta", table: "meta") {
            meta[try row.text(0)] = try row.optionalText(1)
        }
        func text(_ key: String) throws -> String {
            guard let value = meta[key], let value else { throw PostgresRows.bad("the meta table has no \(key)") }
            return value
        }
        func int(_ key: String) throws -> Int {
            guard let value = Int(try text(key)), value >= 0, value < Int(Int32.max) else { throw PostgresRows.bad("the meta table's \(key) is not a count") }
            return value
        }
        func day(_ key: String) throws -> Int? {
            guard let value = meta[key], let value else { return nil }
            guard let day = Int(value) else { throw PostgresRows.bad("the meta table's \(key) is not a day") }
            return day
        }
        let events = try int("event_count"), quotes = try int("quote_count")
        let firstDay = try day("first_day"), lastDay = try day("last_day")
        if let firstDay, let lastDay, firstDay > lastDay { throw PostgresRows.bad("the meta table's first day is after its last") }
        // The ends of the primary keys, not count(*): opening must not cost more with more events
        // (a count walked 10M rows); the keys are unique, so the ends bound the rows.
        let counts = try session.query("""
            SELECT (SELECT coalesce(min(position), 0) FROM \(schema).events), (SELECT coalesce(max(position), -1) FROM \(schema).events),
                   (SELECT coalesce(min(num), 0) FROM \(schema).quotes), (SELECT coalesce(max(num), -1) FROM \(schema).quotes)
            """, table: "events")
        guard let row = counts.first else { throw PostgresRows.bad("no counts") }
        let first = try row.int(0), last = try row.int(1)
        guard first == 0 || last == -1, last == events - 1 else {
            throw PostgresRows.bad("events numbered \(first)...\(last) where the meta table says 0...\(events - 1)")
        }
        guard try row.int(2) == 0 || row.int(3) == -1, try row.int(3) == quotes - 1 else {
            throw PostgresRows.bad("quotes numbered \(try row.int(2))...\(try row.int(3)) where the meta table says 0...\(quotes - 1)")
        }
        return StoreInfo(title: try text("title"), description: try text("description"), eventCount: events, quoteCount: quotes,
                         firstDay: firstDay, lastDay: lastDay)
    }

    func query(_ sql: String, _ binds: [PGValue] = [], table: String = "") throws -> [PGRow] {
        try session.query(sql, binds, table: table)
    }

    public func selection(_ query: TimelineQuery) throws -> any EventSelection {
        try PostgresSelection.make(store: self, query: query)
    }

    public func event(atPosition position: Int) throws -> EventDetail {
        guard let detail = try events(atPositions: [position]).first else { throw PostgresRows.bad("no event at position \(position)") }
        return detail
    }

    public func position(ofEventID id: String) throws -> Int? {
        try query("SELECT min(position) FROM \(schema).events WHERE id = $1", [.text(id)], table: "events").first?.optionalInt(0)
    }

    /// Reads every id (one index walk): for "did you mean" after a typo, not for every key.
    public func suggestions(forEventID id: String) throws -> [String] {
        let ids = try query("SELECT id FROM \(schema).events", table: "events").map { try $0.text(0) }
        return EditDistance.closest(to: id, in: ids).map { [$0] } ?? []
    }

    public func pairSummaries() throws -> [PairSummary] {
        if let memo = lock.withLock({ pairMemo }) { return memo }
        let pairs = try query("SELECT key, label, count, first_date, last_day FROM \(schema).pairs ORDER BY rank", table: "pairs").map(pairSummary)
        lock.withLock { pairMemo = pairs }
        return pairs
    }

    /// A pair from `key, label, count, first_date, last_day`.
    func pairSummary(_ row: PGRow) throws -> PairSummary {
        let (pair, displayOrder) = try PostgresRows.columns.pair(key: row.text(0), label: row.text(1))
        return PairSummary(pair: pair, displayOrder: displayOrder, eventCount: try row.int(2, in: 0 ..< info.eventCount + 1),
                           firstDate: try PostgresRows.date(row.text(3)), lastDay: try row.int(4))
    }

    public func countryCounts() throws -> [CountryCount] {
        try query("SELECT alpha3, count FROM \(schema).countries ORDER BY rank", table: "countries").map(countryCount)
    }

    /// A country from `alpha3, count`.
    func countryCount(_ row: PGRow) throws -> CountryCount {
        let code = try row.text(0)
        guard let country = Country(alpha3: code) else { throw PostgresRows.bad("unknown country '\(PostgresRows.shown(code))'") }
        return CountryCount(country: country, events: try row.int(1, in: 0 ..< info.eventCount + 1))
    }

    public func quotes(_ query: QuoteQuery) throws -> [QuoteDetail] {
        var conditions: [String] = []
        var binds: [PGValue] = []
        if let speaker = query.speaker {
            let needle = speaker.lowercased()
            let people = try self.query("SELECT num, id, name FROM \(schema).people", table: "people").filter { row in
                try row.text(1).lowercased() == needle || row.text(2).lowercased().contains(needle)
            }.map { try $0.int(0) }
            if people.isEmpty { return [] }
            binds.append(.ints(people))
            conditions.append("speaker = ANY($\(binds.count))")
        }
        if let eventID = query.eventID {
            guard let position = try position(ofEventID: eventID) else { return [] }
            binds.append(.int(position))
            conditions.append("EXISTS (SELECT 1 FROM \(schema).quote_events qe WHERE qe.quote = q.num AND qe.position = $\(binds.count))")
        }
        if let pair = query.pair {
            guard let id = try self.query("SELECT id FROM \(schema).pairs WHERE key = $1", [.text(Self.pairKey(pair))]).first?.int(0) else {
                return []
            }
            binds.append(.int(id))
            conditions.append("""
                EXISTS (SELECT 1 FROM \(schema).quote_events qe JOIN \(schema).pair_events pe ON pe.pair = $\(binds.count) AND pe.position = qe.position
                        WHERE qe.quote = q.num)
                """)
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let order = query.bySpeaker ? "speaker_rank" : "num"
        let nums = try self.query("SELECT num FROM \(schema).quotes q \(filter) ORDER BY \(order)", binds, table: "quotes").map { try $0.int(0) }
        return try quoteDetails(nums)
    }

    /// A pair's key in the `pairs` table: its canonical codes ("PAK-RUS"), as in the SQLite store.
    static func pairKey(_ pair: CountryPair) -> String { pair.first.alpha3 + "-" + pair.second.alpha3 }

    /// A connection of its own, so that a long count on it never holds up the browser's queries.
    /// It reads the same publication as this store, even if an import has replaced the dataset since.
    public func worker() throws -> any EventStore {
        try PostgresEventStore(session: PostgresSession(address: address, reconnects: true), pinned: location)
    }

    /// The server cancels the statement running on this store's connection; the call throws.
    public func interrupt() {
        session.interrupt()
    }
}
