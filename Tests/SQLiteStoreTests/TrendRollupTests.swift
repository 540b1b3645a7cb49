@testable import DatasetFormats
import Foundation
import GRDB
import ReferenceStore
@testable import SQLiteStore
import StoreTestSupport
import Testing
import TestSupport
import TimelineKit

/// `EventStore.trend`: the SQLite store's rollups answer what the in-memory reference counts by
/// brute force, for random filters and buckets, on generated data with CAMEO codes and measures
/// (unknown starts, open ends, several pairs an event) and on GDELT rows; a store written before the
/// rollups counts from its events.
@Suite struct TrendRollupTests {
    /// The generated fixture with a seeded CAMEO code (or none) and measures on most events.
    static func coded(_ timeline: Timeline, seed: UInt64) -> Dataset {
        var random = TestRandom(seed: seed)
        let codes = ["042", "057", "062", "0256", "1313", "111", "163", "190", "195", "14", "20"]
        var dataset = timeline.dataset
        for index in dataset.events.indices {
            if random.below(4) != 0 { dataset.events[index].cameo = codes[random.below(codes.count)] }
            if random.below(3) != 0 {
                dataset.events[index].attributes.append(Attribute("GoldsteinScale", .number(Double(random.below(201) - 100) / 10)))
            }
            if random.below(3) != 0 { dataset.events[index].attributes.append(Attribute("AvgTone", .number(Double(random.below(2001) - 1000) / 137))) }
        }
        return dataset
    }

    static func randomQueries(_ store: any EventStore, seed: UInt64, count: Int) throws -> [TrendQuery] {
        var random = TestRandom(seed: seed)
        let pairs = try store.allPairs().map(\.pair)
        let countries = try store.allCountries().map(\.country)
        var queries: [TrendQuery] = []
        for _ in 0..<count {
            var query = TrendQuery(bucket: TrendBucket.allCases[random.below(3)])
            for _ in 0..<random.below(4) {
                let pair = pairs[random.below(pairs.count)]
                if !query.pairs.contains(pair) { query.pairs.append(pair) }
            }
            if random.below(4) == 0 { query.filter.pairs = [pairs[random.below(pairs.count)], pairs[random.below(pairs.count)]] }
            if random.below(4) == 0 { query.filter.country = countries[random.below(countries.count)] }
            if random.below(3) == 0 { query.filter.from = try EDTFDate(parsing: String(1990 + random.below(40))) }
            if random.below(3) == 0 { query.filter.to = try EDTFDate(parsing: String(format: "%04d-%02d", 2000 + random.below(30), 1 + random.below(12))) }
            if random.below(6) == 0 { query.filter.kind = ["visit", "agreement", "fight", "consult"][random.below(4)] }
            if random.below(6) == 0 { query.filter.text = ["a", "e", "pak", "russia"][random.below(4)] }
            queries.append(query)
        }
        return queries
    }

