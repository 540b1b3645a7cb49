import GRDB
import TimelineKit

/// A date filter's selection, of every event or of one pair's or country's, when the store knows
/// how far its dates reach (`DateReach`): the events whose sort day is within the filter's range
/// are a run of consecutive positions (sort days never decrease with position), so the run is two
/// seeks; before it, the events whose dates start earlier but reach into the range are read from
/// at most `reach` days of sort days. No event after the run can match: every date starts on its
/// sort day. Index i of the selection is `before[i]`, then the run's entries in order.
struct SQLiteDateWindow: Sendable {
    /// `pair_events` or `country_events` and the list's id; nil for every event.
    struct List: Sendable {
        var table: String
        var id: Int
        var count: Int
    }

    let list: List?
    /// Positions before the run whose dates reach into the range, ascending, and the month of each
    /// one's sort day.
    let before: [Int32], beforeMonths: [Int]
    /// The run: a range of the list's seq (of positions, for every event).
    let run: Range<Int>
    /// The months of the run's first and last events' sort days (nil: an empty run).
    let runMonths: ClosedRange<Int>?

    var count: Int { before.count + run.count }

    /// A date range in positions: its run is `start..<end`; the events that may reach into it from
    /// before are at `from..<start` (`reach` days of sort days before `lower`).
    struct Bounds {
        /// The range's first day (nil: none) and the last sort day in it.
        var lower: Int?, top: Int
        var from: Int, start: Int, end: Int
    }

    static func bounds(_ db: Database, lower: Int?, upper: Int?, reach: DateReach, eventCount: Int) throws -> Bounds {
        let lower = lower == Int.min ? nil : lower
        // An unknown date (sort day Int.max) is in no date range.
        let top = min(upper ?? Int.max - 1, Int.max - 1)
        let start = try lower.map { try StoreSeeks.firstPosition(db, sortDayAtLeast: $0, eventCount: eventCount) } ?? 0
        let end = max(start, try StoreSeeks.firstPosition(db, sortDayAtLeast: top + 1, eventCount: eventCount))
        var from = start
        if let lower, reach.days > 0 {
            let (earliest, overflow) = lower.subtractingReportingOverflow(reach.days)
            from = try StoreSeeks.firstPosition(db, sortDayAtLeast: overflow ? Int.min : earliest, eventCount: eventCount)
        }
        // Sort days never decrease with position in a store as written: an earlier day found later
        // is damage.
        guard from <= start else { throw StoreRows.corrupt("events out of date order before position \(start)") }
        return Bounds(lower: lower, top: top, from: from, start: start, end: end)
    }

    /// The window of the dates `lower...upper` (either may be absent) over `list`.
    static func make(_ db: Database, list: List?, lower: Int?, upper: Int?, reach: DateReach, eventCount: Int) throws -> SQLiteDateWindow {
        let bounds = try bounds(db, lower: lower, upper: upper, reach: reach, eventCount: eventCount)
        var before: [Int32] = [], beforeMonths: [Int] = []
        if let lower = bounds.lower, bounds.from < bounds.start {
            let rows: RowCursor
            if let list {
                rows = try Row.fetchCursor(db, sql: """
                    SELECT l.position, e.sort_day FROM \(list.table)_events l JOIN events e ON e.num = l.position + 1
                    WHERE l.\(list.table) = ? AND l.position >= ? AND l.position < ? AND e.filter_hi >= ? AND e.sort_day <= ?
                    ORDER BY l.position
                    """, arguments: [list.id, bounds.from, bounds.start, lower, bounds.top])
            } else {
                rows = try Row.fetchCursor(db, sql: """
                    SELECT num - 1, sort_day FROM events WHERE num > ? AND num <= ? AND filter_hi >= ? AND sort_day <= ? ORDER BY num
                    """, arguments: [bounds.from, bounds.start, lower, bounds.top])
            }
            while let row = try rows.next() {
                let checked = CheckedRow(row, table: list.map { "\($0.table)_events" } ?? "events")
                let position = try checked.int(0, in: bounds.from ..< bounds.start)
                before.append(Int32(position))
                beforeMonths.append(try month(ofRunDay: try checked.day(1, marks: true), position: position))
            }
        }

        let run: Range<Int>
        if let list {
            let first = try StoreSeeks.firstSeq(db, table: list.table, id: list.id, count: list.count, positionAtLeast: bounds.start)
            run = first ..< max(first, try StoreSeeks.firstSeq(db, table: list.table, id: list.id, count: list.count, positionAtLeast: bounds.end))
        } else {
            run = bounds.start ..< bounds.end
        }
        var runMonths: ClosedRange<Int>?
        if !run.isEmpty {
            func month(ofSeq seq: Int) throws -> Int {
                let position = try list.map { try StoreSeeks.listPosition(db, table: $0.table, id: $0.id, seq: seq, eventCount: eventCount) } ?? seq
                return try Self.month(ofRunDay: try StoreSeeks.sortDay(db, position: position), position: position)
            }
            let first = try month(ofSeq: run.lowerBound), last = try month(ofSeq: run.upperBound - 1)
            guard first <= last else { throw StoreRows.corrupt("events out of date order between positions \(bounds.start) and \(bounds.end)") }
            runMonths = first ... last
        }
        return SQLiteDateWindow(list: list, before: before, beforeMonths: beforeMonths, run: run, runMonths: runMonths)
    }

