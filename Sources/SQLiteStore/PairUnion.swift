import GRDB
import TimelineKit

/// The selection of several pairs (nothing else filtered): their membership lists merged in
/// position order, and each position's month from the store's month counts. Reading each event's
/// sort day instead (a join with `events`) was a random read per selected event, seconds for the
/// busiest pairs of a large store; this reads only the lists, in order, and one row per month.
/// Still proportional to the pairs' events (the union's "N of M" and its positions need them all).
enum PairUnion {
    /// The positions of the events of any of these pairs, ascending, each once; only those in
    /// `window` when one is given (a date filter's, `SQLiteDateWindow.pairs`).
    static func positions(_ db: Database, pairIDs: [Int], count: Int, window: Range<Int>? = nil) throws -> [Int32] {
        // A statement per list, stepped side by side: SQLite allows several open at once.
        var cursors = try pairIDs.map { id in
            guard let window else {
                return try Row.fetchCursor(db.makeStatement(sql: "SELECT position FROM pair_events WHERE pair = ? ORDER BY seq"), arguments: [id])
            }
            return try Row.fetchCursor(db.makeStatement(sql: """
                SELECT position FROM pair_events WHERE pair = ? AND position >= ? AND position < ? ORDER BY position
                """), arguments: [id, window.lowerBound, window.upperBound])
        }
        var heads = try cursors.indices.map { try next(&cursors[$0], count: count, after: -1) }
        var merged: [Int32] = []
        while true {
            // The smallest head; a linear scan, as a filter names a handful of pairs.
            var smallest: Int?
            for index in heads.indices {
                guard let head = heads[index] else { continue }
                if smallest.map({ head < heads[$0]! }) ?? true { smallest = index }
            }
            guard let smallest, let position = heads[smallest] else { return merged }
            merged.append(Int32(position))
            // Every list at this position moves on, so an event of several of the pairs is added once.
            for index in heads.indices where heads[index] == position {
                heads[index] = try next(&cursors[index], count: count, after: position)
            }
        }
    }

    /// A list's next position: within the store, and after the one before (lists are in
    /// chronological order, so a position that does not increase is damage).
    private static func next(_ cursor: inout RowCursor, count: Int, after previous: Int) throws -> Int? {
        guard let row = try cursor.next() else { return nil }
        let position = try CheckedRow(row, table: "pair_events").int(0, in: StoreRows.positions(count))
        guard position > previous else { throw StoreRows.corrupt("pair_events: position \(position) out of order") }
        return position
    }

    /// The month of each position's sort day (`Int.min` when it has none), as `Collector` gives it:
    /// positions are in chronological order, so the events of no known start come first, then each
    /// month's `months.count` events in turn, then those of no known date.
    static func months(_ db: Database, of positions: [Int32], count: Int) throws -> [Int] {
        let leading = try CheckedRow.int(db, "events", sql: "SELECT count(*) FROM events WHERE sort_day = ?",
                                         arguments: [Int.min], in: 0 ..< count + 1) ?? 0
        let rows = try CheckedRow.fetchAll(db, table: "months", sql: "SELECT month, count FROM months ORDER BY month")
        var months: [Int] = [], ends: [Int] = []
        var end = leading
        for row in rows {
            months.append(try row.int(0, in: Int.min + 1 ..< Int.max))
            end += try row.int(1, in: 1 ..< count + 1)
            ends.append(end)
        }
        guard end <= count else { throw StoreRows.corrupt("months: \(end) events counted of \(count)") }
        var result: [Int] = []
        result.reserveCapacity(positions.count)
        var month = 0
        for position in positions.lazy.map(Int.init) {
            if position < leading { result.append(Int.min); continue }
            while month < ends.count, position >= ends[month] { month += 1 }
            result.append(month < ends.count ? months[month] : Int.min)
        }
        return result
    }
}
