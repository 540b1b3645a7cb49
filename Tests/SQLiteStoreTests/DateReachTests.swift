import DatasetFormats
import Foundation
import GRDB
import ReferenceStore
@testable import SQLiteStore
import StoreTestSupport
import Testing
import TimelineKit

/// How far a store's dates reach past their sort days (`DateReach`), and the date filters that
/// use it (`SQLiteDateWindow`): the same answers as the events read one by one.
@Suite struct DateReachTests {
    private func reach(_ texts: [String]) throws -> DateReach? {
        var tally = DateReach.Tally()
        for text in texts { tally.add(try EDTFDate(parsing: text)) }
        return tally.reach
    }

    @Test func tallyOfBoundedDates() throws {
        #expect(try reach([]) == DateReach(days: 0))
        #expect(try reach(["2017-03-04", "1948-01-01"]) == DateReach(days: 0))
        #expect(try reach(["2017-02"]) == DateReach(days: 27))
        // February of a leap year, then a whole leap year.
        #expect(try reach(["2017-03-04", "2016-02"]) == DateReach(days: 28))
        #expect(try reach(["2016", "2017-02"]) == DateReach(days: 365))
        #expect(try reach(["2017-12-30/2018-01-02", "2017-03"]) == DateReach(days: 30))
        // An unknown start is the end's year; an unknown end the start's day; an unknown date is
        // in no date range and bounds nothing.
        #expect(try reach(["/2017"]) == DateReach(days: 364))
        #expect(try reach(["2017-03-04/"]) == DateReach(days: 0))
        #expect(try reach(["XXXX", "2017-03-04", "XXXX-XX"]) == DateReach(days: 0))
    }

    @Test func tallyOfOpenDates() throws {
        #expect(try reach(["2017-03-04", "../2017"]) == nil)
        #expect(try reach(["2015/..", "2017-03-04"]) == nil)
        // Once unbounded, a later bounded date does not bound it again.
        #expect(try reach(["../2017-01-01", "2016"]) == nil)
    }

    private func writeStore(_ timeline: Timeline, in directory: String) throws -> String {
        let path = directory + "/dated.bilateral"
        try StoreWriter.write(dataset: timeline.dataset, to: path)
        return path
    }

