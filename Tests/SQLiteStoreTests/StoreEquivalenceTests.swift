import DatasetFormats
import Foundation
import GRDB
import ReferenceStore
import SQLiteStore
import StoreTestSupport
import Testing
import TestSupport
import TimelineKit

/// Every answer of the SQLite store equals the in-memory reference's, on the article and on a
/// generated dataset, for a file store and an in-memory one: the shared conformance cases
/// (`StoreConformance`, which the PostgreSQL store's tests run too).
@Suite struct StoreEquivalenceTests {
    static let searches = StoreConformance.searches

    @Test func articleFileStore() throws {
        try compareFileStore(try Fixtures.article())
    }

    @Test func generatedFileStore() throws {
        try compareFileStore(try Fixtures.generated())
    }

    /// Dates that each reach a bounded way past their start (`DateReach`), up to years: the date
    /// filters select a run of positions and the events before it that reach into the range.
    @Test func boundedDatesFileStore() throws {
        try compareFileStore(try Fixtures.generated(events: 400, seed: 5, boundedDates: true))
    }

    @Test func boundedDatesInMemory() throws {
        let timeline = try Fixtures.generated(events: 300, seed: 12, boundedDates: true)
        try compare(MemoryEventStore(timeline: timeline), try StoreWriter.inMemory(dataset: timeline.dataset))
    }

    @Test func generatedInMemoryStore() throws {
        let timeline = try Fixtures.generated(events: 200, seed: 11)
        try compare(MemoryEventStore(timeline: timeline), try StoreWriter.inMemory(dataset: timeline.dataset))
    }

    @Test func emptyPairsAndSmallDatasetInMemory() throws {
        let timeline = try Fixtures.generated(events: 3, seed: 3)
        try compare(MemoryEventStore(timeline: timeline), try StoreWriter.inMemory(dataset: timeline.dataset))
    }

    /// No events at all (found by the PostgreSQL run of the same cases: the first index at or
    /// after position -1 of an empty selection was 0).
    @Test func emptyDatasetInMemory() throws {
        let timeline = try DatasetLoader.load(bytes: Array(#"{"format": "bilateral-timeline/1", "title": "E", "sources": [], "events": []}"#.utf8),
                                              name: "e.json")
        try compare(MemoryEventStore(timeline: timeline), try StoreWriter.inMemory(dataset: timeline.dataset))
    }

    static let expansionWords = StoreConformance.expansionWords
    static let expansionSearches = StoreConformance.expansionSearches

    @Test func expandedSearchesFileStore() throws {
        let timeline = try Fixtures.generated(events: 150, seed: 9, words: Self.expansionWords)
        try compareFileStore(timeline, searches: Self.expansionSearches)
    }

    @Test func expandedSearchesInMemory() throws {
        let timeline = try Fixtures.generated(events: 120, seed: 4, words: Self.expansionWords)
        try compare(MemoryEventStore(timeline: timeline), try StoreWriter.inMemory(dataset: timeline.dataset), searches: Self.expansionSearches.reversed())
    }

    func compareFileStore(_ timeline: Timeline, searches: [String] = Self.searches) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/test.bilateral"
        try StoreWriter.write(dataset: timeline.dataset, to: path)
        #expect(SQLiteEventStore.isStore(path: path))
        let store = try SQLiteEventStore(path: path)
        try compare(MemoryEventStore(timeline: timeline), store, searches: searches)
        #expect(try StoreValidator.validate(path: path) == [])
    }

    func compare(_ memory: MemoryEventStore, _ store: any EventStore, searches: [String] = Self.searches) throws {
        try StoreConformance.compare(memory, store, searches: searches)
    }

    @Test func pagingDatasetFileStore() throws {
        try compareFileStore(Timeline(dataset: PagingDataset.make()))
    }
}



