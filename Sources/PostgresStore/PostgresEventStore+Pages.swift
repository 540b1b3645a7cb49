// Issue 13's paged reads on PostgreSQL: pickers by query, quote selections, bucketed ruler counts.
import Foundation
import TimelineKit

extension PostgresEventStore {
    /// Pickers filter the pairs read once (`pairSummaries()`, kept) by their keys: correct, and
    /// no query a key; but the work is the pairs', not the page's. The SQLite store's
    /// `picker_prefixes` table (every key's prefixes, with the rank) would make it one index range
    /// scan here too; not done yet.
    public func pairs(_ query: PickerQuery) throws -> [PairSummary] {
        let text = PickerKeys.normalized(query.text)
        return Array(try pairSummaries().lazy.filter { PickerKeys.matches(text, keys: PickerKeys.pair($0.displayOrder.0, $0.displayOrder.1)) }
            .dropFirst(query.offset).prefix(query.limit))
    }

    public func countries(_ query: PickerQuery) throws -> [CountryCount] {
        let text = PickerKeys.normalized(query.text)
        return Array(try countryCounts().lazy.filter { PickerKeys.matches(text, keys: PickerKeys.country($0.country)) }
            .dropFirst(query.offset).prefix(query.limit))
    }

    /// The quoted people, most quoted first (then name, then dataset order), with where their first
    /// quote stands in speaker order: one grouped query.
    public func speakers(_ query: PickerQuery) throws -> [SpeakerCount] {
        let text = PickerKeys.normalized(query.text)
        let rows = try self.query("""
            SELECT p.num, p.id, p.name, p.role, p.affiliation, count(*)::bigint, min(q.speaker_rank)
            FROM \(schema).quotes q JOIN \(schema).people p ON p.num = q.speaker
            GROUP BY p.num, p.id, p.name, p.role, p.affiliation
            ORDER BY count(*) DESC, p.name COLLATE "C", p.num
            """, table: "people")
        return Array(try rows.lazy.map { SpeakerCount(person: try PostgresRows.person($0), quotes: try $0.int(5), firstIndex: try $0.int(6)) }
            .filter { PickerKeys.matches(text, keys: PickerKeys.speaker($0.person)) }.dropFirst(query.offset).prefix(query.limit))
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

    /// Walks the quotes a page at a time, testing each as the reference does (each search word
    /// begins a word of the quote's text or its speaker's name).
    func match(_ search: SearchText, from index: Int, forward: Bool) throws -> Int? {
        guard !search.isEmpty, count > 0 else { return nil }
        var current = forward ? max(0, index) : min(index, count - 1)
        guard current >= 0, current < count else { return nil }
        let page = 500
        while current >= 0, current < count {
            let range = forward ? current..<min(count, current + page) : max(0, current - page + 1)..<current + 1
            let quotes = try quotes(range)
            let offsets = forward ? Array(quotes.indices) : quotes.indices.reversed()
            if let offset = offsets.first(where: { search.matches(words: [quotes[$0].text, quotes[$0].speaker.name]) }) {
                return range.lowerBound + offset
            }
            current = forward ? range.upperBound : range.lowerBound - 1
        }
        return nil
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