    /// The month of a selected event's sort day, which a store with a reach never leaves unknown.
    private static func month(ofRunDay day: Int, position: Int) throws -> Int {
        guard day != Int.min, day != Int.max else {
            throw StoreRows.corrupt("the event at position \(position) has no known start, where the meta table's \(DateReach.metaKey) says every date has")
        }
        return MonthCount.month(ofDay: day)
    }

    /// The selection of several pairs within the dates `lower...upper` (either may be absent): their
    /// lists read only over the window's positions (`PairUnion`), those before the run kept when
    /// their dates reach into the range. Positions and their months, as `SQLiteSelection` keeps them.
    static func pairs(_ db: Database, ids: [Int], lower: Int?, upper: Int?, reach: DateReach,
                      eventCount: Int) throws -> (positions: [Int32], months: [Int]) {
        let bounds = try bounds(db, lower: lower, upper: upper, reach: reach, eventCount: eventCount)
        var positions = try PairUnion.positions(db, pairIDs: ids, count: eventCount, window: bounds.from ..< bounds.end)
        let runStart = AscendingPositions.firstIndex(in: positions, atOrAfter: bounds.start) ?? positions.count
        if let lower = bounds.lower, runStart > 0 {
            // The candidates before the run: kept when their dates reach into the range.
            var kept = Set<Int32>()
            for chunkStart in stride(from: 0, to: runStart, by: 500) {
                let chunk = positions[chunkStart ..< min(chunkStart + 500, runStart)].map { String($0 + 1) }.joined(separator: ",")
                kept.formUnion(try CheckedRow.ints(db, "events", sql: """
                    SELECT num - 1 FROM events WHERE num IN (\(chunk)) AND filter_hi >= ? AND sort_day <= ?
                    """, arguments: [lower, bounds.top], in: StoreRows.positions(eventCount)).map(Int32.init))
            }
            positions = positions[..<runStart].filter(kept.contains) + positions[runStart...]
        }
        return (positions, try PairUnion.months(db, of: positions, count: eventCount))
    }

    // MARK: index ↔ position

    /// The positions of the indices in `range` (already clamped to the selection), ascending.
    func positions(_ db: Database, _ range: Range<Int>, eventCount: Int) throws -> [Int] {
        guard !range.isEmpty else { return [] }
        let positions = before[min(range.lowerBound, before.count) ..< min(range.upperBound, before.count)].map(Int.init)
        guard range.upperBound > before.count else { return positions }
        let seqs = max(range.lowerBound, before.count) - before.count + run.lowerBound ..< range.upperBound - before.count + run.lowerBound
        guard let list else { return positions + Array(seqs) }
        return positions + (try StoreSeeks.listPositions(db, table: list.table, id: list.id, seqs: seqs, eventCount: eventCount))
    }

    /// The first index whose position is `position` or later.
    func index(_ db: Database, atOrAfter position: Int, eventCount: Int) throws -> Int? {
        if let index = AscendingPositions.firstIndex(in: before, atOrAfter: position) { return index }
        let seq = try list.map { try StoreSeeks.firstSeq(db, table: $0.table, id: $0.id, count: $0.count, positionAtLeast: position) } ?? position
        let inRun = max(seq, run.lowerBound)
        return inRun < run.upperBound ? before.count + inRun - run.lowerBound : nil
    }

    /// Bucket counts as `EventSelection.bucketCounts` defines them: the events before the run by
    /// their months, the run's by two seeks a bound (where the first day of that month falls in it).
    func bucketCounts(_ db: Database, monthBounds: [Int], eventCount: Int) throws -> [Int] {
        var counts = [Int](repeating: 0, count: monthBounds.count - 1)
        SQLiteSelection.addMonths(beforeMonths, monthBounds: monthBounds, into: &counts)
        guard let runMonths else { return counts }
        /// How many of the run's events sort in a month before `month`.
        func below(_ month: Int) throws -> Int {
            if month <= runMonths.lowerBound { return 0 }
            if month > runMonths.upperBound { return run.count }
            let position = try StoreSeeks.firstPosition(db, sortDayAtLeast: MonthCount.firstDay(ofMonth: month), eventCount: eventCount)
            let seq = try list.map { try StoreSeeks.firstSeq(db, table: $0.table, id: $0.id, count: $0.count, positionAtLeast: position) } ?? position
            return min(max(seq, run.lowerBound), run.upperBound) - run.lowerBound
        }
        var lower = try below(monthBounds[0])
        for bucket in counts.indices {
            let upper = try below(monthBounds[bucket + 1])
            counts[bucket] += upper - lower
            lower = upper
        }
        return counts
    }

    /// Every position, ascending: the run's from its list (or its range).
    func allPositions(_ db: Database, eventCount: Int) throws -> [Int] {
        try positions(db, 0 ..< count, eventCount: eventCount)
    }
}
