import DatasetFormats
import GRDB
import TimelineKit

/// Decoding the store's rows back into TimelineKit values. A value that does not decode means
/// the file is damaged: it is thrown as a `StoreError`, never trapped.
enum StoreRows {
    static let rowColumns = "num, id, date, title, kind, status, pair_labels"

    static func corrupt(_ what: String) -> StoreError { StoreError(message: "corrupt store: \(what)", exitCode: 65) }

    static func date(_ text: String) throws -> EDTFDate {
        do { return try EDTFDate(parsing: text) } catch { throw corrupt("bad date '\(text)'") }
    }

    static func status(_ text: String) throws -> EventStatus {
        guard let status = EventStatus(rawValue: text) else { throw corrupt("bad status '\(text)'") }
        return status
    }

    static func list(_ text: String, _ separator: Character = ",") -> [String] {
        text.isEmpty ? [] : text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }

    static func indices(_ text: String) throws -> [Int] {
        try list(text).map {
            guard let value = Int($0) else { throw corrupt("bad index list '\(text)'") }
            return value
        }
    }

    static func countries(_ text: String) throws -> [Country] {
        try list(text).map {
            guard let country = Country(alpha3: $0) else { throw corrupt("unknown country '\($0)'") }
            return country
        }
    }

    /// An `EventRow` from the columns `rowColumns`.
    static func eventRow(_ row: Row) throws -> EventRow {
        let num: Int = row[0]
        return EventRow(position: num - 1, id: row[1], date: try date(row[2]), title: row[3], kind: row[4],
                        status: try status(row[5]), pairLabels: list(row[6]))
    }

    static func participants(mode: String, text: String) throws -> Participants {
        let sides = text.split(separator: ">", omittingEmptySubsequences: false).map(String.init)
        switch (mode, sides.count) {
        case ("mutual", 1): return .mutual(try countries(sides[0]))
        case ("directed", 2): return .directed(from: try countries(sides[0]), to: try countries(sides[1]))
        case ("none", 1) where text.isEmpty: return .none
        case ("hub", 2):
            let hub = try countries(sides[0])
            guard hub.count == 1 else { throw corrupt("bad hub '\(text)'") }
            return .hub(hub[0], spokes: try countries(sides[1]))
        default: throw corrupt("bad participants '\(mode)' '\(text)'")
        }
    }

    static func attributes(_ text: String?) throws -> [Attribute] {
        guard let text else { return [] }
        guard let attributes = JSONWriter.parseAttributes(text) else { throw corrupt("bad attributes '\(text.prefix(80))'") }
        return attributes
    }

    /// The `actors` column: country code → actor name (see `StagedEvent.actorsColumn`).
    static func actors(_ text: String?) throws -> [CountryActor] {
        guard let text else { return [] }
        guard let pairs = JSONWriter.parseAttributes(text) else { throw corrupt("bad actors '\(text.prefix(80))'") }
        return try pairs.map { pair in
            guard let country = Country(alpha3: pair.name), case .string(let name) = pair.value else {
                throw corrupt("bad actors '\(text.prefix(80))'")
            }
            return CountryActor(country: country, name: name)
        }
    }

    /// Whether the events table has the `attributes` column (stores written before it existed do not).
    static func hasAttributesColumn(_ db: Database) throws -> Bool {
        try hasEventsColumn(db, "attributes")
    }

    /// Whether the events table has a column (stores written before it existed do not).
    static func hasEventsColumn(_ db: Database, _ name: String) throws -> Bool {
        try Row.fetchAll(db, sql: "PRAGMA table_info(events)").contains { ($0["name"] as String?) == name }
    }

    /// The position of the event with this id (the first, should a damaged store hold two).
    static func position(_ db: Database, ofEventID id: String) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT min(num) - 1 FROM events WHERE id = ?", arguments: [id])
    }

    static let sourceColumns = "num, id, title, publisher, url, published, note"

    static func source(_ row: Row) throws -> Source {
        let published: String? = row[5]
        return Source(id: row[1], title: row[2], publisher: row[3], url: row[4], published: try published.map(date), note: row[6])
    }

    static let personColumns = "num, id, name, role, affiliation"

    static func person(_ row: Row) -> Person {
        Person(id: row[1], name: row[2], role: row[3], affiliation: row[4])
    }

    static func source(_ db: Database, index: Int) throws -> Source {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(sourceColumns) FROM sources WHERE num = ?", arguments: [index + 1]) else {
            throw corrupt("no source \(index)")
        }
        return try source(row)
    }

    static func person(_ db: Database, index: Int) throws -> Person {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(personColumns) FROM people WHERE num = ?", arguments: [index + 1]) else {
            throw corrupt("no person \(index)")
        }
        return person(row)
    }

    /// A quote in full, from its `num`.
    static func quote(_ db: Database, num: Int) throws -> QuoteDetail {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, speaker, text, context, source FROM quotes WHERE num = ?", arguments: [num]) else {
            throw corrupt("no quote \(num)")
        }
        let links = try Row.fetchAll(db, sql: """
            SELECT e.num, e.id, e.title, e.date FROM quote_events q JOIN events e ON e.num = q.position + 1
            WHERE q.quote = ? ORDER BY q.seq
            """, arguments: [num]).map { link in
            EventLink(id: link[1], title: link[2], date: try date(link[3]), position: (link[0] as Int) - 1)
        }
        return QuoteDetail(id: row[0], text: row[2], context: row[3], speaker: try person(db, index: row[1]),
                           source: try source(db, index: row[4]), events: links)
    }

    /// An event in full, from its position.
    static func detail(_ db: Database, position: Int, hasAttributes: Bool = true, hasActors: Bool = true) throws -> EventDetail {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT num, id, date, title, kind, status, pair_labels, summary, mode, participants, place_name, place_country,
                tags, sources, people, \(hasAttributes ? "attributes" : "NULL"), \(hasActors ? "actors" : "NULL") FROM events WHERE num = ?
            """, arguments: [position + 1]) else {
            throw StoreError(message: "no event at position \(position)", exitCode: 65)
        }
        let base = try eventRow(row)
        let placeName: String? = row[10], placeCountry: String? = row[11]
        var place: Place?
        if let placeName {
            let country = try placeCountry.map { code in
                guard let country = Country(alpha3: code) else { throw corrupt("unknown country '\(code)'") }
                return country
            }
            place = Place(name: placeName, country: country)
        }
        let tags: String? = row[12]
        let notes = try Row.fetchAll(db, sql: "SELECT text, sources FROM event_notes WHERE position = ? ORDER BY seq", arguments: [position])
            .map { note in ResolvedNote(text: note[0], sources: try indices(note[1]).map { try source(db, index: $0) }) }
        let quotes = try Int.fetchAll(db, sql: "SELECT quote FROM quote_events WHERE position = ? ORDER BY quote", arguments: [position])
        let facts = EventFacts(
            id: base.id, date: base.date, title: base.title, summary: row[7],
            participants: try participants(mode: row[8], text: row[9]), kind: base.kind, place: place, status: base.status,
            tags: tags.map { list($0, Character(StoreSchema.listSeparator)) } ?? [], attributes: try attributes(row[15]),
            actors: try actors(row[16]))
        return EventDetail(
            position: base.position, facts: facts, pairLabels: base.pairLabels,
            sources: try indices(row[13]).map { try source(db, index: $0) },
            people: try indices(row[14]).map { try person(db, index: $0) },
            notes: notes,
            quotes: try quotes.map { try quote(db, num: $0) })
    }
}
