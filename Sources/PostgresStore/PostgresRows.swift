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

    static func date(_ text: String) throws -> EDTFDate {
        do { return try EDTFDate(parsing: text) } catch { throw bad("bad date '\(shown(text))'") }
    }

    static func status(_ text: String) throws -> EventStatus {
        guard let status = EventStatus(rawValue: text) else { throw bad("bad status '\(shown(text))'") }
        return status
    }

    static func list(_ text: String, _ separator: Character = ",") -> [String] {
        text.isEmpty ? [] : text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }

    static func indices(_ text: String) throws -> [Int] {
        try list(text).map {
            guard let value = Int($0), value >= 0, value < Int(Int32.max) else { throw bad("bad index list '\(shown(text))'") }
            return value
        }
    }

    static func countries(_ text: String) throws -> [Country] {
        try list(text).map {
            guard let country = Country(alpha3: $0) else { throw bad("unknown country '\(shown($0))'") }
            return country
        }
    }

    /// Text from the server, safe in a message: controls shown as `\u{…}`, at most 60 characters.
    static func shown(_ text: String) -> String {
        var out = ""
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index == 60 { return out + "…" }
            switch scalar.value {
            case 0..<0x20, 0x7F..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func eventRow(_ row: PGRow, count: Int) throws -> EventRow {
        EventRow(position: try row.int(0, in: 0 ..< max(count, 0)), id: try row.text(1), date: try date(row.text(2)), title: try row.text(3),
                 kind: try row.text(4), status: try status(row.text(5)), pairLabels: list(try row.text(6)))
    }

    static func participants(mode: String, text: String) throws -> Participants {
        let sides = text.split(separator: ">", omittingEmptySubsequences: false).map(String.init)
        switch (mode, sides.count) {
        case ("mutual", 1): return .mutual(try countries(sides[0]))
        case ("directed", 2): return .directed(from: try countries(sides[0]), to: try countries(sides[1]))
        case ("none", 1) where text.isEmpty: return .none
        case ("hub", 2):
            let hub = try countries(sides[0])
            guard hub.count == 1 else { throw bad("bad hub '\(shown(text))'") }
            return .hub(hub[0], spokes: try countries(sides[1]))
        default: throw bad("bad participants '\(shown(mode))' '\(shown(text))'")
        }
    }

    static func attributes(_ text: String?) throws -> [Attribute] {
        guard let text else { return [] }
        guard let attributes = JSONWriter.parseAttributes(text) else { throw bad("bad attributes '\(shown(text))'") }
        return attributes
    }

    static func actors(_ text: String?) throws -> [CountryActor] {
        guard let text else { return [] }
        guard let pairs = JSONWriter.parseAttributes(text) else { throw bad("bad actors '\(shown(text))'") }
        return try pairs.map { pair in
            guard let country = Country(alpha3: pair.name), case .string(let name) = pair.value else { throw bad("bad actors '\(shown(text))'") }
            return CountryActor(country: country, name: name)
        }
    }

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
