import DatasetFormats
import GRDB
import TimelineKit

/// The quote pane's quotes from the store. Every quote by speaker: index = `speaker_rank`, so a
/// page is a range of that index, a quote's index one lookup by id, a speaker's run one row of
/// `quote_runs`, and the next match one seek in `quotes_fts` (rowid = rank + 1). One event's
/// quotes: their numbers read at once (an event has few), and its search tests those.
struct SQLiteQuoteSelection: QuoteSelection {
    let store: SQLiteEventStore
    let scope: QuoteScope
    /// The event's quote numbers (`quotes.num`) in dataset order, with each one's speaker; nil for all by speaker.
    let eventQuotes: [(num: Int, speaker: Int)]?

    static func make(store: SQLiteEventStore, scope: QuoteScope) throws -> SQLiteQuoteSelection {
        guard case .event(let position) = scope else { return SQLiteQuoteSelection(store: store, scope: scope, eventQuotes: nil) }
        guard position >= 0, position < store.info.eventCount else { return SQLiteQuoteSelection(store: store, scope: scope, eventQuotes: []) }
        let quotes = try store.read { db in
            try CheckedRow.fetchAll(db, table: "quotes", sql: """
                SELECT q.num, q.speaker FROM quote_events e JOIN quotes q ON q.num = e.quote WHERE e.position = ? ORDER BY e.quote
                """, arguments: [position]).map { (num: try $0.int(0, in: 1 ..< StoreRows.counts.upperBound),
                                                   speaker: try $0.int(1, in: StoreRows.counts)) }
        }
        return SQLiteQuoteSelection(store: store, scope: scope, eventQuotes: quotes)
    }

    var count: Int { eventQuotes?.count ?? store.info.quoteCount }

    func quotes(_ range: Range<Int>) throws -> [QuoteDetail] {
        let range = range.clamped(to: 0..<count)
        guard !range.isEmpty else { return [] }
        return try store.read { db in
            let nums: [Int]
            if let eventQuotes {
                nums = eventQuotes[range].map(\.num)
            } else {
                nums = try CheckedRow.ints(db, "quotes.num", sql: """
                    SELECT num FROM quotes WHERE speaker_rank >= ? AND speaker_rank < ? ORDER BY speaker_rank
                    """, arguments: [range.lowerBound, range.upperBound], in: 1 ..< StoreRows.counts.upperBound)
                guard nums.count == range.count else {
                    throw StoreRows.corrupt("\(nums.count) quotes ranked \(range.lowerBound)..<\(range.upperBound) by speaker")
                }
            }
            return try nums.map { try StoreRows.quote(db, num: $0, count: store.info.eventCount) }
        }
    }

    func index(ofQuoteID id: String) throws -> Int? {
        try store.read { db in
            guard let row = try CheckedRow.fetchOne(db, table: "quotes", "'\(StoreRows.shown(id))'",
                                                    sql: "SELECT num, speaker_rank FROM quotes WHERE id = ? ORDER BY num LIMIT 1",
                                                    arguments: [id]) else { return nil }
            guard let eventQuotes else { return try row.int(1, in: 0 ..< count) }
            let num = try row.int(0, in: 1 ..< StoreRows.counts.upperBound)
            return eventQuotes.firstIndex { $0.num == num }
        }
    }

    func speakerRun(containing index: Int) throws -> Range<Int> {
        guard index >= 0, index < count else { return index..<index }
        if let eventQuotes {
            let speaker = eventQuotes[index].speaker
            var start = index, end = index + 1
            while start > 0, eventQuotes[start - 1].speaker == speaker { start -= 1 }
            while end < eventQuotes.count, eventQuotes[end].speaker == speaker { end += 1 }
            return start..<end
        }
        return try store.read { db in
            guard let row = try CheckedRow.fetchOne(db, table: "quote_runs", "at \(index)",
                                                    sql: "SELECT start, end FROM quote_runs WHERE start <= ? ORDER BY start DESC LIMIT 1",
                                                    arguments: [index]) else {
                throw StoreRows.corrupt("quote_runs has no run at \(index)")
            }
            let start = try row.int(0, in: 0 ..< count), end = try row.int(1, in: start + 1 ..< count + 1)
            guard index < end else { throw StoreRows.corrupt("quote_runs leaves out \(index)") }
            return start..<end
        }
    }

    func match(_ search: SearchText, from index: Int, forward: Bool) throws -> Int? {
        guard !search.isEmpty, count > 0 else { return nil }
        if forward { guard index < count else { return nil } } else { guard index >= 0 else { return nil } }
        let start = forward ? max(0, index) : min(index, count - 1)
        guard let eventQuotes else {
            // Each word a prefix query, ANDed: the same words the tokenizer made (`SearchText`).
            let fts = search.words.map { SearchTerms.quoted($0) + "*" }.joined(separator: " AND ")
            let sql = forward
                ? "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid >= ? ORDER BY rowid LIMIT 1"
                : "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid <= ? ORDER BY rowid DESC LIMIT 1"
            return try store.read { db in
                guard let rowid = try Int.fetchOne(db.cachedStatement(sql: sql), arguments: [fts, start + 1]) else { return nil }
                guard rowid >= 1, rowid <= count else { throw StoreRows.corrupt("quotes_fts has row \(rowid), outside 1...\(count)") }
                return rowid - 1
            }
        }
        let order = forward ? Array(start..<eventQuotes.count) : Array((0...start).reversed())
        for candidate in order {
            guard let quote = try quotes(candidate..<(candidate + 1)).first else { continue }
            if search.matches(words: [quote.text, quote.speaker.name]) { return candidate }
        }
        return nil
    }
}

extension SQLiteEventStore {
    public func quoteSelection(_ scope: QuoteScope) throws -> any QuoteSelection {
        try SQLiteQuoteSelection.make(store: self, scope: scope)
    }
}
