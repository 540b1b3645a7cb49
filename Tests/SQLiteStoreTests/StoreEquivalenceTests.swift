import DatasetFormats
import Foundation
import GRDB
import ReferenceStore
import SQLiteStore
import Testing
import TestSupport
import TimelineKit

/// Every answer of the SQLite store equals the in-memory reference's, on the article and on a
/// generated dataset, for a file store and an in-memory one; events and pair summaries are
/// compared whole (`WholeValue`), every field of them.
@Suite struct StoreEquivalenceTests {
    static let searches = ["insurg", "insurges nord", "helic", "friend", "turk", "zuri", "ZÜRICH", "friend zuri", "ankara moskva", "Erdoğ", "mül",
                           "russia", "pakistan drills", "øre", "nomatchzzz", "", "  ", "2017", "ελλ"]

    @Test func articleFileStore() throws {
        try compareFileStore(try Fixtures.article())
    }

    @Test func generatedFileStore() throws {
        try compareFileStore(try Fixtures.generated())
    }

    @Test func generatedInMemoryStore() throws {
        let timeline = try Fixtures.generated(events: 200, seed: 11)
        try compare(MemoryEventStore(timeline: timeline), try StoreWriter.inMemory(dataset: timeline.dataset))
    }

    @Test func emptyPairsAndSmallDatasetInMemory() throws {
        let timeline = try Fixtures.generated(events: 3, seed: 3)
        try compare(MemoryEventStore(timeline: timeline), try StoreWriter.inMemory(dataset: timeline.dataset))
    }

    /// Words whose search expands to one index term, several, more than `SearchTerms.cap` (a
    /// prefix query then), and a prefix that is itself a word ("talk", "mani1"); in an order where
    /// some expansions come from a shorter word's cached one and some cannot ("mani" has too many).
    static let expansionWords = ["talk", "talks", "talking", "talked", "Talkative", "walkie-talkie", "Ståhl", "stahlwerk",
                                 "mani", "Ærø", "naïve"] + (0..<40).map { "mani\($0)" }
    static let expansionSearches = ["talk", "talki", "talking", "talkingx", "talks", "tal", "TALK mani1", "mani", "mani1", "mani12",
                                    "mani1 talke", "manix", "maNI39", "stahl", "ståh", "sta", "talk", "walki", "aero", "ærø", "nomatchzzz"]

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

    func queries(_ memory: MemoryEventStore) throws -> [TimelineQuery] {
        let pairs = try memory.allPairs().map(\.pair)
        let countries = try memory.allCountries().map(\.country)
        var queries = [TimelineQuery()]
        queries += pairs.map { TimelineQuery(pairs: [$0]) }
        queries += countries.map { TimelineQuery(country: $0) }
        if pairs.count >= 2 {
            queries.append(TimelineQuery(pairs: [pairs[0], pairs[1]]))
            queries.append(TimelineQuery(pairs: [pairs[0], pairs[1]], text: "talks"))
            queries.append(TimelineQuery(pairs: [pairs[0], pairs[1]], country: pairs[1].first, kind: "visit", text: "mani"))
        }
        if pairs.count >= 3 { queries.append(TimelineQuery(pairs: [pairs[pairs.count - 1], pairs[2]], country: pairs[2].first)) }
        if let pair = pairs.first {
            queries.append(TimelineQuery(pairs: [pair], country: pair.second))
            queries.append(TimelineQuery(pairs: [pair], text: "friend"))
            queries.append(TimelineQuery(pairs: [pair], text: "talk mani1"))
            queries.append(TimelineQuery(pairs: [pair], country: pair.second, from: try EDTFDate(parsing: "2012"), text: "tal"))
            queries.append(TimelineQuery(pairs: [pair, CountryPair(Country(alpha3: "BRA")!, Country(alpha3: "ARG")!)]))
        }
        if let country = countries.first {
            queries.append(TimelineQuery(country: country, kind: "visit", text: "zuri"))
            queries.append(TimelineQuery(country: country, text: "talk"))
            queries.append(TimelineQuery(country: country, text: "helicopter mani"))
        }
        queries.append(TimelineQuery(pairs: [CountryPair(Country(alpha3: "BRA")!, Country(alpha3: "ARG")!)]))
        queries.append(TimelineQuery(country: Country(alpha3: "NOR")!))
        let y2015 = try EDTFDate(parsing: "2015"), y2016 = try EDTFDate(parsing: "2016-06"), y2017 = try EDTFDate(parsing: "2017-09-20")
        queries.append(TimelineQuery(from: y2015))
        queries.append(TimelineQuery(to: y2016))
        queries.append(TimelineQuery(from: y2016, to: y2017))
        queries.append(TimelineQuery(kind: "visit"))
        queries.append(TimelineQuery(kind: "arms-policy"))
        queries.append(TimelineQuery(kind: "no-such-kind"))
        queries.append(TimelineQuery(text: "helic"))
        queries.append(TimelineQuery(text: "TÜRKİYE friend"))
        queries.append(TimelineQuery(text: "   "))
        queries.append(TimelineQuery(text: "nomatchzzz"))
        return queries
    }

