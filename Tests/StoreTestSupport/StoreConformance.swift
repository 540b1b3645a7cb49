import DatasetFormats
import Foundation
import ReferenceStore
import Testing
import TimelineKit

/// The seam's conformance cases: every store (the SQLite store, in a file and in memory, and the
/// PostgreSQL store) must answer each of them exactly as the in-memory reference does, on the same
/// datasets (`Fixtures`). One list of cases, run by each store's test target; events and pair
/// summaries are compared whole (`WholeValue`), every field of them.
public enum StoreConformance {
    public static let searches = ["insurg", "insurges nord", "helic", "friend", "turk", "zuri", "ZÜRICH", "friend zuri", "ankara moskva", "Erdoğ", "mül",
                                  "russia", "pakistan drills", "øre", "nomatchzzz", "", "  ", "2017", "ελλ"]

    /// Words whose search expands to one index term, several, more than a cap, and a prefix that
    /// is itself a word ("talk", "mani1").
    public static let expansionWords = ["talk", "talks", "talking", "talked", "Talkative", "walkie-talkie", "Ståhl", "stahlwerk",
                                        "mani", "Ærø", "naïve"] + (0..<40).map { "mani\($0)" }
    public static let expansionSearches = ["talk", "talki", "talking", "talkingx", "talks", "tal", "TALK mani1", "mani", "mani1", "mani12",
                                           "mani1 talke", "manix", "maNI39", "stahl", "ståh", "sta", "talk", "walki", "aero", "ærø", "nomatchzzz"]

    public static func queries(_ memory: MemoryEventStore) throws -> [TimelineQuery] {
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
        queries += try datedQueries(memory, pairs: Array(pairs.prefix(2)), country: countries.first)
        queries.append(TimelineQuery(kind: "visit"))
        queries.append(TimelineQuery(kind: "arms-policy"))
        queries.append(TimelineQuery(kind: "no-such-kind"))
        queries.append(TimelineQuery(text: "helic"))
        queries.append(TimelineQuery(text: "TÜRKİYE friend"))
        queries.append(TimelineQuery(text: "   "))
        queries.append(TimelineQuery(text: "nomatchzzz"))
        return queries
    }

    /// Date ranges cut from the dataset's own days, so that they fall among its events: a day, a
    /// month and a year as either bound, a range ending before it starts, alone and with a pair,
    /// two pairs or a country.
    static func datedQueries(_ memory: MemoryEventStore, pairs: [CountryPair], country: Country?) throws -> [TimelineQuery] {
        let count = memory.info.eventCount
        // Days of four-digit years, which a date's text can name.
        let days = (0..<count).map { memory.timeline.event(atPosition: $0).date.sortDay }
            .filter { $0 != Int.min && $0 != Int.max && (1...9999).contains(CivilCalendar.civil(fromDayNumber: $0).year) }
        guard days.count >= 3 else { return [] }
        func date(_ day: Int, _ length: Int) throws -> EDTFDate {
            try EDTFDate(parsing: String(CivilCalendar.isoString(fromDayNumber: day).prefix(length)))
        }
        let early = days[days.count / 3], late = days[days.count * 2 / 3]
        var queries: [TimelineQuery] = []
        for (from, to) in [(try date(early, 10), nil), (nil, try date(late, 10)), (try date(early, 10), try date(late, 10)),
                           (try date(early, 7), try date(late, 4)), (try date(late, 4), nil), (try date(late, 10), try date(early, 10)),
                           (try date(days[0], 10), try date(days[0], 10))] as [(EDTFDate?, EDTFDate?)] {
            queries.append(TimelineQuery(from: from, to: to))
            if let pair = pairs.first { queries.append(TimelineQuery(pairs: [pair], from: from, to: to)) }
            if pairs.count == 2 { queries.append(TimelineQuery(pairs: Set(pairs), from: from, to: to)) }
            if let country { queries.append(TimelineQuery(country: country, from: from, to: to)) }
        }
        return queries
    }

    public static func compare(_ memory: MemoryEventStore, _ store: any EventStore, searches: [String] = Self.searches) throws {
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
            // A page of events in full (export, list --format json) is the rows' events, as one
            // event at a time reads them; a range past the end is cut to it.
            for range in [0..<min(n, 5), n / 2..<min(n, n / 2 + 7), max(0, n - 3)..<n + 5] {
                let events = try store.events(in: actual, at: range)
                WholeValue.expectSame(events, try expected.rows(range).map { try memory.event(atPosition: $0.position) }, "\(label) events \(range)")
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

    public static let pickerTexts = ["", "r", "ru", "rus", "RUS-", "rus–pak", "rus pak", "pak-rus", "ru-pk", "russia", "türk", "turk", "TURKIYE",
                              "switz", "ch", "c", "united states", "zz", "kh", "vlad", "putin", "müll", "mull", "erdo",
                              String(repeating: "x", count: 30), "switzerland-germany", "germany-switzerland-x", "united-states-of-ame"]

    /// The pickers' pages, the quote pane's selections and their searches, as the reference answers.
    public static func comparePaging(_ memory: MemoryEventStore, _ store: any EventStore) throws {
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

    /// Month bounds to compare bucket counts with: one bucket for everything, each month of the
    /// probed span, a few uneven buckets, buckets beyond either end, and empty ones (equal bounds).
    public static func bucketBounds(_ probeDays: [Int]) -> [[Int]] {
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
