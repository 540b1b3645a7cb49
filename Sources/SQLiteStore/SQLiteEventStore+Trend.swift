import DatasetFormats
import GRDB
import TimelineKit

extension SQLiteEventStore {
    /// See `EventStore.trend`. A series of one pair (no country), of one country, or of every event,
    /// filtered by nothing but whole months, is one grouped query over its rollup table; anything
    /// else (a kind, a text, a pair with a country, several pairs as one series, a store written before
    /// the rollups) is counted from the series' selection, row by row.
    public func trend(_ query: TrendQuery) throws -> Trend {
        let range = query.monthRange
        let plain = query.filter.kind == nil && SearchText(query.filter.text).isEmpty
        let rollups = plain && hasCameo
        var series: [TrendSeries] = []
        if query.pairs.isEmpty {
            let filter = query.seriesFilter(nil)
            if rollups, filter.pairs.isEmpty {
                if let country = filter.country {
                    let id = try read { db in try ownerID(db, table: "countries", key: "alpha3", value: country.alpha3) }
                    let cells = try id.map { try rollupCells(table: "country_trend_months", owner: "country", ids: [$0], range: range, bucket: query.bucket)[$0] ?? [] } ?? []
                    series.append(TrendSeries(pair: nil, cells: cells))
                } else {
                    series.append(TrendSeries(pair: nil, cells: try rollupCells(table: "trend_months", owner: nil, ids: [0], range: range, bucket: query.bucket)[0] ?? []))
                }
            } else {
                series.append(TrendSeries(pair: nil, cells: try countedCells(filter, range: range, bucket: query.bucket)))
            }
            return Trend(query: query, series: series)
        }
        if rollups, query.filter.country == nil {
            // One query for every pair of the trend.
            let ids = try read { db in
                try query.pairs.map { try ownerID(db, table: "pairs", key: "key", value: StoreWriter.pairKey($0)) }
            }
            let cells = try rollupCells(table: "pair_trend_months", owner: "pair", ids: ids.compactMap { $0 }, range: range, bucket: query.bucket)
            return Trend(query: query, series: zip(query.pairs, ids).map { pair, id in TrendSeries(pair: pair, cells: id.flatMap { cells[$0] } ?? []) })
        }
        for pair in query.pairs {
            series.append(TrendSeries(pair: pair, cells: try countedCells(query.seriesFilter(pair), range: range, bucket: query.bucket)))
        }
        return Trend(query: query, series: series)
    }

    private func ownerID(_ db: Database, table: String, key: String, value: String) throws -> Int? {
        try CheckedRow.int(db, table, sql: "SELECT id FROM \(table) WHERE \(key) = ?", arguments: [value], in: 1 ..< Int.max)
    }

    /// The rollup rows of these owners (pair or country ids; `[0]` for the whole-dataset table),
    /// summed per bucket and category by SQLite: cells per owner, in (bucket, category) order.
    private func rollupCells(table: String, owner: String?, ids: [Int], range: (lower: Int?, upper: Int?),
                             bucket: TrendBucket) throws -> [Int: [TrendCell]] {
        guard !ids.isEmpty else { return [:] }
        let size = bucket.months
        // Floor division, so months before year 0 fall in the right bucket.
        let bucketSQL = size == 1 ? "month" : "(CASE WHEN month >= 0 THEN month / \(size) ELSE -((\(size - 1) - month) / \(size)) END)"
        var conditions: [String] = []
        if let owner { conditions.append("\(owner) IN (\(ids.map(String.init).joined(separator: ",")))") }
        if let lower = range.lower { conditions.append("month >= \(lower)") }
        if let upper = range.upper { conditions.append("month <= \(upper)") }
        let ownerSQL = owner ?? "0"
        let sql = """
            SELECT \(ownerSQL), \(bucketSQL) AS bucket, category, SUM(count), SUM(goldstein_sum), SUM(goldstein_n), SUM(tone_sum), SUM(tone_n)
            FROM \(table)\(conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            GROUP BY 1, 2, 3
            """
        let eventCount = info.eventCount
        return try read { db in
            var tallies: [Int: [TrendKey: TrendCell]] = [:]
            for row in try Row.fetchAll(db, sql: sql) {
                let checked = CheckedRow(row, table: table)
                let id = try checked.int(0, in: Int.min ..< Int.max)
                let bucketNumber = try checked.int(1, in: Int.min ..< Int.max)
                guard let category = EventCategory(rawValue: try checked.int(2, in: 0 ..< 5)) else { continue }
                let cell = TrendCell(bucket: bucketNumber, category: category, count: try checked.int(3, in: 0 ..< eventCount + 1),
                                     goldsteinSum: try checked.double(4), goldsteinCount: try checked.int(5, in: 0 ..< eventCount + 1),
                                     toneSum: try checked.double(6), toneCount: try checked.int(7, in: 0 ..< eventCount + 1))
                tallies[id, default: [:]][TrendKey(bucket: bucketNumber, category: category)] = cell
            }
            return tallies.mapValues(TrendSeries.cells)
        }
    }

    /// A series counted from its events: the selection's positions, then each event's sort day, code,
    /// kind and attributes, in chunks of positions.
    private func countedCells(_ filter: TimelineQuery, range: (lower: Int?, upper: Int?), bucket: TrendBucket) throws -> [TrendCell] {
        guard let selection = try selection(filter) as? SQLiteSelection else { return [] }
        let positions = try selection.allPositions()
        let count = info.eventCount
        let cameoColumn = hasCameo ? "cameo" : "NULL", attributesColumn = hasAttributes ? "attributes" : "NULL"
        return try read { db in
            var tally = TrendTally(range: range, bucket: bucket)
            for start in stride(from: 0, to: positions.count, by: 500) {
                let chunk = positions[start..<min(start + 500, positions.count)].map { String($0 + 1) }.joined(separator: ",")
                let rows = try Row.fetchCursor(db, sql: "SELECT num, sort_day, \(cameoColumn), kind, \(attributesColumn) FROM events WHERE num IN (\(chunk))")
                while let row = try rows.next() {
                    // The number through the checked path first, so later columns' errors can name it.
                    let num = try CheckedRow(row, table: "events").int(0, in: 1 ..< count + 1)
                    let checked = CheckedRow(row, table: "events", "num \(num)")
                    let day = try checked.day(1, marks: true)
                    guard tally.counts(sortDay: day) else { continue }
                    let category = EventClassification.category(cameo: try checked.optionalText(2), kind: try checked.text(3))
                    let attributes = try checked.optionalText(4) == nil ? [] : try checked.decoded(4) { try StoreRows.attributes($0) }
                    tally.add(sortDay: day, category: category, attributes: attributes)
                }
            }
            return tally.cells
        }
    }
}

extension SQLiteSelection {
    /// Every position of the selection, ascending.
    func allPositions() throws -> [Int] {
        switch backing {
        case .all(let count): return Array(0..<count)
        case .positions(let positions, _): return positions.map(Int.init)
        case .window(let window): return try store.read { db in try window.allPositions(db, eventCount: store.info.eventCount) }
        case .list(let table, let id, _):
            return try store.read { db in
                try CheckedRow.ints(db, "\(table)_events", sql: "SELECT position FROM \(table)_events WHERE \(table) = ? ORDER BY seq",
                                    arguments: [id], in: StoreRows.positions(store.info.eventCount))
            }
        }
    }
}
