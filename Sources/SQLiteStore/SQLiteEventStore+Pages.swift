import GRDB
import TimelineKit

extension SQLiteEventStore {
    /// The events at these positions in full, in this order, each as `event(atPosition:)` reads it,
    /// but in one transaction and a handful of queries for the lot (the events, their notes, their
    /// quote links, the sources and people they cite) instead of several queries an event: for
    /// streaming a page of a selection (`list --format json`).
    public func events(atPositions positions: [Int]) throws -> [EventDetail] {
        guard !positions.isEmpty else { return [] }
        return try read { db in try StoreRows.details(db, positions: positions, hasAttributes: hasAttributes) }
    }
}

extension StoreRows {
    /// `detail(_:position:)` for many positions at once.
    static func details(_ db: Database, positions: [Int], hasAttributes: Bool) throws -> [EventDetail] {
        // Integers written into the SQL: no limit on bound variables, nothing to escape.
        let positionList = positions.map(String.init).joined(separator: ",")
        let numList = positions.map { String($0 + 1) }.joined(separator: ",")

        var rows: [Int: Row] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT num, id, date, title, kind, status, pair_labels, summary, mode, participants, place_name, place_country,
                tags, sources, people, \(hasAttributes ? "attributes" : "NULL") FROM events WHERE num IN (\(numList))
            """) {
            rows[(row[0] as Int) - 1] = row
        }
        var notes: [Int: [(text: String, sources: [Int])]] = [:]
        for note in try Row.fetchAll(db, sql: """
            SELECT position, text, sources FROM event_notes WHERE position IN (\(positionList)) ORDER BY position, seq
            """) {
            notes[note[0], default: []].append((note[1], try indices(note[2])))
        }
        var quoteNums: [Int: [Int]] = [:]
        for link in try Row.fetchAll(db, sql: """
            SELECT position, quote FROM quote_events WHERE position IN (\(positionList)) ORDER BY position, quote
            """) {
            quoteNums[link[0], default: []].append(link[1])
        }

        // What the events and notes cite, each read once.
        var sourceIndices = Set<Int>(), personIndices = Set<Int>()
        for row in rows.values {
            sourceIndices.formUnion(try indices(row[13]))
            personIndices.formUnion(try indices(row[14]))
        }
        for list in notes.values { for note in list { sourceIndices.formUnion(note.sources) } }
        var sources: [Int: Source] = [:]
        if !sourceIndices.isEmpty {
            for row in try Row.fetchAll(db, sql: """
                SELECT \(sourceColumns) FROM sources WHERE num IN (\(sourceIndices.map { String($0 + 1) }.joined(separator: ",")))
                """) {
                sources[(row[0] as Int) - 1] = try StoreRows.source(row)
            }
        }
        var people: [Int: Person] = [:]
        if !personIndices.isEmpty {
            for row in try Row.fetchAll(db, sql: """
                SELECT \(personColumns) FROM people WHERE num IN (\(personIndices.map { String($0 + 1) }.joined(separator: ",")))
                """) {
                people[(row[0] as Int) - 1] = StoreRows.person(row)
            }
        }
        var quotes: [Int: QuoteDetail] = [:]
        for num in Set(quoteNums.values.joined()) { quotes[num] = try quote(db, num: num) }

        func source(at index: Int) throws -> Source {
            guard let source = sources[index] else { throw corrupt("no source \(index)") }
            return source
        }
        func person(at index: Int) throws -> Person {
            guard let person = people[index] else { throw corrupt("no person \(index)") }
            return person
        }

        return try positions.map { position in
            guard let row = rows[position] else { throw StoreError(message: "no event at position \(position)", exitCode: 65) }
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
            let facts = EventFacts(
                id: base.id, date: base.date, title: base.title, summary: row[7],
                participants: try participants(mode: row[8], text: row[9]), kind: base.kind, place: place, status: base.status,
                tags: tags.map { list($0, Character(StoreSchema.listSeparator)) } ?? [], attributes: try attributes(row[15]))
            return EventDetail(
                position: base.position, facts: facts, pairLabels: base.pairLabels,
                sources: try indices(row[13]).map(source(at:)),
                people: try indices(row[14]).map(person(at:)),
                notes: try (notes[position] ?? []).map { note in ResolvedNote(text: note.text, sources: try note.sources.map(source(at:))) },
                quotes: (quoteNums[position] ?? []).compactMap { quotes[$0] })
        }
    }
}
