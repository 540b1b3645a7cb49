import DatasetFormats
@testable import DatasetFormats
import Foundation
import ReferenceStore
import TestSupport
import Testing
import TimelineKit

@Suite("Importing: JSON Lines")
struct JSONLinesTests {
    static var articlePath: String { Repository.articleFixture }

    func read(_ text: String, name: String = "t.jsonl") -> ReadResult {
        JSONLinesReader().read(Array(text.utf8), name: name)
    }

    @Test("Bare event lines import, citing the file; a BOM, CRLF and blank lines are fine")
    func bareEvents() {
        let result = read("\u{FEFF}{\"id\": \"e1\", \"date\": \"2014\", \"title\": \"One\", \"kind\": \"talks\", \"status\": \"occurred\", \"participants\": {\"mode\": \"mutual\", \"countries\": [\"RUS\", \"PAK\"]}}\r\n\r\n"
                          + "{\"type\": \"event\", \"id\": \"e2\", \"date\": \"-0044-03-15\", \"title\": \"Ides\", \"kind\": \"incident\", \"status\": \"occurred\", \"attributes\": {\"n\": 1}}\n")
        #expect(result.problems == [])
        #expect(result.recordsRead == 2)
        #expect(result.dataset.events.map(\.id) == ["e1", "e2"])
        #expect(result.dataset.sources.map(\.id) == ["t.file"])
        #expect(result.dataset.events[1].attributes == [Attribute("n", .number(1))])
    }

    @Test("Problems are located at file:line:column, every line at once, and only good lines are kept")
    func problems() {
        let text = """
        {"type": "source", "id": "s", "publisher": "P"}
        {"id": "e1", "date": "2014-13", "title": "One", "kind": "talks", "status": "occurred", "sources": ["s"]}
        {"id": "e2", "date": "2014", "title": "Two", "kind": "talks", "status": "occurred", "sources": ["nope"]}
        {"id": "e3", "date": "2014", "title": "Three"
        [1, 2]
        {"type": "planet", "id": "x"}
        {"id": "e4", "date": "2014", "title": "Four", "kind": "talks", "status": "occurred", "sources": ["s"]}
        {"type": "quote", "id": "q", "speaker": "nobody", "text": "w", "events": ["e4"], "source": "s"}
        """
        let result = read(text)
        #expect(result.problems.map(\.diagnostic.description) == [
            "t.jsonl:2:22: date: invalid EDTF date: '2014-13': month 13 does not exist (01-12, or 21-24 for seasons)",
            "t.jsonl:3:97: sources[0]: unknown source 'nope'",
            "t.jsonl:4:46: (line): unexpected end of file; expected ',' or '}'",
            "t.jsonl:5:1: (line): expected an object, found an array",
            "t.jsonl:6:10: type: type must be event, source, person, quote or dataset",
            "t.jsonl:8:41: speaker: unknown person 'nobody'",
        ])
        let lines = Set(result.problems.map(\.record))
        #expect(lines == [2, 3, 4, 5, 6, 8])
        #expect(result.dataset.events.map(\.id) == ["e4"])
        #expect(result.problems.first { $0.record == 2 }?.reason == "bad date")
    }

    @Test("Our dataset through JSON Lines and back: the same events")
    func roundTrip() throws {
        let timeline = try DatasetLoader.load(path: Self.articlePath)
        let store = MemoryEventStore(timeline: timeline)
        var text = ""
        try JSONLinesWriter.write(store: store, selection: try store.selection(TimelineQuery())) { text += $0 }
        let result = read(text, name: "article.jsonl")
        #expect(result.problems == [])
        let back = MemoryEventStore(timeline: Timeline(dataset: result.dataset))
        #expect(back.info.title == store.info.title)
        for position in 0..<timeline.eventCount {
            #expect(try Self.record(back.event(atPosition: position)) == Self.record(store.event(atPosition: position)))
        }
        #expect(try back.quotes(QuoteQuery()).map(\.id) == store.quotes(QuoteQuery()).map(\.id))
    }

    static func record(_ event: EventDetail) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(EventRecord(event)), as: UTF8.self)
    }
}
