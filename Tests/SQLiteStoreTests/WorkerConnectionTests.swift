import Foundation
import GRDB
@testable import SQLiteStore
import Testing
import StoreTestSupport
import TimelineKit

/// The worker connection (`worker()`): the same file as the store's own connection, sharing what
/// its open read; refused once another store has been renamed over the path.
@Suite struct WorkerConnectionTests {
    @Test("A worker reads the file the store opened, with its info")
    func sameFile() throws {
        let directory = try Fixtures.temporaryDirectory()
        let path = directory + "/store.bilateral"
        try StoreWriter.write(dataset: try Fixtures.generated(events: 300).dataset, to: path)
        let store = try SQLiteEventStore(path: path)
        let worker = try #require(try store.worker() as? SQLiteEventStore)
        #expect(worker !== store)
        #expect(worker.info.eventCount == 300 && worker.info.title == store.info.title)
        let all = TimelineQuery()
        #expect(try worker.selection(all).rows(0..<300).map(\.id) == store.selection(all).rows(0..<300).map(\.id))
        #expect(try worker.selection(all).rows(0..<300).count == 300)
    }

    @Test("A store replaced at its path since it was opened gives no worker; the store reads on")
    func replacedFile() throws {
        let directory = try Fixtures.temporaryDirectory()
        let path = directory + "/store.bilateral", other = directory + "/other.bilateral"
        try StoreWriter.write(dataset: try Fixtures.generated(events: 300).dataset, to: path)
        try StoreWriter.write(dataset: try Fixtures.generated(events: 40).dataset, to: other)
        let store = try SQLiteEventStore(path: path)
        #expect(rename(other, path) == 0)
        #expect { try store.worker() } throws: { $0 is StoreError && "\($0)".contains("\(path): was replaced after it was opened") }
        // The store's own connection still reads the file it opened.
        #expect(try store.selection(TimelineQuery()).rows(0..<300).count == 300)
        #expect(try SQLiteEventStore(path: path).info.eventCount == 40)
    }

    @Test("Opened without counting the events, a store counts them when asked, on a worker too")
    func deferredCount() throws {
        let directory = try Fixtures.temporaryDirectory()
        let path = directory + "/gap.bilateral"
        try StoreWriter.write(dataset: try Fixtures.generated(events: 300).dataset, to: path)
        // Healthy: nothing to find, whether or not the open counted; only an open that did not
        // count has a check deferred.
        #expect(try SQLiteEventStore(path: path, countingEvents: false).hasDeferredChecks)
        #expect(try !SQLiteEventStore(path: path).hasDeferredChecks)
        #expect(try SQLiteEventStore(path: path, countingEvents: false).worker().hasDeferredChecks)
        try SQLiteEventStore(path: path, countingEvents: false).checkDeferred()
        try SQLiteEventStore(path: path, countingEvents: false).worker().checkDeferred()
        try SQLiteEventStore(path: path).checkDeferred()
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "DELETE FROM events WHERE num = 200") }
        let says = "\(path): corrupt store: 299 events numbered 1...300 where the meta table says 1...300"
        #expect { try SQLiteEventStore(path: path) } throws: { "\($0)" == says }
        let store = try SQLiteEventStore(path: path, countingEvents: false)
        #expect(store.info.eventCount == 300)
        #expect { try store.checkDeferred() } throws: { "\($0)" == says }
        #expect { try store.worker().checkDeferred() } throws: { "\($0)" == says }
        // The first and last rows are still checked at open.
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "DELETE FROM events WHERE num = 300") }
        #expect { try SQLiteEventStore(path: path, countingEvents: false) } throws: {
            "\($0)".contains("events numbered 1...299 where the meta table says 1...300")
        }
    }
}
