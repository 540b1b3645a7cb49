import DatasetFormats
@testable import DatasetFormats
import Foundation
import ReferenceStore
import Testing
import TimelineKit

/// The importer seam: format detection, merging inputs, summaries, mapping arguments.
@Suite("Importing: the seam")
struct ImportSeamTests {
    /// One folder for the whole test process, removed when it ends.
    static let scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bilateral-import-\(getpid())")
        atexit { try? FileManager.default.removeItem(at: ImportSeamTests.scratch) }
        return url
    }()

    static func temporary(_ name: String, _ text: String) throws -> String {
        let directory = scratch.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let ours = #"{"format": "bilateral-timeline/1", "title": "A", "sources": [{"id": "s", "publisher": "P"}], "events": [{"id": "e1", "date": "2014", "title": "One", "kind": "talks", "status": "occurred", "sources": ["s"]}]}"#

    @Test("Formats are told from content first, then the name", arguments: [
        ("a.json", ours, InputFormat.bilateral),
        ("tl.json", #"{"title": {"text": {"headline": "x"}}, "events": [{"start_date": {"year": 2014}}]}"#, .timelinejs),
        ("tl.json", #"{"title": {"text": {"headline": "x"}}, "events": []}"#, .timelinejs),
        ("a.json", #"{"title": "x", "events": []}"#, .bilateral),
        ("x.json", "{\"id\": \"e1\"}\n{\"id\": \"e2\"}\n", .jsonl),
        ("x.jsonl", "{}", .jsonl),
        ("20240101.export.CSV.zip", "PK", .gdelt),
        ("x.tsv", (["1"] + Array(repeating: "a", count: 60)).joined(separator: "\t") + "\n", .gdelt),
        ("x.tsv", "Event ID\tEvent Date\tSource Name\tCAMEO Code\n", .icews),
        ("x.csv", "\u{FEFF}date,from,to\n", .csv),
    ])
    func detection(_ name: String, _ content: String, _ expected: InputFormat) {
        #expect(InputFormat.detect(name: name, head: Array(content.utf8)) == expected)
    }

    @Test("Several inputs merge; an id in two of them is an error naming both")
    func merge() throws {
        let a = try Self.temporary("a.json", Self.ours)
        let b = try Self.temporary("b.json", Self.ours.replacingOccurrences(of: #""id": "s""#, with: #""id": "s2""#)
            .replacingOccurrences(of: #"["s"]"#, with: #"["s2"]"#))
        do {
            _ = try DatasetImport.run(inputs: [a, b], format: .auto)
            Issue.record("expected a conflict")
        } catch {
            guard case .conflict(let message, let summary) = error else { Issue.record("expected a conflict, got \(error)"); return }
            #expect(message.contains("event id 'e1' is in both \(a) and \(b)"))
            #expect(summary == "read 2 records: nothing written")
        }
        let c = try Self.temporary("c.json", Self.ours.replacingOccurrences(of: "e1", with: "e9").replacingOccurrences(of: #""id": "s""#, with: #""id": "s9""#)
            .replacingOccurrences(of: #"["s"]"#, with: #"["s9"]"#))
        let outcome = try DatasetImport.run(inputs: [a, c], format: .auto)
        #expect(outcome.dataset.events.map(\.id) == ["e1", "e9"])
        #expect(outcome.summary == "read 2 records, imported 2, skipped 0")
    }

    @Test("A missing input is unreadable; our format with a problem fails even with --skip-invalid")
    func failures() throws {
        do {
            _ = try DatasetImport.run(inputs: ["/nonexistent/x.json"], format: .auto)
            Issue.record("expected a failure")
        } catch {
            guard case .unreadable(let diagnostics) = error else { Issue.record("\(error)"); return }
            #expect(diagnostics.first?.description == "/nonexistent/x.json:1:1: (file): no such file")
        }
        let bad = try Self.temporary("bad.json", Self.ours.replacingOccurrences(of: "\"2014\"", with: "\"2014-13\""))
        do {
            _ = try DatasetImport.run(inputs: [bad], format: .bilateral, skipInvalid: true)
            Issue.record("expected a failure")
        } catch {
            guard case .invalid(let diagnostics, let summary) = error else { Issue.record("\(error)"); return }
            #expect(diagnostics.first?.description.contains("events[0].date: invalid EDTF date") == true)
            #expect(summary.hasSuffix("nothing written"))
        }
    }

    @Test("--map arguments: known fields once each")
    func mapArguments() throws {
        let options = try ImportOptions(mapArguments: ["date=Event Date", "FROM=Source Country", "title=a=b"])
        #expect(options.column(for: "date") == "Event Date")
        #expect(options.column(for: "from") == "Source Country")
        #expect(options.column(for: "title") == "a=b")
        #expect(throws: ImportUsageError.self) { try ImportOptions(mapArguments: ["dat=x"]) }
        #expect(throws: ImportUsageError.self) { try ImportOptions(mapArguments: ["date"]) }
        #expect(throws: ImportUsageError.self) { try ImportOptions(mapArguments: ["date=a", "date=b"]) }
    }

    @Test("Reasons are counted in order and summarised biggest first")
    func reasons() {
        var counts = ReasonCounts()
        counts.add("bad date")
        counts.add("not bilateral", 3)
        counts.add("bad date")
        #expect(counts.total == 5)
        #expect(counts.summary == "3 not bilateral, 2 bad date")
    }

    @Test("Ids and kinds from free text")
    func text() {
        #expect(ImportText.identifier("events 2024 (final)") == "events-2024--final-")
        #expect(ImportText.kind("Make an appeal or request") == "make-an-appeal-or-request")
        #expect(ImportText.kind("  ") == nil)
        #expect(ImportText.kind("1st contact") == "k-1st-contact")
        #expect(ImportText.country("Pakistan")?.alpha3 == "PAK")
        #expect(ImportText.country("pk")?.alpha3 == "PAK")
        #expect(DatasetBuilder.host("https://www.example.org:8080/a?b") == "example.org")
        #expect(DatasetBuilder.host("http://user@news.example/x") == "news.example")
        #expect(DatasetBuilder.host("example.org/a") == nil)
        for (text, number) in [("0", true), ("-0.5", true), ("10", true), ("01", false), ("1.", false), ("1e5", false), ("-", false),
                               ("", false), ("0231", false), ("1234567890123456", false), ("3.25x", false)] {
            #expect(TableValues.isPlainNumber(text) == number, "\(text)")
        }
    }
}
