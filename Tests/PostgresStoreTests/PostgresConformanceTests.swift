import DatasetFormats
import Foundation
@testable import PostgresStore
import ReferenceStore
import StoreTestSupport
import TestSupport
import Testing
import TimelineKit

/// A dataset written to the test server under a name of its own, dropped when done.
struct ScratchDataset {
    let address: PostgresAddress

    init(_ label: String) throws {
        address = try PostgresAddress(parsing: try TestPostgres.server()).with(dataset: TestPostgres.datasetName(label))
    }

    func write(_ dataset: Dataset, replace: Bool = false) throws {
        try PostgresDatasetWriter.write(dataset: dataset, to: address, replace: replace)
    }

    func open() throws -> PostgresEventStore { try PostgresEventStore(address: address) }

    func drop() { try? PostgresCatalog.drop(address) }
}

/// The seam's conformance cases (`StoreConformance`, the list the SQLite store runs) over the
/// PostgreSQL store: every answer equals the in-memory reference's.
///
/// Serialized, like the other PostgreSQL suites: each test blocks its thread of the test pool on
/// the server's answers for a while, and on 2 cores two such tests at once starved the rest of the
/// suite (a test with a time limit ran out of it).
@Suite(.serialized, .enabled(if: TestPostgres.enabled, Comment(rawValue: TestPostgres.skipReason)))
struct PostgresConformanceTests {
    func check(_ timeline: Timeline, label: String, searches: [String] = StoreConformance.searches) throws {
        let scratch = try ScratchDataset(label)
        defer { scratch.drop() }
        try scratch.write(timeline.dataset)
        try StoreConformance.compare(MemoryEventStore(timeline: timeline), try scratch.open(), searches: searches)
    }

    @Test func article() throws {
        try check(try Fixtures.article(), label: "article")
    }

    /// 200 events, as the SQLite store's in-memory case: every case is a round trip to the server
    /// (500 took a minute of the suite's time under load).
    @Test func generated() throws {
        try check(try Fixtures.generated(events: 200, seed: 11), label: "generated")
    }

    /// Searches of events and of quotes that walk only a few rows before they ask the GIN index:
    /// at these sizes the default walk covers everything, so without this the index's path (the
    /// one rare words take at scale) would go untested.
    @Test func searchesThroughTheIndex() throws {
        for (timeline, label) in [(try Fixtures.article(), "article-index"), (try Fixtures.generated(events: 200, seed: 12), "generated-index")] {
            let scratch = try ScratchDataset(label)
            defer { scratch.drop() }
            try scratch.write(timeline.dataset)
            let store = try scratch.open()
            store.walkWindow = 2
            store.quoteWalkWindow = 2
            try StoreConformance.compare(MemoryEventStore(timeline: timeline), store)
        }
    }

    @Test func smallDataset() throws {
        try check(try Fixtures.generated(events: 3, seed: 3), label: "small")
    }

    @Test func expandedSearches() throws {
        try check(try Fixtures.generated(events: 150, seed: 9, words: StoreConformance.expansionWords), label: "expansion",
                  searches: StoreConformance.expansionSearches)
    }

    /// Our JSON format streams into the writer record by record (the import's path for it), in
    /// batches smaller than the dataset: the same answers.
    @Test func streamedInBatches() throws {
        let scratch = try ScratchDataset("streamed")
        defer { scratch.drop() }
        let json = Fixtures.generatedJSON(events: 200, seed: 11)
        try PostgresDatasetWriter.write(to: scratch.address, replace: false, batchBytes: 10_000) { sink in
            try DatasetStream.read(bytes: Array(json.utf8), name: "generated.json", into: sink)
        }
        let timeline = try DatasetLoader.load(bytes: Array(json.utf8), name: "generated.json")
        try StoreConformance.compare(MemoryEventStore(timeline: timeline), try scratch.open())
    }