    func compare(_ memory: MemoryEventStore, _ store: SQLiteEventStore, searches: [String] = Self.searches) throws {
        #expect(store.info == memory.info)
        let count = memory.info.eventCount
        let days = (0..<count).map { memory.timeline.event(atPosition: $0).date.sortDay }.filter { $0 != Int.min && $0 != Int.max }
        var probeDays = [Int.min, 0, Int.max]
        if let first = days.first, let last = days.last {
            probeDays += Array(stride(from: first - 40, through: last + 40, by: max(1, (last - first) / 150)))
            probeDays += days.prefix(20)
        }

        for query in try queries(memory) {
            let expected = try memory.selection(query), actual = try store.selection(query)
            let label = "\(query)"
            let n = expected.count
            #expect(actual.count == n, "\(label)")
            #expect(actual.query == query)
            for range in [0..<n, 0..<min(n, 5), n / 2..<n / 2 + 7, max(0, n - 3)..<n + 5, n + 2..<n + 9] {
                #expect(try actual.rows(range) == expected.rows(range), "\(label) rows \(range)")
            }
            for position in -1...(count + 1) {
                #expect(try actual.index(atOrAfterPosition: position) == expected.index(atOrAfterPosition: position), "\(label) at \(position)")
            }
            for day in probeDays {
                #expect(try actual.index(onOrAfterDay: day) == expected.index(onOrAfterDay: day), "\(label) day \(day)")
            }
            for bounds in Self.bucketBounds(probeDays) {
                #expect(try actual.bucketCounts(monthBounds: bounds) == expected.bucketCounts(monthBounds: bounds), "\(label) buckets \(bounds)")
            }
            let starts = Set([-2, -1, 0, 1, 2, n / 3, n / 2, n - 2, n - 1, n, n + 1])
            for text in searches {
                let search = SearchText(text)
                #expect(try actual.matchCount(search) == expected.matchCount(search), "\(label) count '\(text)'")
                for start in starts {
                    for forward in [true, false] {
                        #expect(try actual.match(search, from: start, forward: forward) == expected.match(search, from: start, forward: forward),
                                "\(label) '\(text)' from \(start) \(forward)")
                    }
                }
                for range in [0..<n, 0..<min(n, 10), n / 3..<n / 3 + 20, max(0, n - 4)..<n + 4] {
                    #expect(try actual.matches(search, in: range) == expected.matches(search, in: range), "\(label) '\(text)' in \(range)")
                }
            }
        }

        for position in 0..<count {
            let expected = try memory.event(atPosition: position), actual = try store.event(atPosition: position)
            WholeValue.expectSame(actual, expected, "event at \(position)")
            #expect(try store.position(ofEventID: expected.id) == position)
        }
        #expect(try store.position(ofEventID: "no-such-event") == nil)
        if count > 0 {
            let id = try memory.event(atPosition: 0).id
            #expect(try store.suggestions(forEventID: id + "x") == memory.suggestions(forEventID: id + "x"))
        }

        let expectedPairs = try memory.allPairs(), actualPairs = try store.allPairs()
        WholeValue.expectSame(actualPairs, expectedPairs, "pair summaries")
        #expect(try store.allCountries() == memory.allCountries())

