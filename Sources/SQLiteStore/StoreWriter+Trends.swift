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

    /// The staging numbers become the ids the pairs and countries were written under.
    func renumbered(_ tallies: [RollupKey: TrendCell], _ ids: [Int32]) -> [RollupKey: TrendCell] {
        Dictionary(tallies.map { key, cell in
            (RollupKey(owner: Int(ids[key.owner]), month: key.month, category: key.category), cell)
        }, uniquingKeysWith: { first, _ in first })
    }

    func write(into session: StoreWriter.Session, pairIDs: [Int32], countryIDs: [Int32]) throws {
        try session.insertRollup("trend_months", owner: nil, all)
        try session.insertRollup("pair_trend_months", owner: "pair", renumbered(byPair, pairIDs))
        try session.insertRollup("country_trend_months", owner: "country", renumbered(byCountry, countryIDs))
    }
}

extension StoreWriter.Session {
    func insertRollup(_ table: String, owner: String?, _ tallies: [RollupKey: TrendCell]) throws {
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
