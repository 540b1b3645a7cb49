import DatasetFormats
import GRDB
import TimelineKit

/// The trend rollups (`StoreSchema.createTrendTables`), tallied over the staged events in date
/// order (the side thread's pass): each event into its month × category for the whole dataset,
/// each of its pairs and each of its countries. Rows are per month × category × pair (or
/// country), so what is held is bounded by those, never by the number of events.
///
/// `@unchecked Sendable`: one thread at a time uses it. The import makes it, the side thread
/// (`SideTablesBuilder`) alone tallies it, and once its pass is over one thread writes it: the
/// first free (`RollupClaim`).
final class TrendRollups: @unchecked Sendable {
    private var all: RollupTally
    private var byPair: RollupTally
    private var byCountry: RollupTally
    private var monthOfDay = MonthOfDay()
    /// The month being tallied.
    private var lastMonth = Int.min
    /// With `BILATERAL_TRACE`, the thread CPU time spent tallying, so a benchmark can state what the
    /// rollups cost inside the full-text pass (the trace's "trend rollups" phase is their writing).
    private(set) var tallySeconds = 0.0

    /// `pairIDs` (`countryIDs`): the row id each staging number is written under.
    init(pairIDs: [Int32], countryIDs: [Int32]) {
        all = RollupTally(ids: [0])
        byPair = RollupTally(ids: pairIDs)
        byCountry = RollupTally(ids: countryIDs)
    }

    func add(_ record: StagedRecord) {
        guard ImportTrace.enabled else { return tally(record) }
        let start = ImportTrace.threadCPU()
        tally(record)
        tallySeconds += ImportTrace.threadCPU() - start
    }

    private func tally(_ record: StagedRecord) {
        let day = record.sortDay
        guard day != Int.min && day != Int.max else { return }
        let month = monthOfDay.month(ofDay: day)
        if month != lastMonth {
            all.startMonth(month)
            byPair.startMonth(month)
            byCountry.startMonth(month)
            lastMonth = month
        }
        let trend = record.trend
        all.add(0, trend)
        for number in record.pairs { byPair.add(Int(number), trend) }
        for number in record.countries { byCountry.add(Int(number), trend) }
    }

    /// Writes the three tables, letting go of each tally once written.
    func write(into db: Database) throws {
        try Self.insert(db, "trend_months", owner: nil, all.finished())
        all = RollupTally(ids: [])
        try Self.insert(db, "pair_trend_months", owner: "pair", byPair.finished())
        byPair = RollupTally(ids: [])
        try Self.insert(db, "country_trend_months", owner: "country", byCountry.finished())
        byCountry = RollupTally(ids: [])
    }
}

/// One rollup table's tallies. The month being tallied is a dense array of cells by (owner id,
/// category), so an event costs an index per owner; when the month ends its touched cells become
/// rows in (owner, category) order. The events come in date order, so the rows are then in
/// (month, owner, category) order, and a stable counting sort by owner gives the table's key
/// order. A hash table keyed by (owner, month, category) cost several times as much at 30,000
/// pairs (BENCHMARKS.md).
struct RollupTally {
    private static let categories = EventCategory.allCases.count
    /// The row id of each staging number.
    private let ids: [Int32]
    private let owners: Int
    private var cells: [TrendCell]
    private var touched: [Int] = []
    private var month = Int.min
    private var rows: [RollupRow] = []
    /// Whether every month came after the one before (always, for events in date order).
    private var ordered = true

    init(ids: [Int32]) {
        self.ids = ids
        owners = (ids.max().map(Int.init) ?? 0) + 1
        cells = [TrendCell](repeating: TrendCell(bucket: 0, category: .other), count: owners * Self.categories)
    }

    mutating func startMonth(_ next: Int) {
        flush()
        if next < month { ordered = false }
        month = next
    }

    mutating func add(_ owner: Int, _ trend: StagedRecord.Trend) {
        add(owner, category: trend.category, goldstein: trend.goldstein, tone: trend.tone)
    }

    mutating func add(_ owner: Int, category: EventCategory, goldstein: Double?, tone: Double?) {
        let slot = Int(ids[owner]) * Self.categories + category.rawValue
        if cells[slot].count == 0 {
            touched.append(slot)
            cells[slot].bucket = month
            cells[slot].category = category
        }
        cells[slot].add(goldstein: goldstein, tone: tone)
    }

    private mutating func flush() {
        touched.sort()
        for slot in touched {
            rows.append(RollupRow(owner: slot / Self.categories, cell: cells[slot]))
            cells[slot] = TrendCell(bucket: 0, category: .other)
        }
        touched.removeAll(keepingCapacity: true)
    }

    /// The rows in the table's key order (owner, month, category), each key once. Ordered by an
    /// index per row (a counting sort), not a sorted copy of the rows: at 10M events the pairs'
    /// rows are millions.
    mutating func finished() -> LazyMapSequence<[Int32], RollupRow> {
        flush()
        cells = []
        var order: [Int32]
        if ordered {
            var start = [Int](repeating: 0, count: owners + 1)
            for row in rows { start[row.owner + 1] += 1 }
            for owner in 0..<owners { start[owner + 1] += start[owner] }
            order = [Int32](repeating: 0, count: rows.count)
            for (index, row) in rows.enumerated() {
                order[start[row.owner]] = Int32(index)
                start[row.owner] += 1
            }
        } else {
            // Not in date order: sorted in full, and a key tallied in two stretches of a month added up.
            var merged: [RollupRow] = []
            for row in rows.sorted(by: { $0.key < $1.key }) {
                if let last = merged.last, last.key == row.key { merged[merged.count - 1].cell.add(row.cell) } else { merged.append(row) }
            }
            rows = merged
            order = Array(0..<Int32(rows.count))
        }
        return order.lazy.map { [rows] in rows[Int($0)] }
    }
}

/// A row of a rollup table: its owner's id (0 for the whole dataset) and its cell (month, category).
struct RollupRow {
    var owner: Int
    var cell: TrendCell

    var key: RollupKey { RollupKey(owner: owner, month: cell.bucket, category: cell.category.rawValue) }
}

extension TrendRollups {
    /// Writes a rollup table's rows, which are in its key order (the WITHOUT ROWID table is filled
    /// from the end).
    private static func insert<Rows: Sequence<RollupRow>>(_ db: Database, _ table: String, owner: String?, _ rows: Rows) throws {
        let columns = (owner.map { [$0] } ?? []) + ["month", "category", "count", "goldstein_sum", "goldstein_n", "tone_sum", "tone_n"]
        let insert = BatchedInsert(db, head: "INSERT INTO \(table)(\(columns.joined(separator: ", ")))",
                                   tuple: "(" + columns.map { _ in "?" }.joined(separator: ", ") + ")", columns: columns.count)
        for row in rows {
            let cell = row.cell
            if owner != nil { insert.add(row.owner) }
            insert.add(cell.bucket)
            insert.add(cell.category.rawValue)
            insert.add(cell.count)
            insert.add(cell.goldsteinSum)
            insert.add(cell.goldsteinCount)
            insert.add(cell.toneSum)
            insert.add(cell.toneCount)
            try insert.endRow()
        }
        try insert.finish()
    }
}

/// A rollup row's key: its pair or country id (0 for the whole dataset), month and category.
struct RollupKey: Hashable, Comparable {
    var owner: Int
    var month: Int
    var category: Int

    static func < (a: RollupKey, b: RollupKey) -> Bool { (a.owner, a.month, a.category) < (b.owner, b.month, b.category) }
}
