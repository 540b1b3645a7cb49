import DatasetFormats
@testable import DatasetFormats
import Foundation
import ReferenceStore
import TestSupport
import Testing
import TimelineKit

/// `DatasetStream` reports exactly what `DatasetLoader.decode` (and so `validate`) reports, and on
/// good input hands on the dataset the loader builds.
@Suite struct DatasetStreamTests {
    /// Collects what the stream hands on, as a `Dataset`.
    final class Collector: DatasetSink {
        var dataset = Dataset(title: "", description: "", people: [], sources: [], events: [], quotes: [])
        var calls: [String] = []
        func begin(people: [Person], sources: [Source]) throws {
            calls.append("begin")
            dataset.people = people
            dataset.sources = sources
        }
        func add(people: [Person], sources: [Source]) throws {
            dataset.people += people
            dataset.sources += sources
        }
        func add(_ event: Event) throws { dataset.events.append(event) }
        func finish(title: String, description: String, quotes: [Quote]) throws {
            calls.append("finish")
            dataset.title = title
            dataset.description = description
            dataset.quotes = quotes
        }
    }

    static var fixtures: String {
        Repository.path("Tests/BilateralTests/Fixtures")
    }

    /// Compares the stream's diagnostics with the loader's; returns the loader's, so a caller can
    /// check that an input meant to be bad was rejected at all.
    @discardableResult
    func expectSameDiagnostics(_ bytes: [UInt8], _ label: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
        var expected: [Diagnostic] = []
        do { _ = try DatasetLoader.decode(bytes: bytes, name: "x.json") } catch { expected = error.diagnostics }
        var actual: [Diagnostic] = []
        do {
            try DatasetStream.read(bytes: bytes, name: "x.json", into: Collector())
        } catch let error as DatasetLoadError {
            actual = error.diagnostics
        } catch {
            Issue.record("\(label): \(error)", sourceLocation: sourceLocation)
        }
        #expect(actual == expected, "\(label)", sourceLocation: sourceLocation)
        return expected
    }

