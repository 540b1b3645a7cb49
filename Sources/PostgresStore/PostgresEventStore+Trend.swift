// Issue 15's trend query on PostgreSQL.
import DatasetFormats
import TimelineKit

extension PostgresEventStore {
    /// See `EventStore.trend`; as the SQLite store answers it. A series of one pair (no country), of
    /// one country, or of every event, filtered by nothing but whole months, is one grouped query
    /// over its rollup table (`trend_months`, `pair_trend_months`, `country_trend_months`), one for
    /// all the pairs of a trend; anything else (a kind, a text, a pair with a country, several pairs
    /// as one series) is counted from the series' selection, as the in-memory reference counts.
    public func trend(_ query: TrendQuery) throws -> Trend {
        let range = query.monthRange
        let plain = query.filter.kind == nil && SearchText(query.filter.text).isEmpty
        if query.pairs.isEmpty {
            let filter = query.seriesFilter(nil)
            let cells: [TrendCell]
            if plain, filter.pairs.isEmpty, let country = filter.country {
                let id = try ownerID(table: "countries", key: "alpha3", value: country.alpha3)
                cells = try id.map { try rollupCells(table: "country_trend_months", owner: "country", ids: [$0], range: range, bucket: query.bucket)[$0] ?? [] } ?? []
            } else if plain, filter.pairs.isEmpty {
                cells = try rollupCells(table: "trend_months", owner: nil, ids: [0], range: range, bucket: query.bucket)[0] ?? []
            } else {
                cells = try countedCells(filter, range: range, bucket: query.bucket)
            }
            return Trend(query: query, series: [TrendSeries(pair: nil, cells: cells)])
        }
        if plain, query.filter.country == nil {
            let ids = try query.pairs.map { try ownerID(table: "pairs", key: "key", value: Self.pairKey($0)) }
            let cells = try rollupCells(table: "pair_trend_months", owner: "pair", ids: ids.compactMap { $0 }, range: range, bucket: query.bucket)
            return Trend(query: query, series: zip(query.pairs, ids).map { pair, id in TrendSeries(pair: pair, cells: id.flatMap { cells[$0] } ?? []) })
        }
        return Trend(query: query, series: try query.pairs.map { pair in
            TrendSeries(pair: pair, cells: try countedCells(query.seriesFilter(pair), range: range, bucket: query.bucket))
        })
    }

    private func ownerID(table: String, key: String, value: String) throws -> Int? {
        try self.query("SELECT id FROM \(schema).\(table) WHERE \(key) = $1", [.text(value)], table: table).first?.int(0)
    }

    /// The rollup rows of these owners (pair or country ids; `[0]` for the whole-dataset table),
    /// summed per bucket and category by the server: cells per owner, in (bucket, category) order.
    private func rollupCells(table: String, owner: String?, ids: [Int], range: (lower: Int?, upper: Int?),
                             bucket: TrendBucket) throws -> [Int: [TrendCell]] {
        guard !ids.isEmpty else { return [:] }
        let size = bucket.months
        // Floor division, so months before year 0 fall in the right bucket.
        let bucketSQL = size == 1 ? "month" : "floor(month::numeric / \(size))::bigint"
        var conditions: [String] = [], binds: [PGValue] = []
        if let owner {
            binds.append(.ints(ids))
            conditions.append("\(owner) = ANY($\(binds.count))")
        }
        if let lower = range.lower {
            binds.append(.int(lower))
            conditions.append("month >= $\(binds.count)")
        }
        if let upper = range.upper {
            binds.append(.int(upper))
            conditions.append("month <= $\(binds.count)")
        }
        let rows = try self.query("""
            SELECT \(owner ?? "0::bigint"), \(bucketSQL), category, sum(count)::bigint, sum(goldstein_sum)::float8, sum(goldstein_n)::bigint,
                sum(tone_sum)::float8, sum(tone_n)::bigint
            FROM \(schema).\(table)\(conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            GROUP BY 1, 2, 3
            """, binds, table: table)
        let eventCount = info.eventCount
        var tallies: [Int: [TrendKey: TrendCell]] = [:]
        for row in rows {
            let id = try row.int(0), bucketNumber = try row.int(1)
            guard let category = EventCategory(rawValue: try row.int(2, in: 0 ..< 5)) else { continue }
            tallies[id, default: [:]][TrendKey(bucket: bucketNumber, category: category)] = TrendCell(
                bucket: bucketNumber, category: category, count: try row.int(3, in: 0 ..< eventCount + 1),
                goldsteinSum: try row.double(4), goldsteinCount: try row.int(5, in: 0 ..< eventCount + 1),
                toneSum: try row.double(6), toneCount: try row.int(7, in: 0 ..< eventCount + 1))
        }
        return tallies.mapValues(TrendSeries.cells)
    }

    /// A series counted from its selection, page by page, as the in-memory reference counts.
    private func countedCells(_ filter: TimelineQuery, range: (lower: Int?, upper: Int?), bucket: TrendBucket) throws -> [TrendCell] {
        let selection = try selection(filter)
        var tally = TrendTally(range: range, bucket: bucket)
        for start in stride(from: 0, to: selection.count, by: 2000) {
            for event in try events(in: selection, at: start ..< min(start + 2000, selection.count)) { tally.add(event.facts) }
        }
        return tally.cells
    }
}
