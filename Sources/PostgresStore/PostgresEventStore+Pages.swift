// Issue 13's paged reads on PostgreSQL: pickers by query, quote selections, bucketed ruler counts.
import Foundation
import TimelineKit

extension PostgresEventStore {
    public func pairs(_ query: PickerQuery) throws -> [PairSummary] {
        try pickerPage(query, kind: 0, table: "pairs", columns: "key, label, count, first_date, last_day", key: "id", firstKey: 1,
                       keys: { PickerKeys.pair($0.displayOrder.0, $0.displayOrder.1) }) { rows in try rows.map(pairSummary) }
    }

    public func countries(_ query: PickerQuery) throws -> [CountryCount] {
        try pickerPage(query, kind: 1, table: "countries", columns: "alpha3, count", key: "id", firstKey: 1,
                       keys: { PickerKeys.country($0.country) }) { rows in try rows.map(countryCount) }
    }

    public func speakers(_ query: PickerQuery) throws -> [SpeakerCount] {
        try pickerPage(query, kind: 2, table: "speakers", columns: "person, quotes, first_index", key: "rank", firstKey: 0,
                       keys: { PickerKeys.speaker($0.person) }) { rows in
            let people = try self.rows("people", PostgresRows.personColumns, try rows.map { try $0.int(0) }, PostgresRows.person)
            return try rows.map { row in
                guard let person = people[try row.int(0)] else { throw PostgresRows.bad("no person \(try row.int(0))") }
                return SpeakerCount(person: person, quotes: try row.int(1, in: 1 ..< info.quoteCount + 1),
                                    firstIndex: try row.int(2, in: 0 ..< info.quoteCount))
            }
        }
    }

    /// One page of a picker, as the SQLite store's: `picker_prefixes` holds every prefix of every
    /// entry's keys with the entry's busiest-first rank. With nothing typed, the table from the
    /// page's first entry on (`key` is `firstKey` for rank 0 and counts up by one); with a prefix,
    /// the page's first rank is found by skipping `offset` entries of the prefix's index alone, and
    /// only the page is joined to its table. Typed text longer than the indexed prefixes is looked
    /// up by its first `pickerPrefixLength` characters and the entries found checked in full.
    private func pickerPage<T>(_ query: PickerQuery, kind: Int, table: String, columns: String, key: String, firstKey: Int,
                               keys: (T) -> [String], decode: ([PGRow]) throws -> [T]) throws -> [T] {
        let text = PickerKeys.normalized(query.text)
        let indexed = String(text.prefix(PostgresSchema.pickerPrefixLength))
        let exact = indexed == text
        let rows: [PGRow]
        if text.isEmpty {
            let start = query.offset > Int.max - firstKey ? Int.max : query.offset + firstKey
            rows = try self.query("SELECT \(columns) FROM \(schema).\(table) WHERE \(key) >= $1 ORDER BY \(key) LIMIT $2",
                                  [.int(start), .int(query.limit)], table: table)
        } else {
            let joined = columns.split(separator: ",").map { "t." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
            rows = try self.query("""
                SELECT \(joined) FROM \(schema).picker_prefixes x JOIN \(schema).\(table) t ON t.\(key) = x.rank + \(firstKey)
                WHERE x.kind = \(kind) AND x.prefix = $1
                  AND x.rank >= (SELECT rank FROM \(schema).picker_prefixes WHERE kind = \(kind) AND prefix = $1 ORDER BY rank LIMIT 1 OFFSET $2)
                ORDER BY x.rank LIMIT $3
                """, [.text(indexed), .int(exact ? query.offset : 0), .int(exact ? query.limit : Int.max)], table: "picker_prefixes")
        }
        let entries = try decode(rows)
        if exact { return entries }
        return Array(entries.filter { PickerKeys.matches(text, keys: keys($0)) }.dropFirst(query.offset).prefix(query.limit))
    }

    public func quoteSelection(_ scope: QuoteScope) throws -> any QuoteSelection {
        switch scope {
        case .allBySpeaker:
            return PostgresQuoteSelection(store: self, scope: scope, eventQuotes: nil)
        case .event(let position):
            let nums = try query("SELECT quote FROM \(schema).quote_events WHERE position = $1 ORDER BY quote", [.int(position)],
                                 table: "quote_events").map { try $0.int(0) }
            return PostgresQuoteSelection(store: self, scope: scope, eventQuotes: nums)
        }
    }
}

/// The quote pane's list: every quote by speaker rank (index = `speaker_rank`), or an event's few.
struct PostgresQuoteSelection: QuoteSelection {
    let store: PostgresEventStore
    let scope: QuoteScope
    /// The event's quote numbers in dataset order; nil for every quote by speaker.
    let eventQuotes: [Int]?

    var count: Int { eventQuotes?.count ?? store.info.quoteCount }
    private var schema: String { store.schema }

    /// Quote numbers at these indices.
    private func nums(_ range: Range<Int>) throws -> [Int] {
        let range = range.clamped(to: 0..<count)
        guard !range.isEmpty else { return [] }
        if let eventQuotes { return Array(eventQuotes[range]) }
        return try store.query("""
            SELECT num FROM \(schema).quotes WHERE speaker_rank >= $1 AND speaker_rank < $2 ORDER BY speaker_rank
            """, [.int(range.lowerBound), .int(range.upperBound)], table: "quotes").map { try $0.int(0) }
    }

    func quotes(_ range: Range<Int>) throws -> [QuoteDetail] {
        try store.quoteDetails(try nums(range))
    }

