import GRDB

/// The one-row seeks a selection is made of: where a sort day falls among the events, and where a
/// position falls in a pair's or country's list (`pair_events`, `country_events`). Each checked, so
/// a damaged store is an error naming its table, never a trap.
enum StoreSeeks {
    /// The first position whose sort day is `day` or later (the event count when none is).
    static func firstPosition(_ db: Database, sortDayAtLeast day: Int, eventCount: Int) throws -> Int {
        try CheckedRow.int(db, "events.num", sql: "SELECT num FROM events WHERE sort_day >= ? ORDER BY sort_day, num LIMIT 1",
                           arguments: [day], in: 1 ..< eventCount + 1).map { $0 - 1 } ?? eventCount
    }

    /// A list's first seq whose position is `position` or later (`count`, the list's, when none is).
    static func firstSeq(_ db: Database, table: String, id: Int, count: Int, positionAtLeast position: Int) throws -> Int {
        try CheckedRow.int(db, "\(table)_events", sql: """
            SELECT seq FROM \(table)_events WHERE \(table) = ? AND position >= ? ORDER BY position LIMIT 1
            """, arguments: [id, position], in: 0 ..< count) ?? count
    }

    /// The position of a list's entry.
    static func listPosition(_ db: Database, table: String, id: Int, seq: Int, eventCount: Int) throws -> Int {
        guard let position = try CheckedRow.int(db, "\(table)_events", sql: "SELECT position FROM \(table)_events WHERE \(table) = ? AND seq = ?",
                                                arguments: [id, seq], in: StoreRows.positions(eventCount)) else {
            throw StoreRows.corrupt("\(table) \(id) has no event \(seq)")
        }
        return position
    }

    /// The positions of a list's entries `seqs`, in order; every one must be there.
    static func listPositions(_ db: Database, table: String, id: Int, seqs: Range<Int>, eventCount: Int) throws -> [Int] {
        let positions = try CheckedRow.ints(db, "\(table)_events", sql: """
            SELECT position FROM \(table)_events WHERE \(table) = ? AND seq >= ? AND seq < ? ORDER BY seq
            """, arguments: [id, seqs.lowerBound, seqs.upperBound], in: StoreRows.positions(eventCount))
        guard positions.count == seqs.count else { throw StoreRows.corrupt("\(table) \(id) lacks events \(seqs.lowerBound)..<\(seqs.upperBound)") }
        return positions
    }

    /// An event's sort day.
    static func sortDay(_ db: Database, position: Int) throws -> Int {
        guard let row = try Row.fetchOne(db, sql: "SELECT sort_day FROM events WHERE num = ?", arguments: [position + 1]) else {
            throw StoreRows.corrupt("no event at position \(position)")
        }
        return try CheckedRow(row, table: "events", "num \(position + 1)").day(0, marks: true)
    }
}
