import DatasetFormats
import Foundation
import GRDB
import ReferenceStore
import SQLiteStore
import StoreTestSupport
import Testing
import TimelineKit

/// Stores written by streaming the JSON (`DatasetStream` into `StoreWriter.write(to:feed:)`, one
/// thread staging), whatever the file's layout, answer every question as the in-memory reference
/// (`MemoryEventStore`, built from `DatasetLoader`'s dataset without the store writer) does. They
/// are also, table by table, the store written through the writer's other path, from the dataset
/// in memory (`write(dataset:to:)`, two threads staging a half each): the two paths agree.
@Suite struct StreamingWriterTests {
    /// The generated dataset with a few events of unknown date (`XXXX`), a non-ASCII one, and quotes
    /// about them, its top-level members in `order`.
    static func layout(_ order: [String], events: Int = 150, seed: UInt64 = 5) throws -> String {
        let json = Fixtures.generatedJSON(events: events, seed: seed)
        var top = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        var eventList = top["events"] as! [[String: Any]]
        for (index, date) in ["XXXX", "XXXX", "19XX", "../2012-03-04"].enumerated() {
            var event = eventList[index]
            event["id"] = "u\(index)"
            event["date"] = date
            event["title"] = "Ünknown Zürich Ελλάδα \(index)"
            eventList.append(event)
        }
        top["events"] = eventList
        var quotes = top["quotes"] as! [[String: Any]]
        quotes.append(["id": "qu", "speaker": "erdogan", "text": "Türkiye and the unknown", "events": ["u0", "u1", "u0"], "source": "s1"])
        top["quotes"] = quotes
        func value(_ key: String) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: top[key]!, options: [.fragmentsAllowed]), as: UTF8.self)
        }
        return "{" + (try order.map { "\n\"\($0)\": " + (try value($0)) }).joined(separator: ",") + "\n}\n"
    }

    static let layouts: [[String]] = [
        ["format", "title", "description", "people", "sources", "events", "quotes"],
        // Events before sources and people (our own export's order): read again once they are known.
        ["format", "title", "events", "quotes", "sources", "people", "description"],
        // Quotes before the events they are about.
        ["quotes", "people", "sources", "format", "events", "title"],
        ["events", "sources", "title", "quotes", "format", "people"],
    ]

    @Test(arguments: layouts.indices)
    func streamedStoreAnswersAsTheReference(layout: Int) throws {
        let json = Array(try Self.layout(Self.layouts[layout]).utf8)
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let timeline = try DatasetLoader.load(bytes: json, name: "layout.json")
        try StoreWriter.write(dataset: timeline.dataset, to: directory + "/from-memory.bilateral")
        try StoreWriter.write(to: directory + "/streamed.bilateral") { sink in
            try DatasetStream.read(bytes: json, name: "layout.json", into: sink)
        }
        #expect(try Self.dump(directory + "/streamed.bilateral") == (try Self.dump(directory + "/from-memory.bilateral")))
        let problems = try StoreValidator.validate(path: directory + "/streamed.bilateral")
        #expect(problems == [], "\(problems)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["from-memory.bilateral", "streamed.bilateral"])
        try StoreEquivalenceTests().compare(MemoryEventStore(timeline: timeline), try SQLiteEventStore(path: directory + "/streamed.bilateral"))
    }

    @Test func articleAndInMemory() throws {
        let timeline = try Fixtures.article()
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try StoreWriter.write(dataset: timeline.dataset, to: directory + "/from-memory.bilateral")
        try StoreWriter.write(to: directory + "/streamed.bilateral") { sink in try DatasetStream.read(path: Fixtures.articlePath, into: sink) }
        try StoreEquivalenceTests().compare(MemoryEventStore(timeline: timeline), try SQLiteEventStore(path: directory + "/streamed.bilateral"))
        #expect(try Self.dump(directory + "/streamed.bilateral") == (try Self.dump(directory + "/from-memory.bilateral")))
        let memory = try StoreWriter.inMemory { sink in try DatasetStream.read(path: Fixtures.articlePath, into: sink) }
        try StoreEquivalenceTests().compare(MemoryEventStore(timeline: timeline), memory)
        // A dataset already in memory goes through the same writer.
        try StoreWriter.write(to: directory + "/fed.bilateral") { sink in try DatasetStream.feed(timeline.dataset, to: sink) }
        #expect(try Self.dump(directory + "/fed.bilateral") == (try Self.dump(directory + "/from-memory.bilateral")))
    }

    /// A file is mapped rather than read; events before sources are read again from the mapping.
    @Test func mappedFileWithEventsFirst() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let json = try Self.layout(Self.layouts[3], events: 60)
        try Fixtures.create(directory + "/in.json", Data(json.utf8))
        let timeline = try DatasetLoader.load(path: directory + "/in.json")
        try StoreWriter.write(dataset: timeline.dataset, to: directory + "/from-memory.bilateral")
        try StoreWriter.write(to: directory + "/streamed.bilateral") { sink in try DatasetStream.read(path: directory + "/in.json", into: sink) }
        try StoreEquivalenceTests().compare(MemoryEventStore(timeline: timeline), try SQLiteEventStore(path: directory + "/streamed.bilateral"))
        #expect(try Self.dump(directory + "/streamed.bilateral") == (try Self.dump(directory + "/from-memory.bilateral")))
        // A bad file read by path: the loader's diagnostics, nothing written.
        try Fixtures.create(directory + "/bad.json", Data(json.replacingOccurrences(of: "\"mutual\"", with: "\"mutal\"").utf8))
        var expected: [Diagnostic] = []
        do { _ = try DatasetLoader.load(path: directory + "/bad.json") } catch { expected = error.diagnostics }
        #expect(expected.count > 1)
        #expect(throws: DatasetLoadError.self) {
            try StoreWriter.write(to: directory + "/bad.bilateral") { sink in
                do { try DatasetStream.read(path: directory + "/bad.json", into: sink) } catch let error as DatasetLoadError {
                    #expect(error.diagnostics == expected)
                    throw error
                }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/bad.bilateral"))
    }

    /// Bad input: the loader's diagnostics, and no file, not even a temporary one.
    @Test func badInputWritesNothing() throws {
        let good = try Self.layout(Self.layouts[1], events: 40)
        let bad = [
            good.replacingOccurrences(of: "\"kind\":\"visit\"", with: "\"kind\":\"Visit\""), // events before sources
            good.replacingOccurrences(of: "\"XXXX\"", with: "\"2017-02-30\""),
            String(good.dropLast(3)),                                   // cut short
            good.replacingOccurrences(of: "timeline\\/1", with: "timeline\\/2"),
        ]
        for text in bad {
            let directory = try Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let bytes = Array(text.utf8)
            var expected: [Diagnostic] = []
            do { _ = try DatasetLoader.decode(bytes: bytes, name: "bad.json") } catch { expected = error.diagnostics }
            #expect(!expected.isEmpty, "case \(bad.firstIndex(of: text)!)")
            do {
                try StoreWriter.write(to: directory + "/out.bilateral") { sink in try DatasetStream.read(bytes: bytes, name: "bad.json", into: sink) }
                Issue.record("a bad dataset was written")
            } catch let error as DatasetLoadError {
                #expect(error.diagnostics == expected)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == [])
        }
    }

    /// Every table's rows in primary-key order (the FTS shadow tables included).
    static func dump(_ path: String) throws -> [String: [[String]]] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            var tables: [String: [[String]]] = [:]
            for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name") {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(name)\" ORDER BY 1, 2")
                tables[name] = rows.map { row in row.databaseValues.map(\.description) }
            }
            tables["user_version"] = [[String(try Int.fetchOne(db, sql: "PRAGMA user_version")!)]]
            tables["application_id"] = [[String(try Int.fetchOne(db, sql: "PRAGMA application_id")!)]]
            return tables
        }
    }
}