    static func expectSame(_ expected: Trend, _ actual: Trend) {
        #expect(expected.series.map(\.pair) == actual.series.map(\.pair))
        for (a, b) in zip(expected.series, actual.series) {
            #expect(a.cells.map { TrendKey(bucket: $0.bucket, category: $0.category) } == b.cells.map { TrendKey(bucket: $0.bucket, category: $0.category) },
                    "\(expected.query)")
            for (x, y) in zip(a.cells, b.cells) {
                #expect(x.count == y.count && x.goldsteinCount == y.goldsteinCount && x.toneCount == y.toneCount, "\(expected.query)")
                #expect(abs(x.goldsteinSum - y.goldsteinSum) < 1e-6 && abs(x.toneSum - y.toneSum) < 1e-6, "\(expected.query)")
            }
        }
    }

    static func compare(_ dataset: Dataset, seed: UInt64, rounds: Int = 60) throws -> Int {
        let memory = MemoryEventStore(timeline: Timeline(dataset: dataset))
        let sqlite = try StoreWriter.inMemory(dataset: dataset)
        var cells = 0
        for query in try randomQueries(memory, seed: seed, count: rounds) {
            let expected = try memory.trend(query)
            expectSame(expected, try sqlite.trend(query))
            cells += expected.series.reduce(0) { $0 + $1.cells.count }
        }
        return cells
    }

    @Test func generatedWithCodesAndMeasures() throws {
        let dataset = Self.coded(try Fixtures.generated(events: 600, seed: 15), seed: 15)
        #expect(try Self.compare(dataset, seed: 1) > 100)
    }

    @Test func gdeltRows() throws {
        var rows = ""
        var generator = SyntheticGDELT(seed: 5)
        generator.write(rows: 2000) { rows += $0 }
        let result = GDELTReader().read(Array(rows.utf8), name: "synthetic.export.CSV")
        #expect(result.dataset.events.allSatisfy { $0.cameo != nil })
        #expect(try Self.compare(result.dataset, seed: 2, rounds: 40) > 100)
    }

    /// The counts themselves, by hand, on a dataset small enough to know: categories from codes,
    /// from kinds, and `other`; buckets across a year's end; a cut at whole months.
    @Test func knownCounts() throws {
        func event(_ id: String, _ date: String, _ kind: String, _ cameo: String?, _ goldstein: Double? = nil) throws -> Event {
            Event(id: id, date: try EDTFDate(parsing: date), title: id, summary: "", participants: .mutual([Country(alpha3: "RUS")!, Country(alpha3: "PAK")!]),
                  kind: kind, status: .occurred, tags: [], sources: [0], people: [], notes: [],
                  attributes: goldstein.map { [Attribute("GoldsteinScale", .number($0))] } ?? [], cameo: cameo)
        }
        let dataset = Dataset(title: "t", description: "", people: [], sources: [Source(id: "s", publisher: "p")], events: [
            try event("a", "2016-12-31", "meeting", "195", -10),    // material conflict by its code, not its kind
            try event("b", "2017-01-01", "meeting", nil, 2),        // verbal cooperation by its kind
            try event("c", "2017-02-10", "weird-kind", nil),       // other
            try event("d", "2017-03-31/2017-05", "visit", "042", 4),
            try event("e", "XXXX", "visit", "042"),                // no known day: in no bucket
        ], quotes: [])
        let rusPak = CountryPair(Country(alpha3: "RUS")!, Country(alpha3: "PAK")!)
        for store in [MemoryEventStore(timeline: Timeline(dataset: dataset)) as any EventStore, try StoreWriter.inMemory(dataset: dataset)] {
            let quarters = try store.trend(TrendQuery(pairs: [rusPak], bucket: .quarter)).series[0].cells
            #expect(quarters.map { "\(TrendBucket.quarter.label($0.bucket)) \($0.category.key) \($0.count)" } == [
                "2016 Q4 material-conflict 1", "2017 Q1 verbal-cooperation 2", "2017 Q1 other 1"])
            #expect(quarters[1].value(.goldstein) == 3 && quarters[1].goldsteinCount == 2)
            #expect(quarters[2].value(.goldstein) == nil)
            var cut = TrendQuery(bucket: .month)
            cut.filter.from = try EDTFDate(parsing: "2017-01-15")   // whole months: January counts
            cut.filter.to = try EDTFDate(parsing: "2017-02")
            #expect(try store.trend(cut).series[0].cells.map(\.count) == [1, 1])
            #expect(try store.trend(TrendQuery(pairs: [CountryPair(Country(alpha3: "USA")!, Country(alpha3: "PAK")!)])).series[0].cells.isEmpty)
        }
    }

    /// A store written to a file has its rollups written by whichever import thread is free first
    /// (`RollupClaim`): written by the store's thread, or by the side thread and copied, they are
    /// the same rows, and answer as the reference does; and so does the store left to choose.
    @Test(arguments: [RollupClaim.Writer.store, .side, nil])
    func rollupsWrittenByEitherThread(writer: RollupClaim.Writer?) throws {
        let folder = try ScratchFolder("trend-writer")
        let dataset = Self.coded(try Fixtures.generated(events: 600, seed: 15), seed: 15)
        // Every rollup row, each with its table's name, in key order.
        func rows(_ db: Database) throws -> [[String]] {
            try StoreSchema.trendTables.flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2, 3").map { row in [table] + row.databaseValues.map(\.description) }
            }
        }
        let expected = try StoreWriter.inMemory(dataset: dataset).read(rows)
        let path = folder.path("store.bilateral")
        try StoreFile.write(to: path) { db, temporary in
            var scratch = StoreWriter.scratch(temporary)
            scratch.rollups = writer
            try StoreWriter.Session.write(db, scratch: scratch, dataset: dataset)
        }
        let actual = try SQLiteEventStore(path: path).read(rows)
        #expect(actual.count > 100)
        #expect(Set(actual.map { $0[0] }) == Set(StoreSchema.trendTables))
        #expect(actual == expected)
        let memory = MemoryEventStore(timeline: Timeline(dataset: dataset))
        let store = try SQLiteEventStore(path: path)
        for query in try Self.randomQueries(memory, seed: 3, count: 20) { Self.expectSame(try memory.trend(query), try store.trend(query)) }
    }

    @Test func bucketsFloorBeforeYearZero() {
        #expect(TrendBucket.year.bucket(ofMonth: -1) == -1)
        #expect(TrendBucket.quarter.bucket(ofMonth: -3) == -1 && TrendBucket.quarter.bucket(ofMonth: -4) == -2)
        #expect(TrendBucket.quarter.bucket(ofMonth: 2016 * 12 + 8) == 2016 * 4 + 2)
        #expect(TrendBucket.quarter.label(2016 * 4 + 2) == "2016 Q3")
        #expect(TrendBucket.month.label(2016 * 12 + 8) == "2016-09")
        #expect(TrendBucket.year.label(-1) == "-1")
    }

    /// A store written before the rollups (no `cameo` column, no trend tables) still answers, from its
    /// events, by kind.
    @Test func storeWithoutRollups() throws {
        let folder = try ScratchFolder("trend-old")
        let coded = Self.coded(try Fixtures.generated(events: 300, seed: 4), seed: 4)
        let path = folder.path("old.bilateral")
        try StoreWriter.write(dataset: coded, to: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for table in ["trend_months", "pair_trend_months", "country_trend_months"] { try db.execute(sql: "DROP TABLE \(table)") }
            try db.execute(sql: "ALTER TABLE events DROP COLUMN cameo")
        }
        try queue.close()
        var uncoded = coded
        for index in uncoded.events.indices { uncoded.events[index].cameo = nil }
        let memory = MemoryEventStore(timeline: Timeline(dataset: uncoded))
        let old = try SQLiteEventStore(path: path)
        for query in try Self.randomQueries(memory, seed: 9, count: 25) { Self.expectSame(try memory.trend(query), try old.trend(query)) }
        #expect(try old.event(atPosition: 0).cameo == nil)
    }
}

