import Foundation
import TimelineKit

/// A selection over a PostgreSQL dataset, shaped as the SQLite store's (`SQLiteSelection`):
/// - every event: index = position, no lookup;
/// - exactly one pair or one country: `pair_events`/`country_events` seq lookups (index scans);
/// - anything else: the matching positions read once, here, then O(1)/O(log n).
struct PostgresSelection: EventSelection {
    enum Backing: Sendable {
        case all(count: Int)
        /// `table` is "pair" or "country".
        case list(table: String, id: Int, count: Int)
        /// The selected positions, and each one's month (`Int.min` when its day is unknown).
        case positions([Int32], months: [Int])
    }

    let store: PostgresEventStore
    let query: TimelineQuery
    let backing: Backing

    private var schema: String { store.schema }

    static func make(store: PostgresEventStore, query: TimelineQuery) throws -> PostgresSelection {
        let search = SearchText(query.text)
        let onlyMembership = query.from == nil && query.to == nil && query.kind == nil && search.isEmpty
        let schema = store.schema
        let empty = PostgresSelection(store: store, query: query, backing: .positions([], months: []))
        func listID(_ table: String, _ key: String, _ value: String) throws -> (Int, Int)? {
            try store.query("SELECT id, count FROM \(schema).\(table) WHERE \(key) = $1", [.text(value)], table: table).first
                .map { (try $0.int(0), try $0.int(1, in: 0 ..< store.info.eventCount + 1)) }
        }
        if onlyMembership {
            if query.pairs.isEmpty, query.country == nil {
                return PostgresSelection(store: store, query: query, backing: .all(count: store.info.eventCount))
            }
            if query.pairs.count == 1, query.country == nil {
                guard let (id, count) = try listID("pairs", "key", PostgresEventStore.pairKey(query.pairs.first!)) else { return empty }
                return PostgresSelection(store: store, query: query, backing: .list(table: "pair", id: id, count: count))
            }
            if query.pairs.isEmpty, let country = query.country {
                guard let (id, count) = try listID("countries", "alpha3", country.alpha3) else { return empty }
                return PostgresSelection(store: store, query: query, backing: .list(table: "country", id: id, count: count))
            }
        }
        var conditions: [String] = []
        var binds: [PGValue] = []
        func bind(_ value: PGValue) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        if !query.pairs.isEmpty {
            let ids = try query.pairs.compactMap { try listID("pairs", "key", PostgresEventStore.pairKey($0))?.0 }
            if ids.isEmpty { return empty }
            conditions.append("position IN (SELECT position FROM \(schema).pair_events WHERE pair = ANY(\(bind(.ints(ids)))))")
        }
        if let country = query.country {
            guard let (id, _) = try listID("countries", "alpha3", country.alpha3) else { return empty }
            conditions.append("position IN (SELECT position FROM \(schema).country_events WHERE country = \(bind(.int(id))))")
        }
        let lower = query.from?.earliestDay ?? query.from?.filterRange.lowerBound
        let upper = query.to?.latestDay ?? query.to?.filterRange.upperBound
        if let lower { conditions.append("filter_hi >= \(bind(.int(lower)))") }
        if let upper { conditions.append("filter_lo <= \(bind(.int(upper)))") }
        // An event of unknown date is in no date range, as in `TimelineQuery.matches`.
        if lower != nil || upper != nil { conditions.append("filter_lo <> \(Int.max)") }
        if let kind = query.kind { conditions.append("kind = \(bind(.text(kind)))") }
        if !search.isEmpty {
            guard let found = try store.search(search) else { return empty }
            conditions.append("words @@ \(bind(.text(found.query)))::tsquery")
        }
        // Two arrays in one row: decoding a row per match cost several times the server's work.
        let row = try store.query("""
            SELECT array_agg(position ORDER BY position), array_agg(coalesce(month, \(Int.min)) ORDER BY position)
            FROM \(schema).events WHERE \(conditions.joined(separator: " AND "))
            """, binds, table: "events").first
        let found = try row?.ints(0) ?? [], foundMonths = try row?.ints(1) ?? []
        guard found.count == foundMonths.count else { throw PostgresRows.bad("selection: \(found.count) positions, \(foundMonths.count) months") }
        var positions: [Int32] = []
        positions.reserveCapacity(found.count)
        for position in found {
            guard position >= 0, position < store.info.eventCount else { throw PostgresRows.bad("events.position \(position) out of range") }
            positions.append(Int32(position))
        }
        return PostgresSelection(store: store, query: query, backing: .positions(positions, months: foundMonths))
    }

