import DatasetFormats
@testable import DatasetFormats
import Foundation
import ReferenceStore
import Testing
import TimelineKit

/// Hostile inputs built in code, each of which once took from 15 s to minutes. These tests
/// check what is reported; `scripts/benchmark-robustness` checks that the cost is linear
/// (a timed assertion would be flaky on a shared machine).
@Suite("Hostile inputs")
struct RobustnessTests {
    static func event(_ index: Int, kind: String = "talks", sources: String = #"["s"]"#,
                      date: String = "2017", countries: String = #"["RUS","PAK"]"#) -> String {
        #"{"id":"e\#(index)","date":"\#(date)","title":"t","participants":{"mode":"mutual","countries":\#(countries)},"#
            + #""kind":"\#(kind)","status":"occurred","sources":\#(sources)}"#
    }

    /// A dataset on one line, as a generator writes it: every column is far from its line's start.
    static func dataset(events: [String], sources: String = #"[{"id":"s","publisher":"p"}]"#, title: String = "t") -> String {
        #"{"format":"bilateral-timeline/1","title":"\#(title)","sources":\#(sources),"events":["#
            + events.joined(separator: ",") + "]}"
    }

    private func problems(_ text: String) -> [Diagnostic] {
        do {
            _ = try DatasetLoader.load(bytes: Array(text.utf8), name: "h.json")
            Issue.record("expected the dataset to be rejected")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test("20,000 invalid kinds on one line: each reported at its own column")
    func manyProblemsOnOneLine() {
        let count = 20_000
        let text = Self.dataset(events: (0..<count).map { Self.event($0, kind: "Bad Kind") })
        let found = problems(text)
        #expect(found.count == count)
        #expect(found.allSatisfy { $0.line == 1 })
        // The last problem's column is where its value starts in the text (all ASCII).
        let lastValue = text.range(of: #""kind":"Bad Kind""#, options: .backwards)!.lowerBound
        let expectedColumn = text.utf8.distance(from: text.startIndex, to: lastValue) + #""kind":"#.count + 1
        #expect(found.last?.column == expectedColumn)
        #expect(found.last?.path == "events[\(count - 1)].kind")
    }

    @Test("Columns count scalars, across the table's blocks")
    func columnsCountScalars() {
        let line = String(repeating: "é", count: 300) + "x" // 600 bytes, 301 scalars
        let source = SourceText(bytes: Array(("ab\n" + line + "\n").utf8))
        #expect(source.location(of: 3 + 600) == (2, 301))
        #expect(source.location(of: 3 + 2 * 150) == (2, 151))
        #expect(source.location(of: 1) == (1, 2))
        #expect(source.location(of: 10_000) == (3, 1))
    }

    @Test("8,000 unknown source references: the first 100 get a suggestion, the rest are plain")
    func manyUnknownReferences() {
        let count = 8_000
        let sources = "[" + (0..<count).map { #"{"id":"source-\#($0)","publisher":"p"}"# }.joined(separator: ",") + "]"
        let text = Self.dataset(events: (0..<count).map { Self.event($0, sources: #"["sourse-\#($0)"]"#) }, sources: sources)
        let found = problems(text)
        #expect(found.count == count)
        #expect(found.first?.message == "unknown source 'sourse-0'; did you mean 'source-0'?")
        #expect(found.filter { $0.message.contains("did you mean") }.count == DatasetDecoder.suggestionLimit)
        #expect(found.last?.message == "unknown source 'sourse-\(count - 1)'")
    }

    @Test("One object of 100,000 members: duplicates found, each once")
    func hugeObject() {
        var members = (0..<100_000).map { #""x-\#($0)":0"# }
        members += [#""x-7":1"#, #""x-99999":1"#, #""x-7":2"#]
        let text = "{" + members.joined(separator: ",")
            + #","format":"bilateral-timeline/1","title":"t","sources":[{"id":"s","publisher":"p"}],"events":[]}"#
        let found = problems(text)
        #expect(found.map(\.message) == ["duplicate member 'x-7'", "duplicate member 'x-99999'", "duplicate member 'x-7'"])
        #expect(found.map(\.path) == ["x-7", "x-99999", "x-7"])
    }

    @Test("Small objects still report duplicates")
    func smallObjectDuplicate() {
        let found = problems(Self.dataset(events: [Self.event(0).replacingOccurrences(of: #""title":"t""#, with: #""title":"t","title":"u""#)]))
        #expect(found.map(\.description) == [#"h.json:1:132: events[0].title: duplicate member 'title'"#])
    }

    @Test("A string of 2 million \\u escapes decodes to 2 million characters")
    func manyEscapes() throws {
        let count = 2_000_000
        let text = #"["x\u00e9"# + String(repeating: #"\u0041"#, count: count) + #"\ud83d\ude00z"]"#
        let node = try JSONParser.parse(Array(text.utf8))
        guard case .array(let items) = node.value, case .string(let decoded) = items[0].value else {
            Issue.record("expected an array of one string")
            return
        }
        #expect(decoded.unicodeScalars.count == count + 4)
        #expect(decoded.hasPrefix("xéAAA"))
        #expect(decoded.hasSuffix("AA😀z"))
    }

    @Test("A million-character country code is quoted to 80 characters, without a suggestion")
    func hugeCountryCode() {
        let code = String(repeating: "R", count: 1_000_000)
        let found = problems(Self.dataset(events: [Self.event(0, countries: #"["\#(code)","PAK"]"#)]))
        let echo = "'" + String(repeating: "R", count: 80) + "…'"
        #expect(found.map(\.message) == ["unknown country \(echo)"])
    }

    @Test("A 5 MB date is quoted to 80 characters in its message")
    func hugeDate() {
        let date = String(repeating: "2", count: 5_000_000)
        let found = problems(Self.dataset(events: [Self.event(0, date: date)]))
        let echo = "'" + String(repeating: "2", count: 80) + "…'"
        #expect(found.map(\.message) == ["invalid EDTF date: \(echo) is not a date; it is longer than any EDTF date (64 characters)"])
    }

    @Test("Long member names and values are cut in paths and messages; short ones are whole")
    func echoesAreShort() {
        let name = String(repeating: "n", count: 500)
        let found = problems(Self.dataset(events: [Self.event(0, kind: String(repeating: "K", count: 500))
            .replacingOccurrences(of: #""title":"t""#, with: #""title":"t","\#(name)":1"#)]))
        let cut = String(repeating: "n", count: 80) + "…"
        #expect(found.map(\.path) == ["events[0].\(cut)", "events[0].kind"])
        #expect(found.map(\.message) == [
            "unknown field '\(cut)'",
            "kind '\(String(repeating: "K", count: 80))…' must be lower-case words joined by '-' (like 'military-exercise')",
        ])
        #expect(MessageText.quoted(String(repeating: "a", count: 80)) == "'" + String(repeating: "a", count: 80) + "'")
    }
}

@Suite("Paths in messages")
struct PathTests {
    @Test("An empty member name is named in the path as [\"\"]")
    func emptyMemberName() {
        let event = RobustnessTests.event(0).replacingOccurrences(of: #""title":"t""#, with: #""title":"t","":1"#)
        let text = RobustnessTests.dataset(events: [event]).replacingOccurrences(of: #"{"format""#, with: #"{"":0,"format""#)
        do {
            _ = try DatasetLoader.load(bytes: Array(text.utf8), name: "h.json")
            Issue.record("expected the dataset to be rejected")
        } catch {
            #expect(error.diagnostics.map(\.path) == [#"[""]"#, #"events[0][""]"#])
            #expect(error.diagnostics.map(\.message) == ["unknown field ''", "unknown field ''"])
        }
    }
}