    func index(ofQuoteID id: String) throws -> Int? {
        guard let row = try store.query("SELECT num, speaker_rank FROM \(schema).quotes WHERE id = $1 ORDER BY num LIMIT 1", [.text(id)],
                                        table: "quotes").first else { return nil }
        if let eventQuotes { return eventQuotes.firstIndex(of: try row.int(0)) }
        return try row.int(1)
    }

    /// The run of the speaker around `index`: the nearest quotes of another speaker on each side
    /// (two index walks, as long as the run).
    func speakerRun(containing index: Int) throws -> Range<Int> {
        guard index >= 0, index < count else { return index..<index }
        if let eventQuotes {
            let speakers = try store.query("SELECT num, speaker FROM \(schema).quotes WHERE num = ANY($1)", [.ints(eventQuotes)], table: "quotes")
                .reduce(into: [Int: Int]()) { $0[try $1.int(0)] = try $1.int(1) }
            let speaker = speakers[eventQuotes[index]]
            var start = index, end = index + 1
            while start > 0, speakers[eventQuotes[start - 1]] == speaker { start -= 1 }
            while end < eventQuotes.count, speakers[eventQuotes[end]] == speaker { end += 1 }
            return start..<end
        }
        guard let row = try store.query("""
            SELECT (SELECT max(o.speaker_rank) FROM \(schema).quotes o WHERE o.speaker_rank < q.speaker_rank AND o.speaker <> q.speaker),
                   (SELECT min(o.speaker_rank) FROM \(schema).quotes o WHERE o.speaker_rank > q.speaker_rank AND o.speaker <> q.speaker)
            FROM \(schema).quotes q WHERE q.speaker_rank = $1
            """, [.int(index)], table: "quotes").first else { return index..<index }
        return ((try row.optionalInt(0)).map { $0 + 1 } ?? 0) ..< (try row.optionalInt(1) ?? count)
    }

    /// The next quote (in the pane's order) whose text or speaker has every search word as the
    /// beginning of a word, through `quotes.words` (as the reference tests each quote). Every quote
    /// by speaker: a short walk along `speaker_rank` testing each row (a common word is found
    /// there), else the GIN index for the matches past the index, sorted (a rare one). An event's
    /// few quotes: tested together.
    func match(_ search: SearchText, from index: Int, forward: Bool) throws -> Int? {
        guard !search.isEmpty, count > 0 else { return nil }
        let start = forward ? max(0, index) : min(index, count - 1)
        guard start >= 0, start < count else { return nil }
        let query = search.words.map(PostgresSearch.lexeme).joined(separator: " & ")
        if let eventQuotes {
            let hits = Set(try store.query("""
                SELECT num FROM \(schema).quotes WHERE num = ANY($1) AND ts_match_vq(words, $2::tsquery)
                """, [.ints(eventQuotes), .text(query)], table: "quotes").map { try $0.int(0) })
            let indices = forward ? Array(start..<count) : Array((0...start).reversed())
            return indices.first { hits.contains(eventQuotes[$0]) }
        }
        let (comparison, order) = forward ? (">=", "ASC") : ("<=", "DESC")
        let bound = forward ? "speaker_rank < $3" : "speaker_rank > $3"
        let limit = forward ? start + store.quoteWalkWindow : start - store.quoteWalkWindow
        if let found = try store.query("""
            SELECT speaker_rank FROM \(schema).quotes WHERE speaker_rank \(comparison) $1 AND \(bound) AND ts_match_vq(words, $2::tsquery)
            ORDER BY speaker_rank \(order) LIMIT 1
            """, [.int(start), .text(query), .int(limit)], table: "quotes").first {
            return try found.int(0, in: 0 ..< count)
        }
        if forward ? limit >= count : limit < 0 { return nil }
        // `speaker_rank + 0` keeps the planner off the rank's index (it would walk it all for a rare word).
        return try store.query("""
            SELECT speaker_rank FROM \(schema).quotes WHERE words @@ $2::tsquery AND speaker_rank + 0 \(comparison) $1
            ORDER BY speaker_rank + 0 \(order) LIMIT 1
            """, [.int(limit), .text(query)], table: "quotes").first?.int(0, in: 0 ..< count)
    }
}

extension PostgresSelection {
    /// One grouped read of the per-month rollups (`width_bucket` over the bounds), as the SQLite store's.
    func bucketCounts(monthBounds: [Int]) throws -> [Int] {
        guard monthBounds.count >= 2 else { return [] }
        var counts = [Int](repeating: 0, count: monthBounds.count - 1)
        if case .positions(_, let months) = backing {
            var bucket = 0
            for month in months where month != Int.min && month >= monthBounds[0] {
                while bucket < counts.count, month >= monthBounds[bucket + 1] { bucket += 1 }
                guard bucket < counts.count else { break }
                counts[bucket] += 1
            }
            return counts
        }
        let (table, filter, binds): (String, String, [PGValue]) = {
            if case .list(let table, let id, _) = backing { return (table + "_months", "\(table) = $2 AND ", [.int(id)]) }
            return ("months", "", [])
        }()
        for row in try store.query("""
            SELECT width_bucket(month, $1::bigint[]), sum(count)::bigint FROM \(store.schema).\(table)
            WHERE \(filter)month >= ($1::bigint[])[1] AND month < ($1::bigint[])[array_length($1::bigint[], 1)]
            GROUP BY 1
            """, [.ints(monthBounds)] + binds, table: table) {
            let bucket = try row.int(0) - 1
            if bucket >= 0 && bucket < counts.count { counts[bucket] = try row.int(1) }
        }
        return counts
    }
}