    /// The worker is a second connection with the same answers; an empty dataset opens.
    @Test func workerAndEmptyDataset() throws {
        let scratch = try ScratchDataset("empty")
        defer { scratch.drop() }
        let empty = try DatasetLoader.load(bytes: Array(#"{"format": "bilateral-timeline/1", "title": "E", "sources": [], "events": []}"#.utf8), name: "e.json")
        try scratch.write(empty.dataset)
        let store = try scratch.open()
        #expect(store.info.eventCount == 0)
        #expect(try store.selection(TimelineQuery()).rows(0..<10) == [])
        try StoreConformance.compare(MemoryEventStore(timeline: empty), try #require(store.worker() as? PostgresEventStore))
    }

    /// Trends (issue 15) equal the reference's: CAMEO codes and measures on most events, series per
    /// pair, filters by pair, country, dates, kind and text, each bucket.
    @Test func trends() throws {
        var dataset = try Fixtures.generated(events: 200, seed: 15).dataset
        let codes = ["042", "057", "062", "0256", "1313", "111", "163", "190", "195", "14", "20"]
        for index in dataset.events.indices {
            if index % 4 != 0 { dataset.events[index].cameo = codes[index % codes.count] }
            if index % 3 != 0 { dataset.events[index].attributes.append(Attribute("GoldsteinScale", .number(Double(index % 201 - 100) / 10))) }
            if index % 5 != 0 { dataset.events[index].attributes.append(Attribute("AvgTone", .number(Double(index % 2001 - 1000) / 137))) }
        }
        let scratch = try ScratchDataset("trend")
        defer { scratch.drop() }
        try scratch.write(dataset)
        let memory = MemoryEventStore(timeline: Timeline(dataset: dataset)), store = try scratch.open()
        let pairs = try memory.allPairs().map(\.pair)
        let country = try memory.allCountries()[0].country
        var queries: [TrendQuery] = []
        for bucket in TrendBucket.allCases {
            queries.append(TrendQuery(bucket: bucket))
            queries.append(TrendQuery(pairs: Array(pairs.prefix(3)), bucket: bucket))
            queries.append(TrendQuery(filter: TimelineQuery(country: country, from: try EDTFDate(parsing: "2012-03"),
                                                            to: try EDTFDate(parsing: "2017")), bucket: bucket))
            queries.append(TrendQuery(filter: TimelineQuery(kind: "visit", text: "talks"), pairs: [pairs[0]], bucket: bucket))
        }
        for query in queries {
            let expected = try memory.trend(query), actual = try store.trend(query)
            #expect(expected.series.map(\.pair) == actual.series.map(\.pair), "\(query)")
            for (a, b) in zip(expected.series, actual.series) {
                #expect(a.cells.count == b.cells.count, "\(query)")
                for (x, y) in zip(a.cells, b.cells) {
                    #expect(x.bucket == y.bucket && x.category == y.category && x.count == y.count, "\(query)")
                    #expect(x.goldsteinCount == y.goldsteinCount && x.toneCount == y.toneCount, "\(query)")
                    #expect(abs(x.goldsteinSum - y.goldsteinSum) < 1e-6 && abs(x.toneSum - y.toneSum) < 1e-6, "\(query)")
                }
            }
            #expect(expected.series.contains { !$0.cells.isEmpty } || query.filter.text != "", "\(query)")
        }
        #expect(try store.event(atPosition: 0).cameo == memory.event(atPosition: 0).cameo)

        // The plain series come from the rollups alone: with the events and their lists emptied,
        // they are unchanged (counting them would now find nothing).
        let plain = queries.filter { $0.filter.kind == nil && $0.filter.text.isEmpty }
        let before = try plain.map { try store.trend($0) }
        let admin = try PostgresSession(address: PostgresAddress(parsing: TestPostgres.server()))
        let schema = PostgresSchema.quoted(try #require(try PostgresCatalog.locate(scratch.address.dataset!, session: admin)).schema)
        try admin.execute("TRUNCATE \(schema).events, \(schema).pair_events, \(schema).country_events")
        #expect(try plain.map { try store.trend($0) } == before)
        #expect(before.contains { $0.series.contains { !$0.cells.isEmpty } })
        #expect(try store.trend(TrendQuery(filter: TimelineQuery(kind: "visit"))).series.allSatisfy { $0.cells.isEmpty })
    }
}
