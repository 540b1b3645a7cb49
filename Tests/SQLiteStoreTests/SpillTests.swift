import DatasetFormats
import Foundation
import GRDB
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

    /// The JSON of `layouts[0]` with 400 events, `edit` applied to its top-level object.
    static func edited(_ edit: (inout [String: Any]) -> Void) throws -> [UInt8] {
        let text = try StreamingWriterTests.layout(StreamingWriterTests.layouts[0], events: 400, seed: 11)
        var top = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        edit(&top)
        return Array(try JSONSerialization.data(withJSONObject: top, options: [.prettyPrinted, .sortedKeys]))
    }

    /// A quote naming an id no event has is reported where it is, with the loader's suggestion,
    /// when the events were spilled before the quotes were read; nothing is written.
    @Test func quoteAboutAnUnknownEventAfterSpills() throws {
        var knownID = ""
        let json = try Self.edited { top in
            let events = top["events"] as! [[String: Any]]
            knownID = events[5]["id"] as! String
            var quotes = top["quotes"] as! [[String: Any]]
            quotes[0]["events"] = [knownID + "x"]
            top["quotes"] = quotes
        }
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var expected: [Diagnostic] = []
        do { _ = try DatasetLoader.decode(bytes: json, name: "spill.json") } catch { expected = error.diagnostics }
        #expect(expected.map(\.message) == ["unknown event '\(knownID)x'; did you mean '\(knownID)'?"])
        do {
            _ = try Self.writeStreamed(json, to: directory + "/out.bilateral", budget: 4_096)
            Issue.record("a quote about an unknown event was written")
        } catch let error as DatasetLoadError {
            #expect(error.diagnostics == expected)
            #expect(error.diagnostics.first?.line ?? 0 > 1)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == [])
    }

    /// Quotes about the file's first and last events (in different runs) are about those events in
    /// the store, however the runs were merged.
    @Test func quotesAboutEventsOnEitherSideOfSpills() throws {
        var ids: [String] = []
        let json = try Self.edited { top in
            let events = top["events"] as! [[String: Any]]
            ids = [events[0]["id"] as! String, events[events.count - 1]["id"] as! String, events[200]["id"] as! String]
            var quotes = top["quotes"] as! [[String: Any]]
            quotes[0]["events"] = [ids[1], ids[0]]
            quotes[1]["events"] = [ids[2]]
            top["quotes"] = quotes
        }
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let runs = try Self.writeStreamed(json, to: directory + "/out.bilateral", budget: 4_096)
        #expect(runs >= 10, "runs: \(runs)")
        let queue = try DatabaseQueue(path: directory + "/out.bilateral")
        let linked = try queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT e.id FROM quote_events q JOIN events e ON e.num = q.position + 1 WHERE q.quote IN (1, 2) ORDER BY q.quote, q.seq
                """)
        }
        #expect(linked == [ids[1], ids[0], ids[2]])
    }

    /// The pair and country lists spilled in runs beyond their limit make the same tables as the
    /// lists held whole, and both what a tally by hand gives: each pair's events numbered in order
    /// across the runs, a month whose events straddle a spill counted once, months of deep time
    /// (beyond 32 bits), no month for an unknown start or date, no rows for a pair with none.
    @Test func membershipRunsEqualTheListsHeld() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Unknown starts first, then deep time (13.8 billion years ago, two months), then days in
        // order (several events a month), then an unknown date.
        let deep = -5_040_000_000_000
        let days = [Int.min, Int.min, deep, deep + 1, deep + 40] + (0..<300).map { $0 * 5 } + [Int.max]
        var memberships: [(number: Int, position: Int, day: Int)] = []
        for (position, day) in days.enumerated() {
            for number in [0, 1, 2] where (position + number) % 3 != 1 || number == 2 { memberships.append((number, position, day)) }
        }
        // Numbers 0, 1, 2, 3 have ids 3, 1, 2, 4: the tables are written in id order; 3 has none.
        let ids: [Int32] = [3, 1, 2, 4]
        func build(limit: Int?) throws -> (events: [[Int]], months: [[Int]], runs: Int) {
            let queue = try DatabaseQueue()
            return try queue.write { db in
                try StoreSchema.createTables(db)
                let lists = StoreWriter.Session.Memberships(db, table: "pair", ids: ids, limit: limit,
                                                            spill: limit.map { _ in SpillFile(path: directory + "/lists") })
                for membership in memberships {
                    try lists.add(Int32(membership.number), position: membership.position, sortDay: membership.day)
                }
                try lists.finish()
                let events = try Row.fetchAll(db, sql: "SELECT pair, seq, position FROM pair_events ORDER BY pair, seq")
                let months = try Row.fetchAll(db, sql: "SELECT pair, month, count FROM pair_months ORDER BY pair, month")
                return (events.map { [$0[0], $0[1], $0[2]] }, months.map { [$0[0], $0[1], $0[2]] }, lists.runCount)
            }
        }
        let held = try build(limit: nil)
        // 56 bytes: seven memberships a run, fewer with finished months.
        let spilled = try build(limit: 56)
        #expect(held.runs == 0)
        #expect(spilled.runs > 50, "runs: \(spilled.runs)")
        #expect(spilled.events == held.events)
        #expect(spilled.months == held.months)
        // By hand: each pair's positions in order, seq 0, 1, 2, …; each known day's month counted.
        var expectedEvents: [[Int]] = []
        var tally: [[Int]: Int] = [:]
        for number in [1, 2, 0] {
            let id = Int(ids[number])
            for (seq, membership) in memberships.filter({ $0.number == number }).enumerated() {
                expectedEvents.append([id, seq, membership.position])
                if membership.day != Int.min && membership.day != Int.max {
                    tally[[id, MonthCount.month(ofDay: membership.day)], default: 0] += 1
                }
            }
        }
        #expect(held.events == expectedEvents)
        #expect(held.months == tally.map { $0.key + [$0.value] }.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(held.months.contains { $0[1] < Int(Int32.min) })
        #expect(!held.events.contains { $0[0] == 4 } && !held.months.contains { $0[0] == 4 })
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
