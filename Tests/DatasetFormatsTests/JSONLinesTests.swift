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

    static let cascade = """
        {"type": "source", "id": "s", "publisher": "P"}
        {"type": "source", "id": "gone", "publisher": 5}
        {"id": "e1", "date": "2014-13", "title": "One", "kind": "talks", "status": "occurred", "sources": ["s"]}
        {"id": "e2", "date": "2014", "title": "Two", "kind": "talks", "status": "occurred", "sources": ["s"]}
        {"id": "e1", "date": "2015", "title": "One again", "kind": "talks", "status": "occurred", "sources": ["s"]}
        {"id": "e3", "date": "2016", "title": "Three", "kind": "talks", "status": "occurred", "sources": ["gone"]}
        {"id": "e4", "date": "2017", "title": "Four", "kind": "talks", "status": "occurred", "sources": ["s"]}
        {"type": "person", "id": "p", "name": "Pat"}
        {"type": "quote", "id": "q1", "speaker": "p", "text": "a", "events": ["e1"], "source": "s"}
        {"type": "quote", "id": "q2", "speaker": "p", "text": "b", "events": ["e4", "e2"], "source": "s"}
        {"type": "quote", "id": "q3", "speaker": "p", "text": "c", "events": ["e3"], "source": "s"}
        """

    @Test("Read in one pass: a dropped line breaks the lines that refer to it, and the kept events keep their numbers")
    func droppedLinesCascade() throws {
        let result = read(Self.cascade)
        #expect(result.problems.map(\.diagnostic.description) == [
            "t.jsonl:2:47: publisher: expected a string, found a number",
            "t.jsonl:3:22: date: invalid EDTF date: '2014-13': month 13 does not exist (01-12, or 21-24 for seasons)",
            "t.jsonl:5:8: id: duplicate id 'e1'; events[0] already uses it",
            "t.jsonl:6:99: sources[0]: unknown source 'gone'",
            "t.jsonl:9:71: events[0]: unknown event 'e1'; did you mean 'e2'?",
            "t.jsonl:11:71: events[0]: unknown event 'e3'; did you mean 'e2'?",
        ])
        // Six bad lines and the two events kept (the good source, person and quote lines are not records).
        #expect(result.recordsRead == 6 + 2)
        #expect(result.dataset.events.map(\.id) == ["e2", "e4"])
        #expect(result.dataset.sources.map(\.id) == ["s"])
        // q2 is about e4 and e2: the events kept are numbered without the dropped ones before them.
        #expect(result.dataset.quotes.map(\.id) == ["q2"])
        #expect(result.dataset.quotes.first.map { $0.events.map { result.dataset.events[$0].id } } == ["e4", "e2"])
    }

    @Test("A file is mapped and read a line at a time: the same records and problems as its bytes in memory")
    func mappedFileReadsAsItsBytes() throws {
        // Past the first step at which the mapped pages are given back (8 MB).
        var text = Self.cascade + "\n"
        var count = 0
        while text.utf8.count < 12 << 20 {
            text += #"{"id": "g\#(count)", "date": "1990-01-02", "title": "A meeting of a long title to fill the line", "kind": "talks", "status": "occurred", "summary": "\#(String(repeating: "words ", count: 40))", "sources": ["s"]}"# + "\n"
            count += 1
        }
        text += #"{"type": "quote", "id": "late", "speaker": "p", "text": "d", "events": ["g\#(count - 1)", "e2"], "source": "s"}"# + "\n"
        let path = try ImportSeamTests.temporary("big.jsonl", text)
        let inMemory = read(text, name: path)
        let file = try #require(DatasetImport.mappedLines(path, format: .auto))
        var streamed: [String] = []
        let mapped = InputBytes.mapped(file).stream(with: JSONLinesReader(), name: path) { streamed.append($0.id) }
        #expect(streamed == inMemory.dataset.events.map(\.id))
        #expect(streamed.count == 2 + count)
        #expect(mapped.problems.map(\.diagnostic) == inMemory.problems.map(\.diagnostic))
        #expect(mapped.recordsRead == inMemory.recordsRead)
        #expect(mapped.dataset.quotes.map(\.id) == ["q2", "late"])
        #expect(mapped.dataset.quotes.last?.events == [1 + count, 0])
        // Only a JSON Lines file that is not an archive is mapped; the rest is read whole as before.
        #expect(DatasetImport.mappedLines(try ImportSeamTests.temporary("a.csv", "id,date\n"), format: .auto) == nil)
        #expect(DatasetImport.mappedLines(try ImportSeamTests.temporary("a.jsonl", "PK\u{3}\u{4}rest"), format: .auto) == nil)
        #expect(DatasetImport.mappedLines(path, format: .csv) == nil)
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
