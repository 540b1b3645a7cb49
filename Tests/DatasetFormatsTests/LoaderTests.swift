import DatasetFormats
@testable import DatasetFormats
import Foundation
import ReferenceStore
import Testing
import TimelineKit

/// One small fixture per kind of problem, each asserting the message, its place and the exit status.
@Suite("Loading datasets")
struct LoaderTests {
    static let valid = """
    {
      "format": "bilateral-timeline/1",
      "title": "Test",
      "people": [{"id": "ana", "name": "Ana Analyst"}],
      "sources": [{"id": "src", "publisher": "Paper"}],
      "events": [
        {"id": "e1", "date": "2014-06-02", "title": "One", "kind": "policy", "status": "occurred",
         "participants": {"mode": "directed", "from": ["RUS"], "to": ["PAK"]}, "sources": ["src"]}
      ],
      "quotes": [{"id": "q1", "speaker": "ana", "text": "Words.", "events": ["e1"], "source": "src"}]
    }
    """

    private func problems(_ text: String, file: String = "t.json") -> [Diagnostic] {
        do {
            _ = try DatasetLoader.load(bytes: Array(text.utf8), name: file)
            Issue.record("expected the dataset to be rejected")
            return []
        } catch {
            #expect(error.exitCode == 65)
            return error.diagnostics
        }
    }

    private func replacing(_ old: String, with new: String) -> String {
        #expect(Self.valid.contains(old), "fixture edit must apply")
        return Self.valid.replacingOccurrences(of: old, with: new)
    }

    @Test("The valid fixture loads")
    func validFixture() throws {
        let timeline = try DatasetLoader.load(bytes: Array(Self.valid.utf8), name: "t.json")
        #expect(timeline.eventCount == 1)
        #expect(timeline.quotes(aboutEvent: 0).map(\.id) == ["q1"])
    }

    @Test("Malformed JSON is reported at its line and column")
    func malformed() {
        let found = problems("{\n  \"format\": \"bilateral-timeline/1\",\n  \"title\": oops\n}")
        #expect(found.map(\.description) == ["t.json:3:12: (document): unexpected character 'o'; expected a value"])
        let trailing = problems("{\"a\": 1,}")
        #expect(trailing.first?.column == 9)
    }

    @Test("An empty file is invalid data")
    func empty() {
        #expect(problems("").map(\.description) == ["t.json:1:1: (document): the file is empty; expected a JSON object"])
        #expect(problems("  \n ").first?.message == "the file is empty; expected a JSON object")
    }

