import DatasetFormats
import Foundation
@testable import ReferenceStore
import TestSupport
import Testing
import TimelineKit

/// The reference's answers to the paged questions of issue 13: quote selections, picker pages,
/// bucket counts, and its worker's interrupt.
@Suite("Paging in the reference store")
struct PagingTests {
    static let store = MemoryEventStore(timeline: Timeline(dataset: PagingDataset.make()))
    static let article = MemoryEventStore(timeline: try! DatasetLoader.load(path: Repository.articleFixture))

    // MARK: - Quotes

    @Test("All quotes by speaker: name order, dataset order within, every page boundary")
    func allBySpeaker() throws {
        let quotes = try Self.store.quoteSelection(.allBySpeaker)
        #expect(quotes.count == 12)
        let order = ["q7", "q3", "q6", "q10", "q0", "q2", "q5", "q8", "q11", "q1", "q4", "q9"]
        #expect(try quotes.quotes(0..<12).map(\.id) == order)
        for start in 0...12 {
            for length in [0, 1, 2, 5, 13] {
                let expected = Array(order[min(12, start)..<min(12, start + length)])
                #expect(try quotes.quotes(start..<(start + length)).map(\.id) == expected, "\(start) +\(length)")
            }
        }
        #expect(try quotes.quotes(-3..<2).map(\.id) == ["q7", "q3"], "clamped at the start")
        #expect(try quotes.quotes(11..<40).map(\.id) == ["q9"], "clamped at the end")
        for (index, id) in order.enumerated() { #expect(try quotes.index(ofQuoteID: id) == index) }
        #expect(try quotes.index(ofQuoteID: "no-such-quote") == nil)
    }

    @Test("A speaker's run: the heading's count; nobody's run outside the list")
    func speakerRuns() throws {
        let quotes = try Self.store.quoteSelection(.allBySpeaker)
        let runs = [0..<1, 1..<4, 1..<4, 1..<4, 4..<9, 4..<9, 4..<9, 4..<9, 4..<9, 9..<12, 9..<12, 9..<12]
        for (index, run) in runs.enumerated() { #expect(try quotes.speakerRun(containing: index) == run, "at \(index)") }
        #expect(try quotes.speakerRun(containing: -1).isEmpty)
        #expect(try quotes.speakerRun(containing: 12).isEmpty)
        // The person never quoted has no run and is no picker entry.
        #expect(try Self.store.speakers(PickerQuery(text: "nobody")).isEmpty)
        #expect(try quotes.quotes(0..<12).allSatisfy { $0.speaker.id != "silent" })
    }

    @Test("One event's quotes: dataset order; an event without quotes; a position out of range")
    func eventQuotes() throws {
        let timeline = Self.store.timeline
        let position = Int(timeline.positionOfEvent[20])
        let quotes = try Self.store.quoteSelection(.event(position: position))
        #expect(try quotes.quotes(0..<quotes.count).map(\.id) == ["q0"], "event 20 is q0's second event")
        #expect(try quotes.quotes(0..<quotes.count) == Self.store.event(atPosition: position).quotes)
        let none = try Self.store.quoteSelection(.event(position: Int(timeline.positionOfEvent[31])))
        #expect(none.count == 0)
        #expect(try none.match(SearchText("quote"), from: 0, forward: true) == nil)
        #expect(try Self.store.quoteSelection(.event(position: 10_000)).count == 0)
        #expect(try Self.store.quoteSelection(.event(position: -1)).count == 0)
        let first = try Self.store.quoteSelection(.event(position: Int(timeline.positionOfEvent[4])))
        #expect(try first.index(ofQuoteID: "q4") == 0)
        #expect(try first.index(ofQuoteID: "q5") == nil, "another event's quote")
    }

    @Test("Search in the quotes: text and speaker name, folded, both ways, no wrap")
    func quoteSearch() throws {
        let quotes = try Self.store.quoteSelection(.allBySpeaker)
        #expect(try quotes.match(SearchText("finale"), from: 0, forward: true) == 10, "the long quote, q4, is 10th")
        #expect(try quotes.match(SearchText("finale"), from: 11, forward: true) == nil)
        #expect(try quotes.match(SearchText("finale"), from: 11, forward: false) == 10)
        #expect(try quotes.match(SearchText("ALANDER"), from: 0, forward: true) == 9, "the speaker's folded name")
        #expect(try quotes.match(SearchText("zoe quote"), from: 10, forward: true) == 11, "q4 has no word 'quote'")
        #expect(try quotes.match(SearchText("khan"), from: 4, forward: false) == 3)
        #expect(try quotes.match(SearchText("number 1"), from: 0, forward: true) == 3, "q10's number")
        #expect(try quotes.match(SearchText("zzz"), from: 0, forward: true) == nil)
        #expect(try quotes.match(SearchText(""), from: 0, forward: true) == nil)
        #expect(try quotes.match(SearchText("quote"), from: 12, forward: true) == nil)
        #expect(try quotes.match(SearchText("quote"), from: -1, forward: false) == nil)
    }

    // MARK: - Pickers

    @Test("Pairs: busiest first, a page at a time")
    func pairPages() throws {
        let all = try Self.store.pairs(PickerQuery(limit: 1000)).map(\.label)
        #expect(all == ["CIV–FRA", "TUR–RUS", "RUS–PAK", "USA–PAK", "RUS–USA", "TUR–CIV", "PAK–IND", "FRA–DEU", "CHE–DEU"])
        #expect(try Self.store.pairs(PickerQuery(offset: 2, limit: 3)).map(\.label) == Array(all[2..<5]))
        #expect(try Self.store.pairs(PickerQuery(offset: 8, limit: 3)).map(\.label) == ["CHE–DEU"])
        #expect(try Self.store.pairs(PickerQuery(offset: 9, limit: 3)).isEmpty)
        #expect(try Self.store.pairs(PickerQuery(limit: 0)).isEmpty)
        #expect(try Self.store.allPairs().map(\.label) == all)
        let counts = try Self.store.pairs(PickerQuery(limit: 100)).map(\.eventCount)
        #expect(counts == counts.sorted(by: >))
    }

    @Test("Pairs by prefix of a code, of either name, of the label; accents and case folded")
    func pairPrefixes() throws {
        func labels(_ text: String) throws -> [String] { try Self.store.pairs(PickerQuery(text: text)).map(\.label) }
        #expect(try labels("rus") == ["TUR–RUS", "RUS–PAK", "RUS–USA"], "either code, busiest first")
        #expect(try labels("RUS–p") == ["RUS–PAK"])
        #expect(try labels("pak rus") == ["RUS–PAK"], "the label either way round, any separator")
        #expect(try labels("ru-pk") == ["RUS–PAK"], "alpha-2 codes")
        #expect(try labels("pakistan") == ["RUS–PAK", "USA–PAK", "PAK–IND"], "a name")
        #expect(try labels("united states") == ["USA–PAK", "RUS–USA"], "a name of two words")
        #expect(try labels("côte") == ["CIV–FRA", "TUR–CIV"])
        #expect(try labels("COTE D") == ["CIV–FRA", "TUR–CIV"], "accent- and case-folded")
        #expect(try labels("turkiye-cote") == ["TUR–CIV"], "both names")
        #expect(try labels("türk") == ["TUR–RUS", "TUR–CIV"])
        #expect(try labels("states") == [], "a prefix of a name, not any word in it")
        #expect(try labels("zzz") == [])
        #expect(try labels("pakistan-russia-and-more") == [])
        #expect(try Self.store.pairs(PickerQuery(text: "pakistan", offset: 1, limit: 1)).map(\.label) == ["USA–PAK"])
    }

    @Test("Countries and speakers by prefix, busiest first")
    func countriesAndSpeakers() throws {
        let countries = try Self.store.countries(PickerQuery(limit: 100))
        #expect(countries.map(\.events) == countries.map(\.events).sorted(by: >))
        #expect(countries.first?.country.alpha3 == "RUS")
        #expect(countries.first?.events == 20, "8 + 7 + 5 events")
        #expect(try Self.store.countries(PickerQuery(text: "ci")).map(\.country.alpha3) == ["CIV"])
        #expect(try Self.store.countries(PickerQuery(text: "tu")).map(\.country.alpha3) == ["TUR"], "alpha-3 and name both begin so; once")
        #expect(try Self.store.countries(PickerQuery(text: "d")).map(\.country.alpha3) == ["DEU"], "DEU, and Deutschland is not its name")
        #expect(try Self.store.countries(PickerQuery(text: "xx")).isEmpty)
        let speakers = try Self.store.speakers(PickerQuery())
        #expect(speakers.map(\.person.id) == ["putin", "khan", "alander", "akhan"], "5, 3 and 3 by name, 1")
        #expect(speakers.map(\.quotes) == [5, 3, 3, 1])
        #expect(speakers.map(\.firstIndex) == [4, 1, 9, 0])
        #expect(try Self.store.speakers(PickerQuery(text: "khan")).map(\.person.id) == ["khan", "akhan"], "a last name")
        #expect(try Self.store.speakers(PickerQuery(text: "ZOE a")).map(\.person.id) == ["alander"], "folded")
        #expect(try Self.store.speakers(PickerQuery(text: "khan", offset: 1, limit: 5)).map(\.person.id) == ["akhan"])
    }

    // MARK: - Buckets

    /// Counts per bucket, event by event, from the rows.
    static func bruteForce(_ selection: any EventSelection, _ bounds: [Int]) throws -> [Int] {
        guard bounds.count >= 2 else { return [] }
        var counts = [Int](repeating: 0, count: bounds.count - 1)
        for row in try selection.rows(0..<selection.count) {
            let day = row.date.sortDay
            guard day != Int.min, day != Int.max else { continue }
            let month = MonthCount.month(ofDay: day)
            for bucket in counts.indices where bounds[bucket] <= month && month < bounds[bucket + 1] { counts[bucket] += 1 }
        }
        return counts
    }

    @Test("Bucket counts equal counting the rows: edges, one bucket, empty buckets, none")
    func buckets() throws {
        let first = MonthCount.month(ofDay: Self.store.info.firstDay!), last = MonthCount.month(ofDay: Self.store.info.lastDay!)
        let boundsSets: [[Int]] = [
            [], [first], [first, last + 1], [first + 1, last], [-(1 << 60), 1 << 60],
            Array(first...(last + 1)), [first - 10, first, first, first + 1, last, last + 1, last + 2],
            Array(stride(from: first, through: last + 13, by: 12)),
        ]
        let queries = [TimelineQuery(), TimelineQuery(pairs: [try CountryPair.parse("TUR-RUS")]),
                       TimelineQuery(country: Country(alpha3: "PAK")), TimelineQuery(text: "talks event 3"),
                       TimelineQuery(pairs: [try CountryPair.parse("BRA-ARG")])]
        for query in queries {
            let selection = try Self.store.selection(query)
            for bounds in boundsSets {
                #expect(try selection.bucketCounts(monthBounds: bounds) == Self.bruteForce(selection, bounds), "\(query) \(bounds)")
            }
        }
        let all = try Self.store.selection(TimelineQuery())
        #expect(try all.bucketCounts(monthBounds: [first, last + 1]) == [all.count], "one bucket holds every event")
        #expect(try all.bucketCounts(monthBounds: [first, first + 1]).first! > 0, "the first month")
        #expect(try all.bucketCounts(monthBounds: [last + 1, last + 100]) == [0], "after the last month")
        #expect(try all.bucketCounts(monthBounds: [first - 5, first]) == [0], "before the first month: its upper bound is exclusive")
    }

    // MARK: - Worker

    @Test("The worker is another store over the same data; interrupt stops its count, not the next")
    func workerInterrupt() throws {
        let store = MemoryEventStore(timeline: try Fixtures.big)
        let worker = try #require(try store.worker() as? MemoryEventStore)
        #expect(worker !== store)
        #expect(worker.info == store.info)
        let selection = try worker.selection(TimelineQuery())
        let search = SearchText("talks")
        let expected = try selection.matchCount(search)
        #expect(expected > 0)
        // Interrupted while it counts: it throws rather than answering.
        let started = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Thread.detachNewThread {
            started.signal()
            do { outcome.set(.success(try selection.matchCount(search))) } catch { outcome.set(.failure(error)) }
        }
        started.wait()
        var interrupted = false
        for _ in 0..<2000 where outcome.value == nil {
            worker.interrupt()
            usleep(100)
        }
        while outcome.value == nil { usleep(1000) }
        if case .failure(let error) = outcome.value! { interrupted = error is StoreInterrupted }
        #expect(interrupted, "the count in progress was stopped")
        // An interrupt stops only what is running: the store answers again, and the main store never noticed.
        #expect(try selection.matchCount(search) == expected)
        #expect(try store.selection(TimelineQuery()).matchCount(search) == expected)
        // The main store's interrupt does not touch the worker's calls.
        store.interrupt()
        #expect(try worker.selection(TimelineQuery(text: "talks")).count == expected)
    }

    final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Result<Int, any Error>?
        var value: Result<Int, any Error>? { lock.withLock { stored } }
        func set(_ value: Result<Int, any Error>) { lock.withLock { stored = value } }
    }

    enum Fixtures {
        /// Enough events that a count takes a while: the generator's default shape.
        static var big: Timeline {
            get throws { try DatasetLoader.load(bytes: SyntheticDataset.json(events: 50_000, seed: 5), name: "big.json") }
        }
    }
}
