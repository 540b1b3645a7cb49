import DatasetFormats
import GRDB
import TimelineKit

/// Decoding the store's rows back into TimelineKit values. A value that does not decode means
/// the file is damaged: it is thrown as a `StoreError`, never trapped.
enum StoreRows {
    static let rowColumns = "num, id, date, title, kind, status, pair_labels"

    static func corrupt(_ what: String) -> CorruptStore { CorruptStore(what: what) }

    /// Days an EDTF date can name (years of up to 15 digits, `Y-170000002`), and their months: a
    /// stored day or month outside them is damage (near 2⁶³, arithmetic on it would overflow).
    static let days = -400_000_000_000_000_000 ..< 400_000_000_000_000_001
    static let months = -15_000_000_000_000_000 ..< 15_000_000_000_000_001
    /// Counts, and indices into the sources, people and quotes: positions are 32-bit.
    static let counts = 0 ..< Int(Int32.max)

    /// The positions of a store of `count` events.
    static func positions(_ count: Int) -> Range<Int> { 0 ..< max(0, count) }

    /// The columns' text, decoded as both stores decode it; damage is a `CorruptStore`.
    static let columns = StoredColumns { CorruptStore(what: $0) }

    static func shown(_ text: String) -> String { StoredColumns.shown(text) }
    static func date(_ text: String) throws -> EDTFDate { try columns.date(text) }
    static func status(_ text: String) throws -> EventStatus { try columns.status(text) }
    static func list(_ text: String, _ separator: Character = ",") -> [String] { StoredColumns.list(text, separator) }
    /// A list of dataset indices (sources, people), each in `counts`.
    static func indices(_ text: String) throws -> [Int] { try columns.indices(text, valid: counts) }
    static func countries(_ text: String) throws -> [Country] { try columns.countries(text) }

    /// An `EventRow` from the columns `rowColumns` of a store of `count` events.
    static func eventRow(_ row: Row, count: Int) throws -> EventRow {
        let checked = CheckedRow(row, table: "events")
        let num = try checked.int(0, in: 1 ..< count + 1)
        let at = CheckedRow(row, table: "events", "at position \(num - 1)")
        return EventRow(position: num - 1, id: try at.text(1), date: try at.decoded(2, date), title: try at.text(3), kind: try at.text(4),
                        status: try at.decoded(5, status), pairLabels: list(try at.text(6)))
    }

    static func participants(mode: String, text: String) throws -> Participants { try columns.participants(mode: mode, text: text) }
    static func attributes(_ text: String?) throws -> [Attribute] { try columns.attributes(text) }
    /// The `actors` column: country code → actor name (see `StagedEvent.actorsColumn`).
    static func actors(_ text: String) throws -> [CountryActor] { try columns.actors(text) }

    /// Whether the events table has the `attributes` column (stores written before it existed do not).
    static func hasAttributesColumn(_ db: Database) throws -> Bool {
        try hasEventsColumn(db, "attributes")
    }

    /// Whether the events table has a column (stores written before it existed do not).
    static func hasEventsColumn(_ db: Database, _ name: String) throws -> Bool {
        try Row.fetchAll(db, sql: "PRAGMA table_info(events)").contains { ($0["name"] as String?) == name }
    }

    /// The position of the event with this id (the first, should a damaged store hold two).
    static func position(_ db: Database, ofEventID id: String, count: Int) throws -> Int? {
        try CheckedRow.int(db, "events.num of an id", sql: "SELECT min(num) FROM events WHERE id = ?", arguments: [id],
                           in: 1 ..< count + 1).map { $0 - 1 }
    }

    static let sourceColumns = "num, id, title, publisher, url, published, note"

    static func source(_ row: CheckedRow) throws -> Source {
        Source(id: try row.text(1), title: try row.optionalText(2), publisher: try row.text(3), url: try row.optionalText(4),
               published: try row.optionalText(5).map(date), note: try row.optionalText(6))
    }

    static let personColumns = "num, id, name, role, affiliation"

    static func person(_ row: CheckedRow) throws -> Person {
        Person(id: try row.text(1), name: try row.text(2), role: try row.optionalText(3), affiliation: try row.optionalText(4))
    }

    static func source(_ db: Database, index: Int) throws -> Source {
        guard counts.contains(index), let row = try CheckedRow.fetchOne(db, table: "sources", "num \(index + 1)", sql: """
            SELECT \(sourceColumns) FROM sources WHERE num = ?
            """, arguments: [index + 1], cached: true) else {
            throw corrupt("no source \(index)")
        }
        return try source(row)
    }

    static func person(_ db: Database, index: Int) throws -> Person {
        guard counts.contains(index), let row = try CheckedRow.fetchOne(db, table: "people", "num \(index + 1)", sql: """
            SELECT \(personColumns) FROM people WHERE num = ?
            """, arguments: [index + 1], cached: true) else {
            throw corrupt("no person \(index)")
        }
        return try person(row)
    }

