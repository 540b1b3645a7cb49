import TimelineKit

extension StoreWriter.Session {
    /// The trend rollups (`StoreSchema.createTrendTables`): one pass over the events in date order,
    /// tallying each into its month × category for the whole dataset, each of its pairs and each of
    /// its countries, from the categories and measures staged with it (`StagedEvents`).
    func insertTrendRollups(order: [Int32], pairIDs: [Int32], countryIDs: [Int32]) throws {
        var all: [RollupKey: TrendCell] = [:]
        var byPair: [RollupKey: TrendCell] = [:]
        var byCountry: [RollupKey: TrendCell] = [:]
        let categories = staged.categories, goldstein = staged.goldstein, tone = staged.tone
        let sortDays = staged.sortDays
        var lastDay = Int.min, lastMonth = 0
        for row in order {
            let row = Int(row)
            let day = sortDays[row]
            guard day != Int.min && day != Int.max else { continue }
            if day != lastDay { lastDay = day; lastMonth = MonthCount.month(ofDay: day) }
            let category = EventCategory(rawValue: Int(categories[row])) ?? .other
            let g = goldstein[row].isNaN ? nil : goldstein[row], t = tone[row].isNaN ? nil : tone[row]
            func add(_ tallies: inout [RollupKey: TrendCell], _ owner: Int) {
                let key = RollupKey(owner: owner, month: lastMonth, category: category.rawValue)
                tallies[key, default: TrendCell(bucket: lastMonth, category: category)].add(goldstein: g, tone: t)
            }
            add(&all, 0)
            for number in staged.pairNumbers[staged.pairStarts[row]..<staged.pairStarts[row + 1]] { add(&byPair, Int(pairIDs[Int(number)])) }
            for number in staged.countryNumbers[staged.countryStarts[row]..<staged.countryStarts[row + 1]] {
                add(&byCountry, Int(countryIDs[Int(number)]))
            }
        }
        try insertRollup("trend_months", owner: nil, all)
        try insertRollup("pair_trend_months", owner: "pair", byPair)
        try insertRollup("country_trend_months", owner: "country", byCountry)
    }

    private func insertRollup(_ table: String, owner: String?, _ tallies: [RollupKey: TrendCell]) throws {
        let columns = (owner.map { [$0] } ?? []) + ["month", "category", "count", "goldstein_sum", "goldstein_n", "tone_sum", "tone_n"]
        let insert = try BulkInsert(db, sql: """
            INSERT INTO \(table)(\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
            """)
        // In key order, so the WITHOUT ROWID table is filled from the end.
        for (key, cell) in tallies.sorted(by: { $0.key < $1.key }) {
            var column: Int32 = 1
            if owner != nil { insert.bind(column, key.owner); column += 1 }
            insert.bind(column, key.month)
            insert.bind(column + 1, key.category)
            insert.bind(column + 2, cell.count)
            insert.bind(column + 3, cell.goldsteinSum)
            insert.bind(column + 4, cell.goldsteinCount)
            insert.bind(column + 5, cell.toneSum)
            insert.bind(column + 6, cell.toneCount)
            try insert.step()
        }
    }
}

/// A rollup row's key: its pair or country id (0 for the whole dataset), month and category.
struct RollupKey: Hashable, Comparable {
    var owner: Int
    var month: Int
    var category: Int

    static func < (a: RollupKey, b: RollupKey) -> Bool { (a.owner, a.month, a.category) < (b.owner, b.month, b.category) }
}