    @Test func badFixturesGiveTheLoadersDiagnostics() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures).filter { $0.hasSuffix(".json") }.sorted()
        #expect(names.contains("bad-many.json"))
        for name in names {
            let bytes = Array(FileManager.default.contents(atPath: Self.fixtures + "/" + name)!)
            let expected = expectSameDiagnostics(bytes, name)
            if name.hasPrefix("bad-") { #expect(!expected.isEmpty, "\(name) is meant to be rejected") }
        }
    }

    static let event = #"{"id": "e1", "date": "2017-02-03", "title": "T", "kind": "visit", "status": "occurred", "participants": {"mode": "mutual", "countries": ["RUS", "PAK"]}, "sources": ["s1"]}"#
    static let source = #"{"id": "s1", "publisher": "P"}"#

    @Test(arguments: [
        // Events before sources, with problems in both, and a quote about a missing event.
        #"{"events": [\#(event), {"id": "e1", "date": "2017-13", "title": "", "kind": "Visit", "status": "x", "sources": ["s2"], "people": ["pp"]}], "quotes": [{"id": "q", "speaker": "p", "text": "t", "events": ["e9", "e1"], "source": "s1"}], "people": [{"id": "p", "name": "N"}], "sources": [\#(source), \#(source)], "format": "bilateral-timeline/1", "title": "T", "extra": 1}"#,
        // Quotes before events.
        #"{"format": "bilateral-timeline/1", "title": "T", "quotes": [{"id": "q", "speaker": "nobody", "text": "t", "events": ["e1", "e2"], "source": "s1"}], "sources": [\#(source)], "events": [\#(event)]}"#,
        // Another format, found after the events: the only problem.
        #"{"title": "T", "sources": [\#(source)], "events": [{"id": "bad id"}], "format": "bilateral-timeline/2"}"#,
        #"{"format": "bilateral-timeline/1", "title": "T", "sources": [\#(source)], "events": {"not": "an array"}, "events": [1]}"#,
        #"{"format": "bilateral-timeline/1", "title": "T", "sources": [\#(source)], "events": [\#(event), \#(event)]"#,
        #"{"format": "bilateral-timeline/1", "title": "T", "sources": [\#(source)], "events": [\#(event) \#(event)]}"#,
        #"{"format": "bilateral-timeline/1", "title": "T", "sources": [\#(source)], "events": [\#(event)]} x"#,
        #"{"format": "bilateral-timeline/1" "title": "T"}"#,
        #"{"format": "bilateral-timeline/1", "title": "T", "events": null, "quotes": 3}"#,
        #"[1, 2]"#, "", "  \n", "{", "{}", #"{"a""#, #"{"events": [[[[[]]]]]}"#,
    ])
    func layoutsGiveTheLoadersDiagnostics(_ text: String) {
        let expected = expectSameDiagnostics(Array(text.utf8), text)
        #expect(!expected.isEmpty, "every layout here is meant to be rejected: \(text)")
    }

    @Test("check(path:name:) reads a file as import does and reports against the name given (a file written beside its destination)")
    func checkNamesTheDestination() throws {
        let scratch = try ScratchFolder("stream-check")
        let written = scratch.path("written.tmp-1")
        let bad = #"{"format": "bilateral-timeline/1", "title": "T", "sources": [\#(Self.source)], "events": [\#(Self.event), {"id": "e2", "date": "2017-13"}]}"#
        try Data(bad.utf8).write(to: URL(fileURLWithPath: written))
        let expected: [Diagnostic]
        do { _ = try DatasetLoader.decode(bytes: Array(bad.utf8), name: "final.json"); expected = [] } catch { expected = error.diagnostics }
        #expect(!expected.isEmpty)
        let error = #expect(throws: DatasetLoadError.self) { try DatasetStream.check(path: written, name: "final.json") }
        #expect(error?.diagnostics == expected)
        #expect(error?.diagnostics.allSatisfy { $0.file == "final.json" } == true)
        let good = #"{"format": "bilateral-timeline/1", "title": "T", "sources": [\#(Self.source)], "events": [\#(Self.event)]}"#
        try Data(good.utf8).write(to: URL(fileURLWithPath: written))
        try DatasetStream.check(path: written, name: "final.json")
    }

    @Test func goodInputGivesTheLoadersDataset() throws {
        let text = #"{"events": [\#(Self.event.replacingOccurrences(of: "e1", with: "e2")), \#(Self.event)], "quotes": [{"id": "q", "speaker": "p", "text": "t", "events": ["e1", "e2"], "source": "s1"}], "people": [{"id": "p", "name": "Ñ"}], "sources": [\#(Self.source)], "format": "bilateral-timeline/1", "title": "Tï", "description": "D"}"#
        let expected = try DatasetLoader.decode(bytes: Array(text.utf8), name: "x.json")
        let collector = Collector()
        try DatasetStream.read(bytes: Array(text.utf8), name: "x.json", into: collector)
        #expect(collector.calls == ["begin", "finish"])
        #expect(collector.dataset.events.map(\.id) == expected.events.map(\.id))
        // Every field of every event (dates, participants, sources, people, notes, attributes), as records.
        let streamed = MemoryEventStore(timeline: Timeline(dataset: collector.dataset))
        let loaded = MemoryEventStore(timeline: Timeline(dataset: expected))
        for position in 0..<expected.events.count {
            #expect(try JSONLinesTests.record(streamed.event(atPosition: position)) == JSONLinesTests.record(loaded.event(atPosition: position)))
        }
        #expect(collector.dataset.quotes.map(\.events) == [[1, 0]])
        #expect(collector.dataset.people == expected.people)
        #expect(collector.dataset.sources == expected.sources)
        #expect(collector.dataset.title == "Tï" && collector.dataset.description == "D")
    }
}