    /// A quote in full, from its `num`, in a store of `count` events.
    static func quote(_ db: Database, num: Int, count: Int) throws -> QuoteDetail {
        guard let row = try CheckedRow.fetchOne(db, table: "quotes", "num \(num)", sql: """
            SELECT id, speaker, text, context, source FROM quotes WHERE num = ?
            """, arguments: [num], cached: true) else {
            throw corrupt("no quote \(num)")
        }
        let links = try Row.fetchAll(CheckedRow.statement(db, """
            SELECT e.num, e.id, e.title, e.date FROM quote_events q JOIN events e ON e.num = q.position + 1
            WHERE q.quote = ? ORDER BY q.seq
            """, cached: true), arguments: [num]).map { link in
            let position = try CheckedRow(link, table: "events", "of quote \(num)").int(0, in: 1 ..< count + 1) - 1
            let event = CheckedRow(link, table: "events", "at position \(position)")
            return EventLink(id: try event.text(1), title: try event.text(2), date: try date(event.text(3)), position: position)
        }
        return QuoteDetail(id: try row.text(0), text: try row.text(2), context: try row.optionalText(3),
                           speaker: try person(db, index: row.int(1, in: counts)),
                           source: try source(db, index: row.int(4, in: counts)), events: links)
    }

    /// The events columns an event in full reads (`decodeEvent`).
    /// How many columns `detailColumns` selects.
    static let detailColumnCount = 18

    static func detailColumns(hasAttributes: Bool, hasActors: Bool, hasCameo: Bool = true) -> String {
        """
        num, id, date, title, kind, status, pair_labels, summary, mode, participants, place_name, place_country,
            tags, sources, people, \(hasAttributes ? "attributes" : "NULL"), \(hasActors ? "actors" : "NULL"), \(hasCameo ? "cameo" : "NULL")
        """
    }

    /// An events row of `detailColumns` decoded, its sources and people still indices: what
    /// `detail` shows and `StoreValidator` checks every row by.
    static func decodeEvent(_ raw: Row, count: Int) throws -> (row: EventRow, facts: EventFacts, sources: [Int], people: [Int]) {
        let base = try eventRow(raw, count: count)
        let row = CheckedRow(raw, table: "events", "at position \(base.position)")
        var place: Place?
        if let placeName = try row.optionalText(10) {
            let country = try row.optionalText(11).map { code in
                guard let country = Country(alpha3: code) else { throw corrupt("unknown country '\(shown(code))'") }
                return country
            }
            place = Place(name: placeName, country: country)
        }
        let tags = try row.optionalText(12)
        let facts = EventFacts(
            id: base.id, date: base.date, title: base.title, summary: try row.text(7),
            participants: try row.decoded(9) { try participants(mode: row.text(8), text: $0) }, kind: base.kind, place: place, status: base.status,
            tags: tags.map { list($0, Character(StoreSchema.listSeparator)) } ?? [], attributes: try row.optionalText(15) == nil ? [] : row.decoded(15, attributes),
            actors: try row.optionalText(16) == nil ? [] : row.decoded(16, actors),
            cameo: try row.optionalText(17))
        if let cameo = facts.cameo, !EventClassification.isCAMEOCode(cameo) {
            throw CorruptStore(what: "events.cameo at position \(base.position) is not a CAMEO event code ('\(shown(cameo))')")
        }
        // As the decoder allows them: one actor a country, and only for a participant.
        let countries = Set(facts.participants.countries)
        if Set(facts.actors.map(\.country)).count != facts.actors.count || facts.actors.contains(where: { !countries.contains($0.country) }) {
            throw CorruptStore(what: "events.actors at position \(base.position) names a country twice or one that does not take part")
        }
        return (base, facts, try row.decoded(13, indices), try row.decoded(14, indices))
    }

    /// An event in full, from its position in a store of `count` events.
    static func detail(_ db: Database, position: Int, count: Int, hasAttributes: Bool = true, hasActors: Bool = true,
                       hasCameo: Bool = true) throws -> EventDetail {
        guard positions(count).contains(position), let raw = try Row.fetchOne(CheckedRow.statement(db, """
            SELECT \(detailColumns(hasAttributes: hasAttributes, hasActors: hasActors, hasCameo: hasCameo)) FROM events WHERE num = ?
            """, cached: true), arguments: [position + 1]) else {
            throw corrupt("no event at position \(position)")
        }
        let event = try decodeEvent(raw, count: count)
        let notes = try CheckedRow.fetchAll(db, table: "event_notes", sql: """
            SELECT text, sources FROM event_notes WHERE position = ? ORDER BY seq
            """, arguments: [position], cached: true).map { note in
            ResolvedNote(text: try note.text(0), sources: try note.decoded(1, indices).map { try source(db, index: $0) })
        }
        let quotes = try CheckedRow.ints(db, "quote_events.quote", sql: "SELECT quote FROM quote_events WHERE position = ? ORDER BY quote",
                                         arguments: [position], in: counts, cached: true)
        return EventDetail(
            position: position, facts: event.facts, pairLabels: event.row.pairLabels,
            sources: try event.sources.map { try source(db, index: $0) },
            people: try event.people.map { try person(db, index: $0) },
            notes: notes,
            quotes: try quotes.map { try quote(db, num: $0, count: count) })
    }
}
