import GRDB
import TimelineKit

/// How far past its sort day an event's date can reach, over a whole store: the largest
/// `filter_hi - sort_day` of the events with a known date, when every such event's `filter_lo` is
/// its sort day. A date filter (`--from`, `--to`) then selects a run of positions (the sort days
/// within its range) and, before it, only events whose sort day is at most `days` before its
/// start (`SQLiteDateWindow`): a few seeks when every date is a single day, as in GDELT and ICEWS,
/// instead of a read of every event.
///
/// Kept in the meta table as `date_reach`: the number of days, or NULL when some date has no such
/// bound (an open start, `../2017`, or an open end, `2015/..`; an unknown start or end is bounded by
/// the other end: `/2017` reaches over 2017); a store written before the key existed lacks it, and
/// its date filters read every event as they did.
struct DateReach: Equatable, Sendable {
    var days: Int

    static let metaKey = "date_reach"

    /// The reach of the events seen so far, as they are written.
    struct Tally {
        private(set) var reach: DateReach? = DateReach(days: 0)

        mutating func add(_ date: EDTFDate) {
            guard let current = reach else { return }
            let day = date.sortDay
            // An unknown date is in no date range: it bounds nothing.
            guard day != Int.max else { return }
            let range = date.filterRange
            let (span, overflow) = range.upperBound.subtractingReportingOverflow(day)
            guard range.lowerBound == day, range.upperBound != Int.max, !overflow else {
                reach = nil
                return
            }
            if span > current.days { reach = DateReach(days: span) }
        }
    }

    /// The store's reach: nil when the meta table says there is none (NULL) or says nothing (a
    /// store written before the key); a value that is not a whole number of days is a damaged store.
    static func read(_ db: Database) throws -> DateReach? {
        guard let row = try Row.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [metaKey]) else { return nil }
        let checked = CheckedRow(row, table: "meta", "'\(metaKey)'")
        return try checked.optionalInt(0, in: 0 ..< Int.max).map { DateReach(days: $0) }
    }

    /// What the events table says the reach is (the validator's check of the meta table's).
    static func counted(_ db: Database) throws -> DateReach? {
        let unbounded = try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM events WHERE sort_day != \(Int.max)
                AND (filter_lo != sort_day OR filter_hi = \(Int.max) OR sort_day = \(Int.min)))
            """) ?? false
        guard !unbounded else { return nil }
        // Checked: a damaged row could make the difference overflow into a real number.
        let days = try CheckedRow.int(db, "events", sql: "SELECT max(filter_hi - sort_day) FROM events WHERE sort_day != \(Int.max)",
                                      in: Int.min ..< Int.max) ?? 0
        return DateReach(days: days)
    }
}