/// A seeded generator for the random queries (a failing query comes back with its seed).
struct TestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func below(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}

/// `RollupTally` against a dictionary keyed by (owner, month, category): the same rows, in the
/// table's key order, whether the months come in order (as an import's events do) or not.
@Suite struct RollupTallyTests {
    struct Entry { var owner: Int; var month: Int; var category: EventCategory; var goldstein: Double?; var tone: Double? }

    static func entries(seed: UInt64, count: Int, inOrder: Bool) -> [Entry] {
        var random = TestRandom(seed: seed)
        var month = -5
        return (0..<count).map { _ in
            if inOrder { month += random.below(3) == 0 ? 1 : 0 } else { month = random.below(7) - 3 }
            return Entry(owner: random.below(6), month: month, category: EventCategory.allCases[random.below(EventCategory.allCases.count)],
                         goldstein: random.below(2) == 0 ? Double(random.below(21) - 10) : nil,
                         tone: random.below(3) == 0 ? nil : Double(random.below(9)) / 4)
        }
    }

    static func check(_ entries: [Entry], ids: [Int32]) {
        var tally = RollupTally(ids: ids)
        var expected: [RollupKey: TrendCell] = [:]
        var month = Int.min
        for entry in entries {
            if entry.month != month { tally.startMonth(entry.month); month = entry.month }
            tally.add(entry.owner, category: entry.category, goldstein: entry.goldstein, tone: entry.tone)
            let key = RollupKey(owner: Int(ids[entry.owner]), month: entry.month, category: entry.category.rawValue)
            expected[key, default: TrendCell(bucket: entry.month, category: entry.category)].add(goldstein: entry.goldstein, tone: entry.tone)
        }
        let rows = Array(tally.finished())
        #expect(rows.map(\.key) == expected.keys.sorted())
        #expect(rows.map(\.cell) == expected.keys.sorted().map { expected[$0]! })
    }

    @Test("Months in order: the rows by (owner id, month, category)")
    func inOrder() {
        // Staging numbers written under ids in another order (busiest first), one id left unused.
        Self.check(Self.entries(seed: 1, count: 2000, inOrder: true), ids: [3, 1, 6, 2, 5, 4])
    }

    @Test("Months out of order: a key tallied in two stretches is one row")
    func outOfOrder() {
        let entries = Self.entries(seed: 2, count: 2000, inOrder: false)
        Self.check(entries, ids: [3, 1, 6, 2, 5, 4])
        #expect(Set(entries.map(\.month)).count == 7)
    }

    @Test("No events, no rows")
    func empty() {
        var tally = RollupTally(ids: [1, 2])
        #expect(tally.finished().isEmpty)
    }
}
