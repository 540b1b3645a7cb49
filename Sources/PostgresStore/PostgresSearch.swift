import Foundation
import TimelineKit

/// A search as a `tsquery` over the events' `words`, and the plan to find its next match by.
///
/// Each folded word of `SearchText` is a prefix lexeme (`'talk':*`), ANDed. The planner cannot
/// estimate prefix queries on this kind of column (design/postgres.md: it estimated a flat 2% and
/// always walked the primary key, 0.4-0.6 s for a rare word at 3M events), so the store picks the
/// plan itself from the `lexicon` table (how many events hold each word): a common search walks the
/// positions testing each row (`ts_match_vq`, not indexable), a rare one asks the GIN index for the
/// rarest word alone, with the rest as a filter, and sorts its few matches.
struct PostgresSearch {
    /// The whole search, for `@@` and `ts_match_vq`.
    let query: String
    /// The rarest word alone (the index's part of a rare search).
    let rarest: String
    /// The estimated share of events that match (product of the words' shares; an upper bound).
    let frequency: Double

    /// Walk at or above this share, else the index (the measured crossover, design/postgres.md).
    static let walkAbove = 0.002
    /// Rows a walk reads before it gives up for the index (a word that clusters in time).
    static let walkWindow = 20_000
    /// The same for the quote pane's search: a word no quote holds walked the whole window before
    /// the index said so (18 ms for 20,000 quotes at 10M events); quotes are fewer, the index's
    /// answer for them cheap.
    static let quoteWalkWindow = 2_000

    static func lexeme(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "':*"
    }
}

/// How many events hold words beginning with a prefix, per store, remembered.
final class LexiconCounts: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [String: Int] = [:]

    func count(_ word: String, store: PostgresEventStore) throws -> Int {
        if let count = lock.withLock({ known[word] }) { return count }
        let count = try store.query("""
            SELECT coalesce(sum(ndoc), 0)::bigint FROM \(store.schema).lexicon WHERE word >= $1 AND word < $2
            """, [.text(word), .text(word + "\u{10FFFF}")], table: "lexicon").first?.int(0) ?? 0
        lock.withLock {
            if known.count >= 4096 { known.removeAll() }
            known[word] = count
        }
        return count
    }
}

extension PostgresEventStore {
    /// The search's query and plan; nil when some word begins no word of the dataset (nothing matches).
    func search(_ search: SearchText) throws -> PostgresSearch? {
        guard !search.words.isEmpty else { return nil }
        var frequency = 1.0
        var rarest: (word: String, count: Int)?
        for word in Set(search.words) {
            let count = try lexicon.count(word, store: self)
            if count == 0 { return nil }
            frequency *= min(1, Double(count) / Double(max(1, info.eventCount)))
            if rarest == nil || count < rarest!.count { rarest = (word, count) }
        }
        return PostgresSearch(query: search.words.map(PostgresSearch.lexeme).joined(separator: " & "),
                              rarest: PostgresSearch.lexeme(rarest!.word), frequency: frequency)
    }

    /// The first matching position at or after (or at or before) `position` among all events.
    func neighbour(_ search: PostgresSearch, from position: Int, forward: Bool) throws -> Int? {
        let (comparison, order) = forward ? (">=", "ASC") : ("<=", "DESC")
        if search.frequency >= PostgresSearch.walkAbove {
            let bound = forward ? "position < $3" : "position > $3"
            let limit = forward ? position + walkWindow : position - walkWindow
            let rows = try query("""
                SELECT position FROM \(schema).events WHERE position \(comparison) $1 AND \(bound) AND ts_match_vq(words, $2::tsquery)
                ORDER BY position \(order) LIMIT 1
                """, [.int(position), .text(search.query), .int(limit)], table: "events")
            if let found = rows.first { return try found.int(0) }
            let next = forward ? limit : limit
            if forward ? next >= info.eventCount : next < 0 { return nil }
            return try indexed(search, from: next, comparison: comparison, order: order)
        }
        return try indexed(search, from: position, comparison: comparison, order: order)
    }

    /// The index's answer: the rarest word's matches past the position, the rest tested on them,
    /// sorted (`position + 0` keeps the planner off the primary key's range, a trap measured at 111 ms).
    private func indexed(_ search: PostgresSearch, from position: Int, comparison: String, order: String) throws -> Int? {
        try query("""
            SELECT position FROM \(schema).events WHERE words @@ $2::tsquery AND position + 0 \(comparison) $1
                AND ts_match_vq(words, $3::tsquery)
            ORDER BY position + 0 \(order) LIMIT 1
            """, [.int(position), .text(search.rarest), .text(search.query)], table: "events").first?.int(0)
    }

    /// The matching positions among these.
    func hits(_ search: PostgresSearch, among positions: [Int]) throws -> Set<Int> {
        guard !positions.isEmpty else { return [] }
        return Set(try query("""
            SELECT position FROM \(schema).events WHERE position = ANY($1) AND ts_match_vq(words, $2::tsquery)
            """, [.ints(positions), .text(search.query)], table: "events").map { try $0.int(0) })
    }
}
