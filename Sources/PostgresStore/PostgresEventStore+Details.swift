import TimelineKit

extension PostgresEventStore {
    /// The events at these positions in full, in this order: a handful of queries for the lot (the
    /// events, their notes, their quotes, the sources and people they cite), whatever their number.
    public func events(atPositions positions: [Int]) throws -> [EventDetail] {
        guard !positions.isEmpty else { return [] }
        let count = info.eventCount
        if let bad = positions.first(where: { $0 < 0 || $0 >= count }) { throw PostgresRows.bad("no event at position \(bad)") }
        var events: [Int: (row: EventRow, facts: EventFacts, sources: [Int], people: [Int])] = [:]
        for row in try query("SELECT \(PostgresRows.detailColumns) FROM \(schema).events WHERE position = ANY($1)", [.ints(positions)],
                             table: "events") {
            let event = try PostgresRows.decodeEvent(row, count: count)
            events[event.row.position] = event
        }
        var notes: [Int: [(text: String, sources: [Int])]] = [:]
        for row in try query("SELECT position, text, sources FROM \(schema).event_notes WHERE position = ANY($1) ORDER BY position, seq",
                             [.ints(positions)], table: "event_notes") {
            notes[try row.int(0), default: []].append((try row.text(1), try PostgresRows.indices(row.text(2))))
        }
        var quoteNums: [Int: [Int]] = [:]
        for row in try query("SELECT position, quote FROM \(schema).quote_events WHERE position = ANY($1) ORDER BY position, quote",
                             [.ints(positions)], table: "quote_events") {
            quoteNums[try row.int(0), default: []].append(try row.int(1))
        }
        var sourceIndices = Set<Int>(), personIndices = Set<Int>()
        for event in events.values {
            sourceIndices.formUnion(event.sources)
            personIndices.formUnion(event.people)
        }
        for list in notes.values { for note in list { sourceIndices.formUnion(note.sources) } }
        let sources = try rows("sources", PostgresRows.sourceColumns, Array(sourceIndices), PostgresRows.source)
        let people = try rows("people", PostgresRows.personColumns, Array(personIndices), PostgresRows.person)
        let allQuotes = Array(Set(quoteNums.values.joined()))
        var quotes: [Int: QuoteDetail] = [:]
        for (num, detail) in zip(allQuotes, try quoteDetails(allQuotes)) { quotes[num] = detail }

        func source(_ index: Int) throws -> Source {
            guard let source = sources[index] else { throw PostgresRows.bad("no source \(index)") }
            return source
        }
        func person(_ index: Int) throws -> Person {
            guard let person = people[index] else { throw PostgresRows.bad("no person \(index)") }
            return person
        }
        return try positions.map { position in
            guard let event = events[position] else { throw PostgresRows.bad("no event at position \(position)") }
            return EventDetail(
                position: position, facts: event.facts, pairLabels: event.row.pairLabels,
                sources: try event.sources.map(source), people: try event.people.map(person),
                notes: try (notes[position] ?? []).map { ResolvedNote(text: $0.text, sources: try $0.sources.map(source)) },
                quotes: (quoteNums[position] ?? []).compactMap { quotes[$0] })
        }
    }

    /// The events at these indices of a selection, in full.
    public func events(in selection: any EventSelection, at range: Range<Int>) throws -> [EventDetail] {
        try events(atPositions: try selection.rows(range).map(\.position))
    }

    /// Rows of `sources` or `people` by index.
    func rows<T>(_ table: String, _ columns: String, _ indices: [Int], _ decode: (PGRow) throws -> T) throws -> [Int: T] {
        var result: [Int: T] = [:]
        guard !indices.isEmpty else { return result }
        for row in try query("SELECT \(columns) FROM \(schema).\(table) WHERE num = ANY($1)", [.ints(indices)], table: table) {
            result[try row.int(0)] = try decode(row)
        }
        return result
    }

    /// Quotes in full, in the order of `nums`: their speakers, sources and events.
    func quoteDetails(_ nums: [Int]) throws -> [QuoteDetail] {
        guard !nums.isEmpty else { return [] }
        let count = info.eventCount
        var quotes: [Int: (id: String, speaker: Int, text: String, context: String?, source: Int)] = [:]
        for row in try query("SELECT num, id, speaker, text, context, source FROM \(schema).quotes WHERE num = ANY($1)", [.ints(nums)],
                             table: "quotes") {
            quotes[try row.int(0)] = (try row.text(1), try row.int(2), try row.text(3), try row.optionalText(4), try row.int(5))
        }
        var links: [Int: [EventLink]] = [:]
        for row in try query("""
            SELECT q.quote, e.position, e.id, e.title, e.date FROM \(schema).quote_events q JOIN \(schema).events e ON e.position = q.position
            WHERE q.quote = ANY($1) ORDER BY q.quote, q.seq
            """, [.ints(nums)], table: "quote_events") {
            links[try row.int(0), default: []].append(EventLink(id: try row.text(2), title: try row.text(3), date: try PostgresRows.date(row.text(4)),
                                                                position: try row.int(1, in: 0 ..< count)))
        }
        let people = try rows("people", PostgresRows.personColumns, Array(Set(quotes.values.map(\.speaker))), PostgresRows.person)
        let sources = try rows("sources", PostgresRows.sourceColumns, Array(Set(quotes.values.map(\.source))), PostgresRows.source)
        return try nums.map { num in
            guard let quote = quotes[num] else { throw PostgresRows.bad("no quote \(num)") }
            guard let speaker = people[quote.speaker] else { throw PostgresRows.bad("no person \(quote.speaker)") }
            guard let source = sources[quote.source] else { throw PostgresRows.bad("no source \(quote.source)") }
            return QuoteDetail(id: quote.id, text: quote.text, context: quote.context, speaker: speaker, source: source, events: links[num] ?? [])
        }
    }
}
