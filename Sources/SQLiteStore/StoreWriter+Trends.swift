import DatasetFormats
import TimelineKit

/// The trend rollups (`StoreSchema.createTrendTables`), tallied as the events go into the store in
/// date order: each event into its month × category for the whole dataset, each of its pairs and
/// each of its countries. Rows are per month × category × pair (or country), so what is held is
/// bounded by those, never by the number of events.
final class TrendRollups {
    private var all: [RollupKey: TrendCell] = [:]
    /// Keyed by the pair's (country's) staging number; written under its id.
    private var byPair: [RollupKey: TrendCell] = [:]
    private var byCountry: [RollupKey: TrendCell] = [:]
    private var lastDay = Int.min, lastMonth = 0
    /// With `BILATERAL_TRACE`, the thread CPU time spent tallying, so a benchmark can state what the
    /// rollups cost inside the events pass (the trace's "trend rollups" phase is their writing).
    private(set) var tallySeconds = 0.0

    func add(_ record: StagedRecord) {
        guard ImportTrace.enabled else { return tally(record) }
        let start = ImportTrace.threadCPU()
        tally(record)
        tallySeconds += ImportTrace.threadCPU() - start
    }

    private func tally(_ record: StagedRecord) {
        let day = record.sortDay
        guard day != Int.min && day != Int.max else { return }
        if day != lastDay { lastDay = day; lastMonth = MonthCount.month(ofDay: day) }
        let trend = record.trend, month = lastMonth
        func add(_ tallies: inout [RollupKey: TrendCell], _ owner: Int) {
            let key = RollupKey(owner: owner, month: month, category: trend.category.rawValue)
            tallies[key, default: TrendCell(bucket: month, category: trend.category)].add(goldstein: trend.goldstein, tone: trend.tone)
        }
        add(&all, 0)
        for number in record.pairs { add(&byPair, Int(number)) }
        for number in record.countries { add(&byCountry, Int(number)) }
    }

    /// Writes the three tables, letting go of each tally once written. The staging numbers become
    /// the ids the pairs and countries were written under as the rows are ordered: a renumbered copy
    /// of a tally, and its sorted copy, held ~460 MB more than the tallies at 10M events (BENCHMARKS.md).
    func write(into session: StoreWriter.Session, pairIDs: [Int32], countryIDs: [Int32]) throws {
        try session.insertRollup("trend_months", owner: nil, all, ids: nil)
        all = [:]
        try session.insertRollup("pair_trend_months", owner: "pair", byPair, ids: pairIDs)
        byPair = [:]
        try session.insertRollup("country_trend_months", owner: "country", byCountry, ids: countryIDs)
        byCountry = [:]
    }
}

extension StoreWriter.Session {
    /// `ids`: the row id of each staging number in the keys' `owner` (nil: the owner is the id).
    func insertRollup(_ table: String, owner: String?, _ tallies: [RollupKey: TrendCell], ids: [Int32]?) throws {
        let columns = (owner.map { [$0] } ?? []) + ["month", "category", "count", "goldstein_sum", "goldstein_n", "tone_sum", "tone_n"]
        let insert = try BulkInsert(db, sql: """
            INSERT INTO \(table)(\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
            """)
        func renumbered(_ key: RollupKey) -> RollupKey {
            RollupKey(owner: ids.map { Int($0[key.owner]) } ?? key.owner, month: key.month, category: key.category)
        }
        // In key order, so the WITHOUT ROWID table is filled from the end; only the keys are sorted.
        for key in tallies.keys.sorted(by: { renumbered($0) < renumbered($1) }) {
            let cell = tallies[key]!
            var column: Int32 = 1
            if owner != nil { insert.bind(column, renumbered(key).owner); column += 1 }
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
