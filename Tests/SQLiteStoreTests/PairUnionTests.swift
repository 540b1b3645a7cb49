import DatasetFormats
import ReferenceStore
import SQLiteStore
import StoreTestSupport
import Testing
import TimelineKit

/// Several pairs as the filter: their lists merged and each event's month taken from the month
/// counts (`PairUnion`), equal to the reference, with events in both pairs counted once and events
/// of no known date after every month.
@Suite struct PairUnionTests {
    static func event(_ id: String, _ date: String, _ participants: String) -> String {
        """
        {"id": "\(id)", "date": "\(date)", "title": "t \(id)", "summary": "s", "participants": \(participants),
         "kind": "visit", "status": "occurred", "sources": ["s"]}
        """
    }

    static let dataset: String = {
        let rusPak = #"{"mode": "mutual", "countries": ["RUS", "PAK"]}"#
        let indRus = #"{"mode": "mutual", "countries": ["IND", "RUS"]}"#
        let both = #"{"mode": "hub", "hub": "RUS", "spokes": ["PAK", "IND"]}"#
        let other = #"{"mode": "mutual", "countries": ["USA", "CHN"]}"#
        let events = [
            event("a", "2014-01-05", rusPak), event("b", "2014-01", other), event("c", "2014-02-28", indRus),
            event("d", "2014", both), event("e", "2014-03-01", other), event("f", "2016-09-24/2016-10-10", rusPak),
            event("g", "2016-12", indRus), event("h", "XXXX", rusPak), event("i", "XXXX", other), event("j", "XXXX", both),
            event("k", "../2013-06-01", indRus), event("l", "2017-01-01/..", other),
        ]
        return """
            {"format": "bilateral-timeline/1", "title": "U", "sources": [{"id": "s", "publisher": "P"}], "events": [\(events.joined(separator: ",\n"))]}
            """
    }()

    @Test("Two and three pairs: rows, count, months for the ruler, jumps by day, equal to the reference")
    func unionEqualsReference() throws {
        let timeline = try DatasetLoader.load(bytes: Array(Self.dataset.utf8), name: "union.json")
        let memory = MemoryEventStore(timeline: timeline)
        let sqlite = try StoreWriter.inMemory(dataset: timeline.dataset)
        let pair = { (text: String) in try CountryPair.parse(text) }
        for pairs in [[try pair("RUS-PAK"), try pair("IND-RUS")], [try pair("IND-RUS"), try pair("CHN-USA"), try pair("RUS-PAK")],
                      [try pair("RUS-PAK"), try pair("BRA-ARG")]] {
            let query = TimelineQuery(pairs: Set(pairs))
            let expected = try memory.selection(query), actual = try sqlite.selection(query)
            #expect(actual.count == expected.count, "\(pairs)")
            #expect(try actual.rows(0..<actual.count).map(\.id) == expected.rows(0..<expected.count).map(\.id), "\(pairs)")
            for bounds in [[MonthCount.month(ofDay: try EDTFDate(parsing: "2010").earliestDay!), MonthCount.month(ofDay: try EDTFDate(parsing: "2020").earliestDay!)],
                           (0...48).map { MonthCount.month(ofDay: try! EDTFDate(parsing: "2013-06").earliestDay!) + $0 }] {
                #expect(try actual.bucketCounts(monthBounds: bounds) == expected.bucketCounts(monthBounds: bounds), "\(pairs) \(bounds.count)")
            }
            for date in ["2013", "2014-01-06", "2014-03", "2016-10", "2017", "2030"] {
                let day = try EDTFDate(parsing: date).earliestDay!
                #expect(try actual.index(onOrAfterDay: day) == expected.index(onOrAfterDay: day), "\(pairs) \(date)")
            }
        }
        // RUS–PAK has 5 events and IND–RUS 5; the two hub events are in both and in the union once.
        #expect(try sqlite.selection(TimelineQuery(pairs: [try pair("RUS-PAK"), try pair("IND-RUS")])).count == 8)
        try StoreConformance.compare(memory, sqlite)
    }
}
