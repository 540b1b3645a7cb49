import DatasetFormats
import Foundation
@testable import PostgresStore
import ReferenceStore
import StoreTestSupport
import TestSupport
import Testing
import TimelineKit

/// Each publication of a dataset is a schema of its own; a reader reads the one it opened, whole,
/// until it closes, however many imports replace the dataset meanwhile.
@Suite(.serialized, .enabled(if: TestPostgres.enabled, Comment(rawValue: TestPostgres.skipReason)))
struct PostgresPublicationTests {
    func admin() throws -> PostgresSession { try PostgresSession(address: PostgresAddress(parsing: TestPostgres.server())) }

    func schemaExists(_ name: String) throws -> Bool {
        try !admin().query("SELECT 1::bigint FROM pg_namespace WHERE nspname = $1", [.text(name)]).isEmpty
    }

    @Test("A reader opened before a replacing import reads the old dataset whole; one opened after, the new")
    func readerKeepsItsPublication() throws {
        let scratch = try ScratchDataset("pinned")
        defer { scratch.drop() }
        let first = try Fixtures.article(), second = try Fixtures.generated(events: 60, seed: 5)
        try scratch.write(first.dataset)
        var old: PostgresEventStore! = try scratch.open()
        var oldWorker: PostgresEventStore! = try #require(try old.worker() as? PostgresEventStore)
        let oldSchema = old.location.schema
        #expect(oldSchema.hasPrefix("bilateral_data_"))
        #expect(oldWorker.location == old.location)

        try scratch.write(second.dataset, replace: true)
        let new = try scratch.open()
        #expect(new.location.schema != oldSchema)
        // Every case of the conformance suite, on both sides of the swap.
        try StoreConformance.compare(MemoryEventStore(timeline: first), old, searches: ["helic", "talks"])
        try StoreConformance.compare(MemoryEventStore(timeline: first), oldWorker, searches: ["friendship"])
        try StoreConformance.compare(MemoryEventStore(timeline: second), new, searches: ["talks"])
        // A worker made after the swap still reads its store's publication.
        var lateWorker: PostgresEventStore! = try #require(try old.worker() as? PostgresEventStore)
        #expect(lateWorker.info == old.info)
        #expect(try PostgresCatalog.datasets(at: scratch.address).first { $0.name == scratch.address.dataset }?.eventCount == 60)

        // Held by its readers, the old publication stays; once they close, the next import drops it.
        #expect(try schemaExists(oldSchema))
        let held = [old, oldWorker, lateWorker].map { $0!.session.backendPID }
        (old, oldWorker, lateWorker) = (nil, nil, nil)
        try waitUntilGone(held)
        try scratch.write(first.dataset, replace: true)
        #expect(try !schemaExists(oldSchema))
        // The second publication is replaced too, but its reader is open: it stays, and reads on.
        #expect(try schemaExists(new.location.schema))
        #expect(try new.selection(TimelineQuery()).count == 60)
    }

    @Test("A dataset whose first publication predates the catalog is read, and replaced through it")
    func legacyDataset() throws {
        let scratch = try ScratchDataset("legacy")
        defer { scratch.drop() }
        let name = try #require(scratch.address.dataset)
        let first = try Fixtures.article(), second = try Fixtures.generated(events: 30, seed: 6)
        try scratch.write(first.dataset)
        // As the first version published it: a schema of the dataset's name, no catalog row.
        let admin = try admin()
        let location = try #require(try PostgresCatalog.locate(name, session: admin))
        try admin.execute("""
            BEGIN; DELETE FROM \(PostgresCatalog.table) WHERE name = \(PostgresSchema.literal(name));
            ALTER SCHEMA \(location.schema) RENAME TO \(name); COMMIT
            """)
        let legacy = try scratch.open()
        #expect(legacy.location == PostgresCatalog.Location(schema: name, generation: nil))
        try StoreConformance.compare(MemoryEventStore(timeline: first), legacy, searches: ["helic"])
        #expect(try PostgresCatalog.datasets(at: scratch.address).contains { $0.name == name && $0.eventCount == 13 })
        #expect(throws: PostgresStoreError.self) { try scratch.write(second.dataset) }
        try scratch.write(second.dataset, replace: true)
        #expect(try !schemaExists(name))
        try StoreConformance.compare(MemoryEventStore(timeline: second), try scratch.open(), searches: ["talks"])
    }

    @Test("A reader cut off while its publication is replaced and dropped is told so, and never reads the new one")
    func droppedWhileDisconnected() throws {
        let scratch = try ScratchDataset("cutoff")
        defer { scratch.drop() }
        try scratch.write(try Fixtures.article().dataset)
        let reader = try scratch.open()
        let pid = reader.session.backendPID
        _ = try admin().query("SELECT pg_terminate_backend(\(pid))::text")
        try waitUntilGone([pid])
        try scratch.write(try Fixtures.generated(events: 20, seed: 2).dataset, replace: true)
        #expect(try !schemaExists(reader.location.schema))
        var reasons: [PostgresStoreError.Reason] = []
        for _ in 0..<3 {
            do {
                _ = try reader.selection(TimelineQuery()).rows(0..<5)
                reasons.append(.other)
            } catch let error as PostgresStoreError {
                reasons.append(error.reason)
            }
        }
        // The statement in flight when the cut is noticed may see "connection lost"; then, for good, "replaced".
        #expect(reasons.last == .datasetReplaced)
        #expect(!reasons.contains(.other))
    }

    /// Waits for the server to end the given backends (a closed connection's end is asynchronous).
    func waitUntilGone(_ pids: [Int]) throws {
        let admin = try admin()
        for _ in 0..<100 {
            let left = try admin.query("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY($1)", [.ints(pids)]).first?.int(0)
            if left == 0 { return }
            usleep(50_000)
        }
        Issue.record("backends \(pids) still there")
    }
}