/// The generated fixture covers what the comparisons are meant to exercise.
@Suite struct GeneratedFixtureTests {
    @Test func coversTheCases() throws {
        let timeline = try Fixtures.generated()
        let memory = MemoryEventStore(timeline: timeline)
        #expect(timeline.eventCount == 500)
        #expect(timeline.pairSummaries.count > 20)
        let all = try memory.selection(TimelineQuery())
        for word in ["turk", "zuri", "helic", "friend", "erdog", "ελλ"] { #expect(try all.matchCount(SearchText(word)) > 0, "\(word)") }
        #expect(try all.matchCount(SearchText("ZÜRICH")) == all.matchCount(SearchText("zurich")))
        let dates = timeline.dataset.events.map(\.date.text)
        #expect(dates.contains { $0.hasPrefix("/") })
        #expect(dates.contains { $0.hasSuffix("/..") })
        #expect(timeline.pairSummaries.contains { $0.lastDay == Int.max })
        #expect(timeline.dataset.events.contains { !$0.attributes.isEmpty })
        // Same sort day, different precision.
        let byDay = Dictionary(grouping: timeline.dataset.events, by: \.date.sortDay)
        #expect(byDay.values.contains { Set($0.map(\.date.precision)).count > 1 })
    }
}

/// The writer's fast folding, and what its folder remembers, give exactly `SearchText.words`.
@Suite struct SearchWordsTests {
    @Test func sameWordsAsSearchText() throws {
        var texts = ["", "   ", "Hello, World!", "Türkiye–Rossiya: Zürich's naïve ÉLAN", "Ankara–Moskva", "İstanbul ıi",
                     "Straße STRASSE", "Øresund ø Æther", "São Paulo 2017-09-25", "Ελλάδα ΕΛΛΆΔΑ", "日本 東京", "a\u{301}b e\u{301}",
                     "Erdoğan's", "x-y_z", "مرحبا", "10,000 km²", "½ ⅓", "emoji 🚀 rocket", "tab\tnew\nline", "CAFÉ-au-lait"]
        let timeline = try Fixtures.generated()
        texts += timeline.dataset.events.flatMap { [$0.title, $0.summary, $0.place?.name ?? ""] }
        texts += try Fixtures.article().dataset.events.flatMap { [$0.title, $0.summary] }
        // One folder for every text, twice over, as the full-text builder keeps one: the second
        // round answers non-ASCII pieces from what the folder remembers.
        var folder = SearchWords()
        for round in 1...2 {
            for text in texts {
                var out: [UInt8] = []
                folder.append(text, to: &out)
                #expect(String(decoding: out, as: UTF8.self) == SearchText.words(in: text).joined(separator: " "), "round \(round): \(text)")
            }
        }
    }
}

@Suite struct StoreAttributeTests {
    @Test func attributesAndEventsWithoutCountriesRoundTrip() throws {
        let json = """
        {"format": "bilateral-timeline/1", "title": "T", "sources": [{"id": "s", "publisher": "P"}],
         "events": [
           {"id": "war", "date": "1914-07-28", "title": "A war begins", "kind": "war", "status": "occurred", "sources": ["s"]},
           {"id": "e1", "date": "2014", "title": "One", "kind": "talks", "status": "occurred", "sources": ["s"],
            "participants": {"mode": "directed", "from": ["SAU"], "to": ["EGY"]},
            "attributes": {"z": "\\u001b[31m", "GoldsteinScale": -2.5, "NumArticles": 10}}]}
        """
        let timeline = try DatasetLoader.load(bytes: Array(json.utf8), name: "t.json")
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/a.bilateral"
        try StoreWriter.write(dataset: timeline.dataset, to: path)
        let store = try SQLiteEventStore(path: path)
        let memory = MemoryEventStore(timeline: timeline)
        for position in 0..<2 {
            let a = try store.event(atPosition: position), b = try memory.event(atPosition: position)
            #expect(a.attributes == b.attributes)
            #expect(a.participants == b.participants)
        }
        #expect(try store.event(atPosition: 1).attributes.map(\.name) == ["z", "GoldsteinScale", "NumArticles"])
        #expect(try store.allPairs().count == 1)
        #expect(try StoreValidator.validate(path: path) == [])
    }

    @Test func storeWrittenBeforeAttributesStillOpens() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/old.bilateral"
        try StoreWriter.write(dataset: try Fixtures.article().dataset, to: path)
        // A store of format 1 as written before events had attributes: no such column.
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "ALTER TABLE events DROP COLUMN attributes") }
        try queue.close()
        let store = try SQLiteEventStore(path: path)
        #expect(try store.event(atPosition: 0).attributes == [])
        #expect(try store.event(atPosition: 0).title == MemoryEventStore(timeline: try Fixtures.article()).event(atPosition: 0).title)
    }
}
