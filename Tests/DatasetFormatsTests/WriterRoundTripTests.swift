import DatasetFormats
@testable import DatasetFormats
import Foundation
import ReferenceStore
import Testing
import TimelineKit

/// The writers and readers agree on what the model grew: events without countries, attributes,
/// hub participants, hostile text.
@Suite("Writers and readers agree")
struct WriterRoundTripTests {
    static let json = """
    {"format": "bilateral-timeline/1", "title": "T \\u001b[31m", "description": "D",
     "people": [{"id": "p", "name": "Ana"}],
     "sources": [{"id": "s", "publisher": "P", "url": "https://example.org/a"}, {"id": "t", "publisher": "Q"}],
     "events": [
       {"id": "war", "date": "1914-07-28", "title": "A war \\"begins\\", here", "summary": "Line one\\nline two", "kind": "war",
        "status": "occurred", "sources": ["t"], "attributes": {"n": 3, "code": "0231", "x": -2.5}},
       {"id": "tour", "date": "2017-09-07/", "title": "Tour", "kind": "diplomatic-tour", "status": "reported", "sources": ["s"],
        "participants": {"mode": "hub", "hub": "PAK", "spokes": ["CHN", "TUR"]}, "people": ["p"],
        "notes": [{"text": "N", "sources": ["t"]}], "tags": ["a"], "place": {"name": "Ankara", "country": "TUR"}},
       {"id": "era", "date": "1947/1991", "title": "Cold War", "kind": "era", "status": "occurred", "sources": ["t"]}
     ],
     "quotes": [{"id": "q", "speaker": "p", "text": "W", "events": ["tour"], "source": "s"}]}
    """

    static func store() throws -> MemoryEventStore {
        MemoryEventStore(timeline: try DatasetLoader.load(bytes: Array(json.utf8), name: "t.json"))
    }

    static func write(_ writer: (any EventStore, any EventSelection, (String) throws -> Void) throws -> Void) throws -> [UInt8] {
        let store = try store()
        var text = ""
        try writer(store, try store.selection(TimelineQuery())) { text += $0 }
        return Array(text.utf8)
    }

    func events(_ dataset: Dataset) throws -> [EventDetail] {
        let store = MemoryEventStore(timeline: Timeline(dataset: dataset))
        return try (0..<dataset.events.count).map { try store.event(atPosition: $0) }
    }

    @Test("Our JSON and JSON Lines give back every field")
    func fullFormats() throws {
        let original = try events(try DatasetLoader.decode(bytes: Array(Self.json.utf8), name: "t.json"))
        let ours = try Self.write { try BilateralWriter.write(store: $0, selection: $1, emit: $2) }
        let lines = try Self.write { try JSONLinesWriter.write(store: $0, selection: $1, emit: $2) }
        for back in [try DatasetLoader.decode(bytes: ours, name: "o.json"), JSONLinesReader().read(lines, name: "o.jsonl").dataset] {
            let events = try events(back)
            #expect(try events.map(JSONLinesTests.record) == original.map(JSONLinesTests.record))
            #expect(back.title == "T \u{1B}[31m")
            #expect(back.quotes.map(\.id) == ["q"])
        }
    }

    @Test("CSV keeps dates, titles, pairs and attributes (numbers stay numbers, codes stay text)")
    func csv() throws {
        let bytes = try Self.write { try CSVWriter.write(store: $0, selection: $1, emit: $2) }
        let map = ["id", "date", "title", "summary", "kind", "status", "from", "to", "countries", "place", "url"].map { "\($0)=\($0)" }
        let result = CSVReader(options: try ImportOptions(mapArguments: map)).read(bytes, name: "o.csv")
        #expect(result.problems == [])
        let back = try events(result.dataset), original = try events(try DatasetLoader.decode(bytes: Array(Self.json.utf8), name: "t.json"))
        #expect(back.map(\.id) == original.map(\.id))
        #expect(back.map(\.date) == original.map(\.date))
        #expect(back.map(\.title) == original.map(\.title))
        #expect(back.map(\.summary) == original.map(\.summary))
        #expect(back.map(\.status) == original.map(\.status))
        #expect(back.map(\.participants.pairs) == original.map(\.participants.pairs))
        let war = try #require(back.first { $0.id == "war" })
        #expect(war.attributes == [Attribute("n", .number(3)), Attribute("code", .string("0231")), Attribute("x", .number(-2.5))])
    }

    @Test("TimelineJS keeps eras as eras")
    func eras() throws {
        let bytes = try Self.write { _ = try TimelineJSWriter.write(store: $0, selection: $1, emit: $2) }
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"eras\": ["))
        let back = TimelineJSReader().read(bytes, name: "o.json")
        #expect(back.problems == [])
        #expect(back.dataset.events.filter { $0.kind == "era" }.map(\.title) == ["Cold War"])
        #expect(back.dataset.events.first { $0.id == "war" }?.participants == Participants.none)
    }
}
