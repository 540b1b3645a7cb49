import DatasetFormats
import Foundation
import ReferenceStore
@testable import SQLiteStore
import StoreTestSupport
import Testing
import TimelineKit

/// Imports beyond the memory budget: the staged events spilled as sorted runs beside the store and
/// merged back make the same store, table by table, as an import that kept them all in memory.
@Suite struct SpillTests {
    /// Writes a store at `path` streaming `json` under `budget`; the runs spilled.
    static func writeStreamed(_ json: [UInt8], to path: String, budget: Int) throws -> Int {
        var runs = 0
        try StoreFile.write(to: path) { db, temporary in
            runs = try StoreWriter.Session.write(db, scratch: StoreWriter.scratch(temporary, budget)) { sink in
                try DatasetStream.read(bytes: json, name: "spill.json", into: sink)
            }
        }
        return runs
    }

    static func writeDataset(_ dataset: Dataset, to path: String, budget: Int) throws -> Int {
        var runs = 0
        try StoreFile.write(to: path) { db, temporary in
            runs = try StoreWriter.Session.write(db, scratch: StoreWriter.scratch(temporary, budget), dataset: dataset)
        }
        return runs
    }

    @Test(arguments: [4_096, 40_000])
    func spilledStoreEqualsTheOneKeptInMemory(budget: Int) throws {
        // Unknown dates, a non-ASCII id-less title, quotes about events far apart in the file.
        let json = Array(try StreamingWriterTests.layout(StreamingWriterTests.layouts[0], events: 600, seed: 11).utf8)
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let inMemory = try Self.writeStreamed(json, to: directory + "/memory.bilateral", budget: StoreWriter.defaultMemoryBudget)
        #expect(inMemory == 0)
        let streamed = try Self.writeStreamed(json, to: directory + "/streamed.bilateral", budget: budget)
        #expect(streamed >= (budget == 4_096 ? 20 : 2), "runs: \(streamed)")
        let timeline = try DatasetLoader.load(bytes: json, name: "spill.json")
        let halves = try Self.writeDataset(timeline.dataset, to: directory + "/dataset.bilateral", budget: budget)
        #expect(halves >= 2, "runs: \(halves)")

        let expected = try StreamingWriterTests.dump(directory + "/memory.bilateral")
        for name in ["streamed", "dataset"] {
            let actual = try StreamingWriterTests.dump(directory + "/\(name).bilateral")
            #expect(actual.keys.sorted() == expected.keys.sorted())
            for table in expected.keys.sorted() {
                #expect(actual[table] == expected[table], "\(name): table \(table)")
            }
            #expect(try StoreValidator.validate(path: directory + "/\(name).bilateral") == [])
        }
        try StoreEquivalenceTests().compare(MemoryEventStore(timeline: timeline), try SQLiteEventStore(path: directory + "/streamed.bilateral"))
        // The spill file went with the other scratch files.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
                == ["dataset.bilateral", "memory.bilateral", "streamed.bilateral"])
    }

    /// The public entry points take the budget too.
    @Test func budgetThroughThePublicWriter() throws {
        let timeline = try Fixtures.generated(events: 300, seed: 3)
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try StoreWriter.write(dataset: timeline.dataset, to: directory + "/a.bilateral")
        try StoreWriter.write(dataset: timeline.dataset, to: directory + "/b.bilateral", memoryBudget: 8_192)
        try StoreWriter.write(to: directory + "/c.bilateral", memoryBudget: 8_192) { sink in try DatasetStream.feed(timeline.dataset, to: sink) }
        let expected = try StreamingWriterTests.dump(directory + "/a.bilateral")
        #expect(try StreamingWriterTests.dump(directory + "/b.bilateral") == expected)
        #expect(try StreamingWriterTests.dump(directory + "/c.bilateral") == expected)
    }

    /// A duplicate id in different runs (far apart in the file, on different days) is still
    /// reported where it is, and nothing is written.
    @Test func duplicateIDAcrossRuns() throws {
        var text = try StreamingWriterTests.layout(StreamingWriterTests.layouts[0], events: 400, seed: 11)
        var top = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        var events = top["events"] as! [[String: Any]]
        let firstID = events[3]["id"] as! String
        events[390]["id"] = firstID
        top["events"] = events
        text = String(decoding: try JSONSerialization.data(withJSONObject: top, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self)
        let json = Array(text.utf8)
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var expected: [Diagnostic] = []
        do { _ = try DatasetLoader.decode(bytes: json, name: "spill.json") } catch { expected = error.diagnostics }
        #expect(expected.contains { $0.message.contains("duplicate id '\(firstID)'") && $0.message.contains("events[3]") })
        do {
            _ = try Self.writeStreamed(json, to: directory + "/out.bilateral", budget: 4_096)
            Issue.record("a dataset with a duplicate id was written")
        } catch let error as DatasetLoadError {
            #expect(error.diagnostics == expected)
            #expect(error.diagnostics.first?.line ?? 0 > 1)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == [])
    }

    // MARK: - The budget's text

    @Test(arguments: [("64M", 64 << 20), ("512M", 512 << 20), ("2G", 2 << 30), ("1m", 1 << 20), ("1024K", 1 << 20),
                      ("3GB", 3 << 30), ("1GiB", 1 << 30), ("1T", 1 << 40), ("1048576", 1 << 20)])
    func budgetSizes(text: String, bytes: Int) throws {
        #expect(try MemoryBudget.bytes(text) == bytes)
    }

    @Test(arguments: [("0", "must be positive"), ("0M", "must be positive"), ("-1G", "must be positive"),
                      ("512K", "too small"), ("1048575", "too small"), ("", "not a size"), ("M", "not a size"),
                      ("12X", "not a size"), ("1.5G", "not a size"), ("64 M", "not a size"), ("lots", "not a size"),
                      ("99999999999999999999", "too large"), ("9999999999T", "too large")])
    func badBudgets(text: String, reason: String) {
        do {
            let bytes = try MemoryBudget.bytes(text)
            Issue.record("'\(text)' was taken as \(bytes) bytes")
        } catch {
            #expect(error.message.contains(reason), "\(error.message)")
            #expect(error.message.contains("'\(text)'"))
        }
    }
}