    var count: Int {
        switch backing {
        case .all(let count), .list(_, _, let count): return count
        case .positions(let positions, _): return positions.count
        }
    }

    // MARK: index ↔ position

    private func positions(_ range: Range<Int>) throws -> [Int] {
        guard !range.isEmpty else { return [] }
        switch backing {
        case .all: return Array(range)
        case .list(let table, let id, _):
            let positions = try store.query("""
                SELECT position FROM \(schema).\(table)_events WHERE \(table) = $1 AND seq >= $2 AND seq < $3 ORDER BY seq
                """, [.int(id), .int(range.lowerBound), .int(range.upperBound)], table: "\(table)_events").map { try $0.int(0) }
            guard positions.count == range.count else { throw PostgresRows.bad("\(table) \(id) lacks events \(range.lowerBound)..<\(range.upperBound)") }
            return positions
        case .positions(let positions, _): return range.map { Int(positions[$0]) }
        }
    }

    private func position(at index: Int) throws -> Int {
        guard let position = try positions(index ..< index + 1).first else { throw PostgresRows.bad("no event \(index)") }
        return position
    }

    private func index(atOrAfter position: Int) throws -> Int? {
        switch backing {
        case .all(let count): return position < count && count > 0 ? max(0, position) : nil
        case .list(let table, let id, _):
            return try store.query("""
                SELECT seq FROM \(schema).\(table)_events WHERE \(table) = $1 AND position >= $2 ORDER BY position LIMIT 1
                """, [.int(id), .int(position)], table: "\(table)_events").first?.int(0, in: 0 ..< count)
        case .positions(let positions, _):
            return AscendingPositions.firstIndex(in: positions, atOrAfter: position)
        }
    }

    private func index(atOrBefore position: Int) throws -> Int? {
        let next = position == Int.max ? count : try index(atOrAfter: position + 1) ?? count
        return next > 0 ? next - 1 : nil
    }

    // MARK: EventSelection

    func rows(_ range: Range<Int>) throws -> [EventRow] {
        let range = range.clamped(to: 0..<count)
        guard !range.isEmpty else { return [] }
        let eventCount = store.info.eventCount
        let rows: [PGRow]
        switch backing {
        case .all:
            rows = try store.query("""
                SELECT \(PostgresRows.rowColumns) FROM \(schema).events WHERE position >= $1 AND position < $2 ORDER BY position
                """, [.int(range.lowerBound), .int(range.upperBound)], table: "events")
        case .list(let table, let id, _):
            let columns = PostgresRows.rowColumns.split(separator: ",").map { "e." + $0.trimmingCharacters(in: .whitespaces) }
            rows = try store.query("""
                SELECT \(columns.joined(separator: ", ")) FROM \(schema).\(table)_events l JOIN \(schema).events e ON e.position = l.position
                WHERE l.\(table) = $1 AND l.seq >= $2 AND l.seq < $3 ORDER BY l.seq
                """, [.int(id), .int(range.lowerBound), .int(range.upperBound)], table: "events")
        case .positions:
            rows = try store.query("""
                SELECT \(PostgresRows.rowColumns) FROM \(schema).events WHERE position = ANY($1) ORDER BY position
                """, [.ints(try positions(range))], table: "events")
        }
        guard rows.count == range.count else {
            throw PostgresRows.bad("\(range.count - rows.count) of events \(range.lowerBound)..<\(range.upperBound) are missing")
        }
        return try rows.map { try PostgresRows.eventRow($0, count: eventCount) }
    }

    func index(atOrAfterPosition position: Int) throws -> Int? {
        try index(atOrAfter: position)
    }