        var quoteQueries = [QuoteQuery(), QuoteQuery(bySpeaker: true), QuoteQuery(speaker: "putin"), QuoteQuery(speaker: "MÜLLER"),
                            QuoteQuery(speaker: "an", bySpeaker: true), QuoteQuery(speaker: "nobody"), QuoteQuery(eventID: "nope")]
        if let pair = expectedPairs.first?.pair {
            quoteQueries.append(QuoteQuery(pair: pair))
            quoteQueries.append(QuoteQuery(speaker: "k", pair: pair, bySpeaker: true))
        }
        quoteQueries.append(QuoteQuery(pair: CountryPair(Country(alpha3: "BRA")!, Country(alpha3: "ARG")!)))
        for quote in memory.timeline.dataset.quotes.prefix(5) {
            let eventID = memory.timeline.dataset.events[quote.events[0]].id
            quoteQueries.append(QuoteQuery(eventID: eventID))
            quoteQueries.append(QuoteQuery(speaker: "i", eventID: eventID, bySpeaker: true))
        }
        for query in quoteQueries {
            #expect(try store.quotes(query) == memory.quotes(query), "\(query)")
        }
        try comparePaging(memory, store)
    }

    static let pickerTexts = ["", "r", "ru", "rus", "RUS-", "rus–pak", "rus pak", "pak-rus", "ru-pk", "russia", "türk", "turk", "TURKIYE",
                              "switz", "ch", "c", "united states", "zz", "kh", "vlad", "putin", "müll", "mull", "erdo",
                              String(repeating: "x", count: 30), "switzerland-germany", "germany-switzerland-x", "united-states-of-ame"]

    /// The pickers' pages, the quote pane's selections and their searches, as the reference answers.
    func comparePaging(_ memory: MemoryEventStore, _ store: any EventStore) throws {
        for text in Self.pickerTexts {
            for (offset, limit) in [(0, 100), (0, 1), (1, 2), (3, 5), (1000, 5), (0, 0)] {
                let query = PickerQuery(text: text, offset: offset, limit: limit)
                WholeValue.expectSame(try store.pairs(query), try memory.pairs(query), "pairs \(query)")
                #expect(try store.countries(query) == memory.countries(query), "countries \(query)")
                #expect(try store.speakers(query) == memory.speakers(query), "speakers \(query)")
            }
        }
        var scopes: [QuoteScope] = [.allBySpeaker, .event(position: -1), .event(position: memory.info.eventCount)]
        for quote in memory.timeline.dataset.quotes.prefix(6) {
            scopes.append(.event(position: Int(memory.timeline.positionOfEvent[quote.events[0]])))
        }
        if memory.info.eventCount > 0 { scopes.append(.event(position: 0)) }
        for scope in scopes {
            let expected = try memory.quoteSelection(scope), actual = try store.quoteSelection(scope)
            #expect(actual.count == expected.count, "\(scope) count")
            let n = expected.count
            #expect(try actual.quotes(0..<n) == expected.quotes(0..<n), "\(scope) quotes")
            for range in [-2..<3, n / 2..<n / 2 + 7, max(0, n - 3)..<n + 3] {
                #expect(try actual.quotes(range) == expected.quotes(range), "\(scope) quotes \(range)")
            }
            for quote in try expected.quotes(0..<n) {
                #expect(try actual.index(ofQuoteID: quote.id) == expected.index(ofQuoteID: quote.id), "\(scope) \(quote.id)")
            }
            #expect(try actual.index(ofQuoteID: "no-such-quote") == nil)
            for index in -1...n {
                #expect(try actual.speakerRun(containing: index) == expected.speakerRun(containing: index), "\(scope) run at \(index)")
            }
            for text in Self.searches + ["putin", "vladimir helic", "MÜLLER", "müll talk"] {
                let search = SearchText(text)
                for start in Set([-1, 0, 1, n / 2, n - 1, n]) {
                    for forward in [true, false] {
                        #expect(try actual.match(search, from: start, forward: forward) == expected.match(search, from: start, forward: forward),
                                "\(scope) '\(text)' from \(start) \(forward ? "forward" : "back")")
                    }
                }
            }
        }
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

extension StoreEquivalenceTests {
    /// Month bounds to compare bucket counts with: one bucket for everything, each month of the
    /// probed span, a few uneven buckets, buckets beyond either end, and empty ones (equal bounds).
    static func bucketBounds(_ probeDays: [Int]) -> [[Int]] {
        let days = probeDays.filter { $0 != Int.min && $0 != Int.max }
        guard let first = days.min(), let last = days.max() else { return [[-(1 << 60), 1 << 60], []] }
        let low = MonthCount.month(ofDay: first), high = MonthCount.month(ofDay: last)
        let perMonth = Array(low...(high + 1)).prefix(2000)
        let step = max(1, (high - low) / 7)
        return [
            [-(1 << 60), 1 << 60],
            Array(perMonth),
            [-(1 << 60)] + Array(stride(from: low, through: high, by: step)) + [1 << 60],
            [low - 24, low - 12, low],
            [high + 1, high + 13],
            [low, low, low + step, low + step, 1 << 60],
            [low + 1],
        ]
    }
}
