import DatasetFormats
import Foundation
import ReferenceStore
@testable import ReferenceStore
import TestSupport
import Testing
import TimelineKit

@Suite("Queries")
struct QueryTests {
    static let timeline = try! DatasetLoader.load(path: Repository.articleFixture)
    private func ids(_ query: TimelineQuery) -> [String] {
        Self.timeline.positions(matching: query).map { Self.timeline.event(atPosition: Int($0)).id }
    }
    private func pair(_ text: String) -> CountryPair { try! CountryPair.parse(text) }

    @Test("Pairs answer from the index, in chronological order")
    func byPair() {
        #expect(ids(TimelineQuery(pairs: [pair("USA-PAK")])) == ["trump-afghanistan-strategy-2017", "pakistan-threatens-us-ties-2017"])
        #expect(ids(TimelineQuery(pairs: [pair("CHN-TUR")])).isEmpty, "a tour's spokes are not paired with each other")
        #expect(ids(TimelineQuery(pairs: [pair("PAK-CHN"), pair("IND-RUS")])) == ["asif-eurasian-tour-2017", "india-plea-2017", "russia-refuses-india-2017"])
        #expect(ids(TimelineQuery(pairs: [pair("RUS-PAK")])).count == 9)
    }

    @Test("A country matches every pair it is in")
    func byCountry() {
        #expect(ids(TimelineQuery(country: Country(alpha3: "IND"))) == ["india-plea-2017", "russia-refuses-india-2017"])
        #expect(ids(TimelineQuery(pairs: [pair("RUS-PAK")], country: Country(alpha3: "USA"))) == ["russia-warns-west-2017"])
    }

    @Test("Date ranges match events that can fall inside them")
    func byDate() throws {
        let in2016 = TimelineQuery(from: try EDTFDate(parsing: "2016"), to: try EDTFDate(parsing: "2016"))
        #expect(ids(in2016) == ["weapons-talks-2015", "friendship-2016"], "ongoing talks overlap 2016")
        let october = TimelineQuery(from: try EDTFDate(parsing: "2017-10"))
        #expect(ids(october).contains("friendship-2017"))
        #expect(ids(october).contains("bajwa-visit-2017"))
        #expect(!ids(october).contains("trump-afghanistan-strategy-2017"))
    }

    @Test("Text search folds case and accents and looks into quotes and speakers")
    func byText() {
        #expect(ids(TimelineQuery(text: "HELICOPTER")) == ["mi35m-deal-2015", "mi35m-delivery-2017"])
        #expect(ids(TimelineQuery(text: "rakisits")).contains("friendship-2017"))
        #expect(ids(TimelineQuery(text: "chechnya")) == ["friendship-2017"])
        #expect(ids(TimelineQuery(text: "no such words anywhere")).isEmpty)
        #expect(ids(TimelineQuery(kind: "military-exercise")) == ["friendship-2016", "friendship-2017"])
    }

    @Test("Pair summaries are busiest first with spans")
    func summaries() {
        let first = Self.timeline.pairSummaries[0]
        #expect(first.label == "RUS–PAK")
        #expect(first.eventCount == 9)
        #expect(first.lastDay == Int.max, "the talks are ongoing")
        #expect(Self.timeline.pairSummaries.map(\.eventCount) == Self.timeline.pairSummaries.map(\.eventCount).sorted(by: >))
    }

    @Test("Events of unknown date sort after all known ones and are left out by date filters")
    func unknownDatesInATimeline() throws {
        func event(_ id: String, _ date: String) -> String {
            #"{"id":"\#(id)","date":"\#(date)","title":"t","participants":{"mode":"mutual","countries":["RUS","PAK"]},"kind":"talks","status":"occurred","sources":["s"]}"#
        }
        let events = [event("a-unknown", "XXXX"), event("b-2017", "2017"), event("c-2014", "2014-06-02"), event("d-unknown", "XXXX-XX-XX")]
        let text = #"{"format":"bilateral-timeline/1","title":"t","sources":[{"id":"s","publisher":"p"}],"events":["#
            + events.joined(separator: ",") + "]}"
        let timeline = try DatasetLoader.load(bytes: Array(text.utf8), name: "u.json")
        func ids(_ positions: [Int32]) -> [String] { positions.map { timeline.event(atPosition: Int($0)).id } }
        #expect(ids((0..<4).map(Int32.init)) == ["c-2014", "b-2017", "a-unknown", "d-unknown"])
        #expect(ids(timeline.positions(matching: TimelineQuery(from: try EDTFDate(parsing: "2015")))) == ["b-2017"])
        #expect(ids(timeline.positions(matching: TimelineQuery(to: try EDTFDate(parsing: "2015")))) == ["c-2014"])
        #expect(ids(timeline.positions(matching: TimelineQuery())).count == 4)
        let summary = try #require(timeline.pairSummaries.first)
        #expect(summary.lastDay == CivilCalendar.dayNumber(year: 2017, month: 12, day: 31), "unknown dates do not make the span ongoing")
    }

}

@Suite("Synthetic pairs")
struct SyntheticPairTests {
    @Test("Pair numbers enumerate every pair once, the first ones among the fewest countries")
    func enumeration() {
        #expect((0..<6).map(SyntheticDataset.pair(number:)).map { [$0.0, $0.1] } == [[0, 1], [0, 2], [1, 2], [0, 3], [1, 3], [2, 3]])
        let all = SyntheticDataset.Shape.allPairs
        #expect(all == 30_876)
        var seen = Set<Int>()
        for k in 0..<all {
            let (a, b) = SyntheticDataset.pair(number: k)
            #expect(a < b && b < 249)
            seen.insert(a * 1000 + b)
        }
        #expect(seen.count == all)
    }
}
