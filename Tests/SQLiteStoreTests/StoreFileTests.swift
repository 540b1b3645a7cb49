import DatasetFormats
import Foundation
import GRDB
import ReferenceStore
import SQLiteStore
import StoreTestSupport
import Testing
import TimelineKit

/// Writing never leaves a partial file; bad files give one clear error and are never written.
@Suite struct StoreFileTests {
    struct Cancelled: Error {}

    func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    func entries(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    @Test func failedWriteLeavesNoFile() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.bilateral"
        let timeline = try Fixtures.generated(events: 2500)
        var calls = 0
        #expect(throws: Cancelled.self) {
            try StoreWriter.write(dataset: timeline.dataset, to: path) { written, total in
                calls += 1
                #expect(total == 2500)
                if written >= 2000 { throw Cancelled() }
            }
        }
        #expect(calls == 2)
        #expect(entries(directory) == [])
    }

    @Test func failedWriteKeepsTheExistingStore() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.bilateral"
        try StoreWriter.write(dataset: try Fixtures.article().dataset, to: path)
        let before = bytes(path)
        #expect(throws: Cancelled.self) {
            try StoreWriter.write(dataset: try Fixtures.generated(events: 1500).dataset, to: path) { written, _ in
                if written >= 1000 { throw Cancelled() }
            }
        }
        #expect(bytes(path) == before)
        #expect(entries(directory) == ["out.bilateral"])
        #expect(try SQLiteEventStore(path: path).info.eventCount == 13)
    }

    @Test func unwritableDirectoryLeavesNothing() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: (any Error).self) {
            try StoreWriter.write(dataset: try Fixtures.article().dataset, to: directory + "/missing/dir/out.bilateral")
        }
        #expect(entries(directory) == [])
    }

    @Test func progressReachesTheTotal() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var last = (0, 0)
        try StoreWriter.write(dataset: try Fixtures.generated(events: 2100).dataset, to: directory + "/a.bilateral") { last = ($0, $1) }
        #expect(last == (2100, 2100))
    }

    // MARK: bad files

    /// Opening fails with a message naming the file, the given status, and the bytes unchanged.
    func expectOpenError(_ path: String, exitCode: Int32, containing text: String,
                         sourceLocation: SourceLocation = #_sourceLocation) {
        let before = bytes(path)
        do {
            _ = try SQLiteEventStore(path: path)
            Issue.record("\(path) opened", sourceLocation: sourceLocation)
        } catch let error as StoreError {
            #expect(error.message.hasPrefix(path + ": "), "\(error.message)", sourceLocation: sourceLocation)
            #expect(error.message.contains(text), "\(error.message)", sourceLocation: sourceLocation)
            #expect(error.exitCode == exitCode, sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(path): unexpected \(error)", sourceLocation: sourceLocation)
        }
        #expect(bytes(path) == before, sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"), sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), sourceLocation: sourceLocation)
    }

    @Test func badFiles() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let good = directory + "/good.bilateral"
        try StoreWriter.write(dataset: try Fixtures.generated(events: 300).dataset, to: good)
        let store = bytes(good)!

        expectOpenError(directory + "/missing.bilateral", exitCode: 66, containing: "no such file")

        let empty = directory + "/empty.bilateral"
        try Fixtures.create(empty, Data())
        expectOpenError(empty, exitCode: 65, containing: "empty")

        let text = directory + "/notes.txt"
        try Fixtures.create(text, Data("just some words\n".utf8))
        expectOpenError(text, exitCode: 65, containing: "not an SQLite database")
        #expect(!SQLiteEventStore.isStore(path: text))

        let json = directory + "/data.json"
        try Fixtures.create(json, bytes(Fixtures.articlePath)!)
        expectOpenError(json, exitCode: 65, containing: "not an SQLite database")
        #expect(!SQLiteEventStore.isStore(path: json))

        let foreign = directory + "/foreign.sqlite"
        let queue = try DatabaseQueue(path: foreign)
        try queue.write { try $0.execute(sql: "CREATE TABLE t(a); INSERT INTO t VALUES (1)") }
        try queue.close()
        expectOpenError(foreign, exitCode: 65, containing: "another application")
        #expect(!SQLiteEventStore.isStore(path: foreign))

        let newer = directory + "/newer.bilateral"
        var newerBytes = store
        newerBytes.replaceSubrange(60..<64, with: [0, 0, 0, UInt8(StoreSchema.formatVersion + 1)])
        try Fixtures.create(newer, newerBytes)
        expectOpenError(newer, exitCode: 65, containing: "newer")
        #expect(SQLiteEventStore.isStore(path: newer))

        // A store written before the picker and quote-search tables: refused with the way out.
        let older = directory + "/older.bilateral"
        var olderBytes = store
        olderBytes.replaceSubrange(60..<64, with: [0, 0, 0, UInt8(StoreSchema.formatVersion - 1)])
        try Fixtures.create(older, olderBytes)
        expectOpenError(older, exitCode: 65, containing: "older than this bilateral reads")
        expectOpenError(older, exitCode: 65, containing: "import it again")

        let truncated = directory + "/truncated.bilateral"
        try Fixtures.create(truncated, store.prefix(4096))
        expectOpenError(truncated, exitCode: 65, containing: "truncated")

        let tiny = directory + "/tiny.bilateral"
        try Fixtures.create(tiny, store.prefix(40))
        expectOpenError(tiny, exitCode: 65, containing: "truncated")

        // Garbage over every page but the first: the schema itself is unreadable.
        let garbled = directory + "/garbled.bilateral"
        var garbledBytes = store
        for offset in stride(from: 4096, to: garbledBytes.count, by: 1) { garbledBytes[offset] = UInt8(truncatingIfNeeded: offset * 31) }
        try Fixtures.create(garbled, garbledBytes)
        expectGarbled(garbled)

        // Garbage in the middle: opening may or may not notice; validation does, and nothing traps.
        let damaged = directory + "/damaged.bilateral"
        var damagedBytes = store
        let middle = damagedBytes.count / 2 / 4096 * 4096
        for offset in middle..<(middle + 8192) { damagedBytes[offset] = UInt8(truncatingIfNeeded: offset &* 7 ^ 0x5A) }
        try Fixtures.create(damaged, damagedBytes)
        expectGarbled(damaged)
    }

    /// A damaged store: either it does not open (65, named), or validation reports problems;
    /// never a trap, never a write.
    func expectGarbled(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let before = bytes(path)
        do {
            let store = try SQLiteEventStore(path: path)
            // Reading may fail with an error; it must not trap.
            _ = try? store.selection(TimelineQuery()).rows(0..<300)
            _ = try? store.allPairs()
        } catch let error as StoreError {
            #expect(error.message.hasPrefix(path + ": "), sourceLocation: sourceLocation)
            #expect(error.exitCode == 65, sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(path): unexpected \(error)", sourceLocation: sourceLocation)
        }
        do {
            let problems = try StoreValidator.validate(path: path)
            #expect(!problems.isEmpty, sourceLocation: sourceLocation)
            #expect(problems.allSatisfy { $0.hasPrefix(path + ": ") }, sourceLocation: sourceLocation)
        } catch {
            #expect(error.exitCode == 65, sourceLocation: sourceLocation)
        }
        #expect(bytes(path) == before, sourceLocation: sourceLocation)
    }

    @Test func validatorFindsBrokenInvariants() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/store.bilateral"
        try StoreWriter.write(dataset: try Fixtures.generated(events: 300).dataset, to: path)
        #expect(try StoreValidator.validate(path: path) == [])
        // Break the invariants through SQL, as a buggy writer would.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                DELETE FROM pair_events WHERE pair = 1 AND seq = 0;
                UPDATE events SET sort_day = sort_day - 100000 WHERE num = 200;
                DELETE FROM months WHERE month = (SELECT max(month) FROM months);
                """)
        }
        try queue.close()
        let problems = try StoreValidator.validate(path: path)
        #expect(problems.contains { $0.contains("event list does not match its count") })
        #expect(problems.contains { $0.contains("sort before") })
        #expect(problems.contains { $0.contains("month counts do not add up") })
        #expect(problems.allSatisfy { $0.hasPrefix(path + ": ") })
    }

    /// The full-text index is built beside a streamed store and copied in: the validator finds
    /// events by their titles in it, and says so when the index has lost them.
    @Test func validatorFindsAnEmptiedFullTextIndex() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/store.bilateral"
        let dataset = try Fixtures.generated(events: 300).dataset
        try StoreWriter.write(to: path) { sink in try DatasetStream.feed(dataset, to: sink) }
        #expect(try StoreValidator.validate(path: path) == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["store.bilateral"])
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO events_fts(events_fts) VALUES('delete-all')") }
        try queue.close()
        let problems = try StoreValidator.validate(path: path)
        #expect(problems.first == "\(path): the full-text index does not find 151 of 151 sampled events by their titles (first: position 0)")
        // The search bitmaps no longer agree with it either.
        #expect(problems.count > 1 && problems.dropFirst().allSatisfy { $0.contains(": the search bitmap of ") && $0.contains(", the index 0") }, "\(problems)")
    }
}

extension StoreFileTests {
    /// A write killed midway leaves its temporary file; the next write to the same path removes it.
    @Test func abandonedTemporaryFilesAreRemoved() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A pid that cannot be running (above the kernel's maximum).
        let abandoned = directory + "/.out.bilateral.tmp-99999999-12345"
        let alive = directory + "/.out.bilateral.tmp-\(getpid())-1"
        let other = directory + "/.other.bilateral.tmp-99999999-1"
        for path in [abandoned, alive, other] { try Fixtures.create(path, Data("x".utf8)) }
        try StoreWriter.write(dataset: try Fixtures.article().dataset, to: directory + "/out.bilateral")
        #expect(entries(directory) == [".other.bilateral.tmp-99999999-1", ".out.bilateral.tmp-\(getpid())-1", "out.bilateral"])
    }
}