    @Test("Invalid UTF-8 is reported at each bad byte")
    func invalidUTF8() {
        var bytes = Array("{\"title\": \"ab".utf8)
        bytes.append(0xFF)
        bytes += Array("\"}\n\u{00E9}".utf8)
        bytes.append(0xC3) // a truncated sequence at the end
        do {
            _ = try DatasetLoader.load(bytes: bytes, name: "u.json")
            Issue.record("expected invalid UTF-8 to be rejected")
        } catch {
            #expect(error.exitCode == 65)
            #expect(error.diagnostics.map(\.description) == [
                "u.json:1:14: (document): invalid UTF-8 byte 0xFF; the file must be UTF-8",
                "u.json:2:2: (document): invalid UTF-8 byte 0xC3; the file must be UTF-8",
            ])
        }
    }

    @Test("Wrong types name the field and what was found")
    func wrongTypes() {
        let found = problems(replacing("\"title\": \"One\"", with: "\"title\": 42"))
        #expect(found.map(\.path) == ["events[0].title"])
        #expect(found.first?.message == "expected a string, found a number")
        #expect(found.first?.line == 7)
        #expect(found.first?.column == 49)
    }

    @Test("Missing required fields are each reported")
    func missingFields() {
        let text = replacing("\"title\": \"One\", \"kind\": \"policy\", ", with: "")
        let found = problems(text)
        #expect(found.map(\.path) == ["events[0].title", "events[0].kind"])
        #expect(found.allSatisfy { $0.message == "required field is missing" && $0.line == 7 && $0.column == 5 })
    }

    @Test("Unknown countries suggest the closest code")
    func unknownCountry() {
        let found = problems(replacing("\"to\": [\"PAK\"]", with: "\"to\": [\"PAKK\"]"))
        #expect(found.map(\.description) == ["t.json:8:67: events[0].participants.to[0]: unknown country 'PAKK'; did you mean PAK (Pakistan)?"])
        let lower = problems(replacing("\"to\": [\"PAK\"]", with: "\"to\": [\"pk\"]"))
        #expect(lower.first?.message == "write countries as ISO 3166-1 alpha-3 codes: 'pk' should be 'PAK'")
    }

    @Test("Duplicate ids name the first user")
    func duplicateIDs() {
        let text = replacing("\"sources\": [{\"id\": \"src\", \"publisher\": \"Paper\"}]",
                             with: "\"sources\": [{\"id\": \"src\", \"publisher\": \"Paper\"}, {\"id\": \"src\", \"publisher\": \"Other\"}]")
        let found = problems(text)
        #expect(found.map(\.path) == ["sources[1].id"])
        #expect(found.first?.message == "duplicate id 'src'; sources[0] already uses it")
    }

    @Test("References to unknown events, people and sources")
    func unknownReferences() {
        var text = replacing("\"speaker\": \"ana\"", with: "\"speaker\": \"anna\"")
        text = text.replacingOccurrences(of: "\"events\": [\"e1\"]", with: "\"events\": [\"e2\"]")
        text = text.replacingOccurrences(of: "\"sources\": [\"src\"]", with: "\"sources\": [\"srx\"]")
        let found = problems(text)
        #expect(found.map(\.path) == ["events[0].sources[0]", "quotes[0].speaker", "quotes[0].events[0]"])
        #expect(found.map(\.message) == [
            "unknown source 'srx'; did you mean 'src'?",
            "unknown person 'anna'; did you mean 'ana'?",
            "unknown event 'e2'; did you mean 'e1'?",
        ])
    }

    @Test("Invalid dates and reversed intervals")
    func invalidDates() {
        let found = problems(replacing("\"2014-06-02\"", with: "\"2017-02-30\""))
        #expect(found.map(\.description) == ["t.json:7:26: events[0].date: invalid EDTF date: '2017-02-30': day 30 does not exist in Feb 2017"])
        let reversed = problems(replacing("\"2014-06-02\"", with: "\"2017-10-04/2017-09-25\""))
        #expect(reversed.first?.message == "invalid EDTF date: the interval '2017-10-04/2017-09-25' ends before it starts")
    }

    @Test("Every problem in a file is reported at once, in file order")
    func allProblems() {
        var text = replacing("\"title\": \"Test\"", with: "\"title\": \"\"")
        text = text.replacingOccurrences(of: "\"status\": \"occurred\"", with: "\"status\": \"happened\"")
        text = text.replacingOccurrences(of: "\"kind\": \"policy\"", with: "\"knd\": \"policy\"")
        let found = problems(text)
        #expect(Set(found.map(\.path)) == ["title", "events[0].kind", "events[0].knd", "events[0].status"])
        #expect(found.map(\.line) == found.map(\.line).sorted())
        #expect(found.contains { $0.message == "unknown field 'knd'; did you mean 'kind'?" })
        #expect(found.contains { $0.message.hasPrefix("unknown status 'happened'; expected one of occurred, scheduled") })
    }

    @Test("Format versions are told apart")
    func formatVersion() {
        let found = problems(replacing("bilateral-timeline/1", with: "bilateral-timeline/2"))
        #expect(found.map(\.description) == ["t.json:2:13: format: unsupported format version 'bilateral-timeline/2'; this build reads 'bilateral-timeline/1'"])
    }

    @Test("Participant shapes are checked")
    func participantShapes() {
        let selfDirected = problems(replacing("\"to\": [\"PAK\"]", with: "\"to\": [\"RUS\"]"))
        #expect(selfDirected.first?.message == "RUS is both actor ('from') and target ('to')")
        let badMode = problems(replacing("\"mode\": \"directed\"", with: "\"mode\": \"sideways\""))
        #expect(badMode.first?.message == "unknown participant mode 'sideways'; expected mutual, directed or hub")
        let lonely = problems(replacing("{\"mode\": \"directed\", \"from\": [\"RUS\"], \"to\": [\"PAK\"]}",
                                        with: "{\"mode\": \"mutual\", \"countries\": [\"RUS\"]}"))
        #expect(lonely.first?.message == "needs at least 2 countries")
    }

    @Test("Files that cannot be read exit 66")
    func unreadable() throws {
        let directory = FileManager.default.temporaryDirectory.path
        // #require: loading that succeeds fails the test instead of skipping the checks.
        let notAFile = try #require(throws: DatasetLoadError.self) { try DatasetLoader.load(path: directory) }
        #expect(notAFile.exitCode == 66)
        #expect(notAFile.diagnostics.first?.message == "is a directory, not a dataset file")
        let missing = try #require(throws: DatasetLoadError.self) { try DatasetLoader.load(path: "/no/such/file.json") }
        #expect(missing.exitCode == 66)
        #expect(missing.description == "/no/such/file.json:1:1: (file): no such file")
    }

    @Test("Hostile nesting is refused, not a stack overflow")
    func deepNesting() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(problems(text).first?.message == "nesting deeper than 512 levels")
    }

    @Test("Escapes and surrogate pairs decode; lone surrogates become U+FFFD")
    func escapes() throws {
        let node = try JSONParser.parse(Array(#"["a\u00e9\n\ud83d\ude00", "\udc00x"]"#.utf8))
        guard case .array(let items) = node.value, case .string(let first) = items[0].value,
              case .string(let second) = items[1].value else {
            Issue.record("expected two strings")
            return
        }
        #expect(first == "aé\n😀")
        #expect(second == "\u{FFFD}x")
    }
}