    /// Over every event, a pair and a country, the date filters of a store that knows its reach are
    /// windows: with a lower bound, events before the run that reach into it are found; without
    /// one, none. Without the meta key (a store written before it) the same queries read every event
    /// and answer the same, as the reference does.
    @Test func windowsAgreeWithTheScanAndTheReference() throws {
        let timeline = try Fixtures.generated(events: 400, seed: 5, boundedDates: true)
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try writeStore(timeline, in: directory)
        let store = try SQLiteEventStore(path: path)
        let reach = try #require(store.dateReach)
        // Whole years and intervals across years.
        #expect(reach.days > 365)
        let memory = MemoryEventStore(timeline: timeline)
        let pair = try memory.allPairs()[0].pair
        let from = try EDTFDate(parsing: "2014-06-15"), to = try EDTFDate(parsing: "2016")
        let withLower = [TimelineQuery(from: from), TimelineQuery(pairs: [pair], from: from, to: to), TimelineQuery(country: pair.first, from: from)]
        let withoutLower = [TimelineQuery(to: to), TimelineQuery(pairs: [pair], to: to)]
        for query in withLower + withoutLower {
            let selection = try #require(try store.selection(query) as? SQLiteSelection)
            guard case .window(let window) = selection.backing else {
                Issue.record("\(query): not a window")
                continue
            }
            // Before the run: exactly the selected events that start before the lower bound.
            let lowerDay = query.from?.earliestDay ?? Int.min
            let expected = try memory.selection(query)
            let startingBefore = try expected.rows(0 ..< expected.count).filter { $0.date.sortDay < lowerDay }.count
            #expect(window.before.count == startingBefore, "\(query)")
            #expect(!window.run.isEmpty, "\(query)")
        }

        try DatabaseQueue(path: path).write { db in try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [DateReach.metaKey]) }
        let legacy = try SQLiteEventStore(path: path)
        #expect(legacy.dateReach == nil)
        // Every event from mid-2014: some earlier dates (years, intervals) reach into it.
        if case .window(let window) = try #require(try store.selection(withLower[0]) as? SQLiteSelection).backing {
            #expect(!window.before.isEmpty)
        } else {
            Issue.record("every event from mid-2014: not a window")
        }

        for query in withLower + withoutLower {
            let windowed = try store.selection(query), scanned = try legacy.selection(query), expected = try memory.selection(query)
            guard case .positions = try #require(scanned as? SQLiteSelection).backing else {
                Issue.record("\(query): the store without a reach made a window")
                continue
            }
            #expect(windowed.count == expected.count, "\(query)")
            #expect(try windowed.rows(0 ..< windowed.count) == expected.rows(0 ..< expected.count), "\(query)")
            #expect(try scanned.rows(0 ..< scanned.count) == expected.rows(0 ..< expected.count), "\(query)")
        }
    }

    /// The edge of the reach: 2016 (a leap year) reaches 365 days past its first day, so from its
    /// last day it is kept, from the next day not; a day before the range that reaches nothing is
    /// never kept; nor a date after it.
    @Test func edgeOfTheReach() throws {
        func event(_ id: String, _ date: String) -> String {
            #"{"id": "\#(id)", "date": "\#(date)", "title": "\#(id)", "kind": "talks", "status": "occurred", "sources": ["s"], "#
                + #""participants": {"mode": "mutual", "countries": ["RUS", "PAK"]}}"#
        }
        let events = [event("year", "2016"), event("june", "2016-06-01"), event("eve", "2016-12-31"), event("new", "2017-01-01"),
                      event("march", "2017-03-01")]
        let json = #"{"format": "bilateral-timeline/1", "title": "T", "sources": [{"id": "s", "publisher": "P"}], "events": ["#
            + events.joined(separator: ", ") + "]}"
        let timeline = try DatasetLoader.load(bytes: Array(json.utf8), name: "edge.json")
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteEventStore(path: try writeStore(timeline, in: directory))
        #expect(store.dateReach == DateReach(days: 365))
        let memory = MemoryEventStore(timeline: timeline)
        let pair = CountryPair(Country(alpha3: "RUS")!, Country(alpha3: "PAK")!)
        let cases: [(from: String, to: String?, ids: [String])] = [
            ("2016-12-31", nil, ["year", "eve", "new", "march"]),
            ("2017-01-01", nil, ["new", "march"]),
            ("2016-12-31", "2016-12-31", ["year", "eve"]),
            ("2016-06-02", "2016-12-30", ["year"]),
        ]
        for (from, to, ids) in cases {
            for pairs in [[], [pair]] as [Set<CountryPair>] {
                let query = TimelineQuery(pairs: pairs, from: try EDTFDate(parsing: from), to: try to.map { try EDTFDate(parsing: $0) })
                let selection = try store.selection(query)
                guard case .window = try #require(selection as? SQLiteSelection).backing else {
                    Issue.record("\(query): not a window")
                    continue
                }
                #expect(try selection.rows(0 ..< selection.count).map(\.id) == ids, "\(query)")
                #expect(try memory.selection(query).rows(0 ..< ids.count + 1).map(\.id) == ids, "\(query)")
            }
        }
    }

    /// Sort days out of order (a damaged store) are reported by a date filter, never a trap: the
    /// first event moved to 2015 is found after the later ones a window would start from.
    @Test func datesOutOfOrderAreDamage() throws {
        let timeline = try Fixtures.generated(events: 200, seed: 5, boundedDates: true)
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try writeStore(timeline, in: directory)
        let day = try EDTFDate(parsing: "2015-01-01").sortDay
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE events SET sort_day = ? WHERE num = 1", arguments: [day]) }
        let store = try SQLiteEventStore(path: path)
        let pairs = try MemoryEventStore(timeline: timeline).allPairs().prefix(2).map(\.pair)
        for query in [TimelineQuery(from: try EDTFDate(parsing: "2015-01-01")),
                      TimelineQuery(pairs: Set(pairs), from: try EDTFDate(parsing: "2015-01-01"))] {
            #expect("\(query)") {
                _ = try store.selection(query)
            } throws: { error in
                (error as? StoreError)?.message == "\(path): corrupt store: events out of date order before position 0"
            }
        }
    }

    /// Dates with open ends or starts reach without bound: the filters read the events.
    @Test func openDatesAreScanned() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteEventStore(path: try writeStore(try Fixtures.generated(events: 100, seed: 5), in: directory))
        #expect(store.dateReach == nil)
        let selection = try #require(try store.selection(TimelineQuery(from: try EDTFDate(parsing: "2014"))) as? SQLiteSelection)
        guard case .positions = selection.backing else {
            Issue.record("a store whose dates reach without bound made a window")
            return
        }
    }

    /// A reach smaller than the events' would leave events out of date filters: `validate` says so.
    /// A value that is not a number of days is a damaged store at open.
    @Test func wrongReachIsDamage() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try writeStore(try Fixtures.generated(events: 100, seed: 5, boundedDates: true), in: directory)
        #expect(try StoreValidator.validate(path: path) == [])
        let meta = "UPDATE meta SET value = ? WHERE key = '\(DateReach.metaKey)'"
        try DatabaseQueue(path: path).write { db in try db.execute(sql: meta, arguments: [3]) }
        let problems = try StoreValidator.validate(path: path)
        #expect(problems == ["\(path): the meta table's date_reach is not how far the events' dates reach"])
        try DatabaseQueue(path: path).write { db in try db.execute(sql: meta, arguments: ["far"]) }
        #expect {
            try SQLiteEventStore(path: path)
        } throws: { error in
            (error as? StoreError)?.message == "\(path): corrupt store: meta.value 'date_reach' is text, not an integer"
        }
        try DatabaseQueue(path: path).write { db in try db.execute(sql: meta, arguments: [-1]) }
        #expect(throws: StoreError.self) { try SQLiteEventStore(path: path) }
    }
}
