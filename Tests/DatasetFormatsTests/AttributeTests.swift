import DatasetFormats
@testable import DatasetFormats
import Foundation
import ReferenceStore
import Testing
import TimelineKit

/// Events without countries and events with free-form attributes, from the file to the record.
@Suite("Attributes and events without countries")
struct AttributeTests {
    static let dataset = """
    {"format": "bilateral-timeline/1", "title": "T", "sources": [{"id": "s", "publisher": "P"}],
     "events": [
       {"id": "war", "date": "1914-07-28", "title": "A war begins", "kind": "war", "status": "occurred", "sources": ["s"]},
       {"id": "e1", "date": "2014", "title": "One", "kind": "talks", "status": "occurred", "sources": ["s"],
        "participants": {"mode": "directed", "from": ["SAU"], "to": ["EGY"]},
        "attributes": {"GoldsteinScale": -2.5, "EventCode": "0231", "NumArticles": 10}}
     ]}
    """

    @Test("An event may leave out participants: no pairs, hidden by a pair filter")
    func noParticipants() throws {
        let timeline = try DatasetLoader.load(bytes: Array(Self.dataset.utf8), name: "t.json")
        let war = try #require(timeline.event(id: "war"))
        #expect(war.participants == .none)
        #expect(war.participants.pairs.isEmpty)
        #expect(timeline.pairSummaries.count == 1)
        let store = MemoryEventStore(timeline: timeline)
        #expect(try store.selection(TimelineQuery()).count == 2)
        var query = TimelineQuery()
        query.pairs = [try CountryPair.parse("SAU-EGY")]
        #expect(try store.selection(query).rows(0..<10).map(\.id) == ["e1"])
        let position = try #require(try store.position(ofEventID: "war"))
        #expect(EventRecord(try store.event(atPosition: position)).participants.mode == "none")
    }

    @Test("Attributes keep their order and their types")
    func attributesDecoded() throws {
        let timeline = try DatasetLoader.load(bytes: Array(Self.dataset.utf8), name: "t.json")
        let event = try #require(timeline.event(id: "e1"))
        #expect(event.attributes == [Attribute("GoldsteinScale", .number(-2.5)), Attribute("EventCode", .string("0231")),
                                     Attribute("NumArticles", .number(10))])
        #expect(event.attributes["NumArticles"]?.text == "10")
        #expect(event.attributes["GoldsteinScale"]?.text == "-2.5")
        let detail = try MemoryEventStore(timeline: timeline).event(atPosition: Int(timeline.positionOfEvent[1]))
        #expect(detail.attributes == event.attributes)
    }

    @Test("Bad attributes are located problems")
    func badAttributes() {
        let bad = Self.dataset.replacingOccurrences(of: #""NumArticles": 10"#, with: #""NumArticles": [10], "": 1, "EventCode": "x""#)
        do {
            _ = try DatasetLoader.load(bytes: Array(bad.utf8), name: "t.json")
            Issue.record("expected problems")
        } catch {
            let messages = error.diagnostics.map(\.description)
            #expect(messages.contains { $0.hasPrefix("t.json:6:") && $0.contains("events[1].attributes.NumArticles: an attribute is a string or a number, found an array") })
            #expect(messages.contains { $0.contains("an attribute needs a name") })
            #expect(messages.contains { $0.contains("events[1].attributes.EventCode: duplicate member 'EventCode'") })
        }
        let notObject = Self.dataset.replacingOccurrences(of: #""attributes": {"#, with: #""attributes": 3, "x-a": {"#)
        #expect(throws: DatasetLoadError.self) { try DatasetLoader.load(bytes: Array(notObject.utf8), name: "t.json") }
    }

    @Test("The compact JSON of attributes reads back the same, hostile text included")
    func attributeJSON() throws {
        let attributes = [Attribute("b", .string("quote \" back\\slash \u{1B}[31m\n\u{202E}")), Attribute("a", .number(1e-7)),
                          Attribute("ü", .number(-3)), Attribute("big", .number(12345678901234))]
        let text = JSONWriter.attributes(attributes)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E })
        #expect(JSONWriter.parseAttributes(text) == attributes)
        #expect(JSONWriter.parseAttributes("[1]") == nil)
        #expect(JSONWriter.number(.infinity) == "null")
    }

    @Test("--format json writes attributes as an object")
    func record() throws {
        let timeline = try DatasetLoader.load(bytes: Array(Self.dataset.utf8), name: "t.json")
        let detail = try MemoryEventStore(timeline: timeline).event(atPosition: Int(timeline.positionOfEvent[1]))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(EventRecord(detail)), as: UTF8.self)
        #expect(json.contains(#""attributes":{"EventCode":"0231","GoldsteinScale":-2.5,"NumArticles":10}"#))
    }
}
