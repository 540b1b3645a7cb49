import DatasetFormats
import TimelineKit

/// Decoding a dataset's rows back into TimelineKit values, by the rules the SQLite store decodes
/// its rows by (SQLiteStore's `StoreRows`: the columns hold the same text). A value that does not
/// decode is a damaged dataset (exit 65), never a trap.
enum PostgresRows {
    static let rowColumns = "position, id, date, title, kind, status, pair_labels"
    static let detailColumns = rowColumns + """
        , summary, mode, participants, place_name, place_country, tags, sources, people, attributes, actors, cameo
        """
    static let sourceColumns = "num, id, title, publisher, url, published, note"
    static let personColumns = "num, id, name, role, affiliation"

    static func bad(_ what: String) -> PostgresStoreError { .bad("damaged dataset: \(what)") }

    /// The columns' text, decoded by the SQLite store's rules (they hold the same text).
    static let columns = StoredColumns { bad($0) }

    static func shown(_ text: String) -> String { StoredColumns.shown(text) }
    static func date(_ text: String) throws -> EDTFDate { try columns.date(text) }
    static func status(_ text: String) throws -> EventStatus { try columns.status(text) }
    static func list(_ text: String, _ separator: Character = ",") -> [String] { StoredColumns.list(text, separator) }
    static func indices(_ text: String) throws -> [Int] { try columns.indices(text, valid: 0 ..< Int(Int32.max)) }
    static func countries(_ text: String) throws -> [Country] { try columns.countries(text) }

    static func eventRow(_ row: PGRow, count: Int) throws -> EventRow {
        EventRow(position: try row.int(0, in: 0 ..< max(count, 0)), id: try row.text(1), date: try date(row.text(2)), title: try row.text(3),
                 kind: try row.text(4), status: try status(row.text(5)), pairLabels: list(try row.text(6)))
    }

    static func participants(mode: String, text: String) throws -> Participants { try columns.participants(mode: mode, text: text) }
    static func attributes(_ text: String?) throws -> [Attribute] { try columns.attributes(text) }
    static func actors(_ text: String?) throws -> [CountryActor] { try text.map(columns.actors) ?? [] }

    /// A row of `detailColumns`: the event's row and facts, its sources and people as indices.
    static func decodeEvent(_ row: PGRow, count: Int) throws -> (row: EventRow, facts: EventFacts, sources: [Int], people: [Int]) {
        let base = try eventRow(row, count: count)
        var place: Place?
        if let name = try row.optionalText(10) {
            let country = try row.optionalText(11).map { code in
                guard let country = Country(alpha3: code) else { throw bad("unknown country '\(shown(code))'") }
                return country
            }
            place = Place(name: name, country: country)
        }
        let facts = EventFacts(
            id: base.id, date: base.date, title: base.title, summary: try row.text(7),
            participants: try participants(mode: row.text(8), text: row.text(9)), kind: base.kind, place: place, status: base.status,
            tags: try row.optionalText(12).map { list($0, Character(EventColumns.listSeparator)) } ?? [],
            attributes: try attributes(row.optionalText(15)), actors: try actors(row.optionalText(16)), cameo: try row.optionalText(17))
        if let cameo = facts.cameo, !EventClassification.isCAMEOCode(cameo) {
            throw bad("events.cameo at position \(base.position) is not a CAMEO event code ('\(shown(cameo))')")
        }
        let countries = Set(facts.participants.countries)
        if Set(facts.actors.map(\.country)).count != facts.actors.count || facts.actors.contains(where: { !countries.contains($0.country) }) {
            throw bad("events.actors at position \(base.position) names a country twice or one that does not take part")
        }
        return (base, facts, try indices(row.text(13)), try indices(row.text(14)))
    }

    static func source(_ row: PGRow) throws -> Source {
        Source(id: try row.text(1), title: try row.optionalText(2), publisher: try row.text(3), url: try row.optionalText(4),
               published: try row.optionalText(5).map(date), note: try row.optionalText(6))
    }

    static func person(_ row: PGRow) throws -> Person {
        Person(id: try row.text(1), name: try row.text(2), role: try row.optionalText(3), affiliation: try row.optionalText(4))
    }
}