    func index(onOrAfterDay day: Int) throws -> Int? {
        // Sort days never decrease with position: the first such event overall bounds the selection's.
        guard let position = try store.query("""
            SELECT position FROM \(schema).events WHERE sort_day >= $1 ORDER BY sort_day, position LIMIT 1
            """, [.int(day)], table: "events").first?.int(0) else { return nil }
        return try index(atOrAfter: position)
    }

    func monthCounts() throws -> [MonthCount] {
        let rows: [PGRow]
        switch backing {
        case .all:
            rows = try store.query("SELECT month, count FROM \(schema).months ORDER BY month", table: "months")
        case .list(let table, let id, _):
            rows = try store.query("SELECT month, count FROM \(schema).\(table)_months WHERE \(table) = $1 ORDER BY month", [.int(id)],
                                   table: "\(table)_months")
        case .positions(_, let months):
            var counts: [MonthCount] = []
            for month in months where month != Int.min {
                if counts.last?.month == month { counts[counts.count - 1].count += 1 } else { counts.append(MonthCount(month: month, count: 1)) }
            }
            return counts
        }
        return try rows.map { MonthCount(month: try $0.int(0), count: try $0.int(1, in: 0 ..< store.info.eventCount + 1)) }
    }

    /// Every event: the next match is one query (`neighbour`). Otherwise each round skips with the
    /// search (its next match overall, then the selection's first event from there) and tests the
    /// selection's next rows in one query, in growing blocks, as the SQLite store does.
    func match(_ search: SearchText, from index: Int, forward: Bool) throws -> Int? {
        guard !search.isEmpty, count > 0, let found = try store.search(search) else { return nil }
        var current = forward ? max(0, index) : min(index, count - 1)
        guard current >= 0, current < count else { return nil }
        if case .all = backing { return try store.neighbour(found, from: current, forward: forward) }
        var block = 32
        while current >= 0, current < count {
            let position = try self.position(at: current)
            guard let next = try store.neighbour(found, from: position, forward: forward) else { return nil }
            if next == position { return current }
            guard let start = forward ? try self.index(atOrAfter: next) : try self.index(atOrBefore: next) else { return nil }
            let range = forward ? start..<min(count, start + block) : max(0, start - block + 1)..<start + 1
            let positions = try self.positions(range)
            let hits = try store.hits(found, among: positions)
            let offsets = forward ? Array(positions.indices) : positions.indices.reversed()
            if let offset = offsets.first(where: { hits.contains(positions[$0]) }) { return range.lowerBound + offset }
            current = forward ? range.upperBound : range.lowerBound - 1
            block = min(block * 2, 4096)
        }
        return nil
    }

    func matches(_ search: SearchText, in range: Range<Int>) throws -> Set<Int> {
        let range = range.clamped(to: 0..<count)
        guard !search.isEmpty, !range.isEmpty, let found = try store.search(search) else { return [] }
        let positions = try positions(range)
        let hits = try store.hits(found, among: positions)
        return Set(positions.indices.filter { hits.contains(positions[$0]) }.map { range.lowerBound + $0 })
    }

    func matchCount(_ search: SearchText) throws -> Int {
        guard !search.isEmpty, count > 0, let found = try store.search(search) else { return 0 }
        switch backing {
        case .all:
            return try store.query("SELECT count(*) FROM \(schema).events WHERE words @@ $1::tsquery", [.text(found.query)]).first?.int(0) ?? 0
        case .list(let table, let id, _):
            return try store.query("""
                SELECT count(*) FROM \(schema).\(table)_events l JOIN \(schema).events e ON e.position = l.position
                WHERE l.\(table) = $1 AND ts_match_vq(e.words, $2::tsquery)
                """, [.int(id), .text(found.query)]).first?.int(0) ?? 0
        case .positions(let positions, _):
            var total = 0
            for start in stride(from: 0, to: positions.count, by: 50_000) {
                let chunk = positions[start..<min(start + 50_000, positions.count)].map { Int($0) }
                total += try store.query("""
                    SELECT count(*) FROM \(schema).events WHERE position = ANY($1) AND ts_match_vq(words, $2::tsquery)
                    """, [.ints(chunk), .text(found.query)]).first?.int(0) ?? 0
            }
            return total
        }
    }
}
