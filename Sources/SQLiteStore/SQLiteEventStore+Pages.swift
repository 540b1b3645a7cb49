import GRDB
import TimelineKit

extension SQLiteEventStore {
    /// The events at these positions in full, in this order, each as `event(atPosition:)` reads it,
    /// but in one transaction and a handful of queries for the lot (the events, their notes, their
    /// quote links, the sources and people they cite) instead of several queries an event: for
    /// streaming a page of a selection (`list --format json`).
    public func events(atPositions positions: [Int]) throws -> [EventDetail] {
        guard !positions.isEmpty else { return [] }
        let count = info.eventCount
        return try read { db in
            try StoreRows.details(db, positions: positions, count: count, hasAttributes: hasAttributes, hasActors: hasActors, hasCameo: hasCameo)
        }
    }

    /// The events at these indices of a selection, in full: `events(atPositions:)` of its rows'
    /// positions, which a selection of this store knows without reading its rows.
    public func events(in selection: any EventSelection, at range: Range<Int>) throws -> [EventDetail] {
        if let selection = selection as? SQLiteSelection, selection.store === self {
            switch selection.backing {
            case .all(let count): return try events(atPositions: Array(range.clamped(to: 0..<count)))
            case .positions(let positions, _): return try events(atPositions: positions[range.clamped(to: positions.indices)].map(Int.init))
            case .window(let window):
                let positions = try read { db in try window.positions(db, range.clamped(to: 0 ..< window.count), eventCount: info.eventCount) }
                return try events(atPositions: positions)
            case .list: break
            }
        }
        return try events(atPositions: try selection.rows(range).map(\.position))
    }
}

extension StoreRows {
    /// An event's own columns, decoded as the cursor passes (a cursor's row is not copied).
    private struct PageEvent {
        var row: EventRow
        var facts: EventFacts
        var sources: [Int]
        var people: [Int]
    }

    /// `detail(_:position:)` for many positions at once, through the same checked decoders.
    static func details(_ db: Database, positions: [Int], count: Int, hasAttributes: Bool, hasActors: Bool,
                        hasCameo: Bool = true) throws -> [EventDetail] {
        let valid = StoreRows.positions(count)
        if let bad = positions.first(where: { !valid.contains($0) }) { throw corrupt("no event at position \(bad)") }
        // Integers written into the SQL: no limit on bound variables, nothing to escape. A run of
        // consecutive positions (a page of every event) is a range.
        let consecutive = positions.last! - positions.first! == positions.count - 1
            && zip(positions, positions.dropFirst()).allSatisfy { $0 + 1 == $1 }
        let inPositions = consecutive ? "BETWEEN \(positions.first!) AND \(positions.last!)"
            : "IN (\(positions.map(String.init).joined(separator: ",")))"
        let inNums = consecutive ? "BETWEEN \(positions.first! + 1) AND \(positions.last! + 1)"
            : "IN (\(positions.map { String($0 + 1) }.joined(separator: ",")))"

        var events: [Int: PageEvent] = [:]
        events.reserveCapacity(positions.count)
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT \(detailColumns(hasAttributes: hasAttributes, hasActors: hasActors, hasCameo: hasCameo)) FROM events WHERE num \(inNums)
            """)
        while let row = try cursor.next() {
            let event = try decodeEvent(row, count: count)
            events[event.row.position] = PageEvent(row: event.row, facts: event.facts, sources: event.sources, people: event.people)
        }
        var notes: [Int: [(text: String, sources: [Int])]] = [:]
        let noteCursor = try Row.fetchCursor(db, sql: """
            SELECT position, text, sources FROM event_notes WHERE position \(inPositions) ORDER BY position, seq
            """)
        while let raw = try noteCursor.next() {
            let note = CheckedRow(raw, table: "event_notes")
            notes[try note.int(0, in: valid), default: []].append((try note.text(1), try note.decoded(2, indices)))
        }
        var quoteNums: [Int: [Int]] = [:]
        let linkCursor = try Row.fetchCursor(db, sql: """
            SELECT position, quote FROM quote_events WHERE position \(inPositions) ORDER BY position, quote
            """)
        while let raw = try linkCursor.next() {
            let link = CheckedRow(raw, table: "quote_events")
            quoteNums[try link.int(0, in: valid), default: []].append(try link.int(1, in: counts))
        }

        // What the events and notes cite, each read once.
        var sourceIndices = Set<Int>(), personIndices = Set<Int>()
        for event in events.values {
            sourceIndices.formUnion(event.sources)
            personIndices.formUnion(event.people)
        }
        for list in notes.values { for note in list { sourceIndices.formUnion(note.sources) } }
        let sources = try rows(db, "sources", columns: sourceColumns, indices: sourceIndices, decode: StoreRows.source)
        let people = try rows(db, "people", columns: personColumns, indices: personIndices, decode: StoreRows.person)
        var quotes: [Int: QuoteDetail] = [:]
        for num in Set(quoteNums.values.joined()) { quotes[num] = try quote(db, num: num, count: count) }

        func source(at index: Int) throws -> Source {
            guard let source = sources[index] else { throw corrupt("no source \(index)") }
            return source
        }
        func person(at index: Int) throws -> Person {
            guard let person = people[index] else { throw corrupt("no person \(index)") }
            return person
        }

        return try positions.map { position in
            guard let event = events[position] else { throw corrupt("no event at position \(position)") }
            return EventDetail(
                position: position, facts: event.facts, pairLabels: event.row.pairLabels,
                sources: try event.sources.map(source(at:)),
                people: try event.people.map(person(at:)),
                notes: try (notes[position] ?? []).map { note in ResolvedNote(text: note.text, sources: try note.sources.map(source(at:))) },
                quotes: (quoteNums[position] ?? []).compactMap { quotes[$0] })
        }
    }

    /// The rows of `table` at these indices (`num` = index + 1), decoded, by index.
    private static func rows<T>(_ db: Database, _ table: String, columns: String, indices: Set<Int>,
                                decode: (CheckedRow) throws -> T) throws -> [Int: T] {
        var result: [Int: T] = [:]
        guard !indices.isEmpty else { return result }
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT \(columns) FROM \(table) WHERE num IN (\(indices.map { String($0 + 1) }.joined(separator: ",")))
            """)
        while let raw = try cursor.next() {
            let row = CheckedRow(raw, table: table)
            result[try row.int(0, in: 1 ..< counts.upperBound) - 1] = try decode(row)
        }
        return result
    }
}
