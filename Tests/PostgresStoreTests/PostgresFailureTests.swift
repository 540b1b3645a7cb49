import DatasetFormats
import Foundation
@testable import PostgresStore
import ReferenceStore
import StoreTestSupport
import TestSupport
import Testing
import TimelineKit

/// What a user can act on: one line naming the server, never the password, and the status; and
/// imports that replace a dataset whole or leave it untouched.
@Suite(.serialized, .enabled(if: TestPostgres.enabled, Comment(rawValue: TestPostgres.skipReason)))
struct PostgresFailureTests {
    func server() throws -> PostgresAddress { try PostgresAddress(parsing: TestPostgres.server()) }

    /// A session as the superuser the test server trusts (to set up roles and schemas).
    func admin() throws -> PostgresSession { try PostgresSession(address: server()) }

    func failure(_ body: () throws -> Void) -> PostgresStoreError? {
        do {
            try body()
            return nil
        } catch let error as PostgresStoreError {
            return error
        } catch {
            Issue.record("not a PostgresStoreError: \(error)")
            return nil
        }
    }

    @Test func unreachableServer() throws {
        // A port nothing listens on (bound, then closed).
        var address = try server().with(dataset: "x")
        address.host = "127.0.0.1"
        address.port = 1
        address.password = "hunter2"
        let error = try #require(failure { _ = try PostgresEventStore(address: address) })
        #expect(error.exitCode == 69)
        #expect(error.message.contains("127.0.0.1:1"))
        #expect(error.message.contains("unreachable"))
        #expect(!error.message.contains("hunter2"))
        #expect(!error.message.contains("\n"))
    }

    @Test func authenticationFailed() throws {
        let role = "t_role_\(UUID().uuidString.prefix(6).lowercased())"
        let admin = try admin()
        try admin.execute("CREATE ROLE \(role) LOGIN PASSWORD 'right-one'")
        defer { try? admin.execute("DROP ROLE \(role)") }
        var address = try server().with(dataset: "x")
        address.host = "127.0.0.1"
        address.user = role
        address.password = "wrong-hunter2"
        let error = try #require(failure { _ = try PostgresEventStore(address: address) })
        #expect(error.exitCode == 69)
        #expect(error.message.contains("authentication failed for user \(role)"))
        #expect(!error.message.contains("hunter2"))
        // No password at all: the server asks for one.
        address.password = nil
        let missing = try #require(failure { _ = try PostgresEventStore(address: address) })
        #expect(missing.exitCode == 69)
        #expect(missing.message.contains("password"))
        // The right one connects (and finds no dataset x).
        address.password = "right-one"
        let noDataset = try #require(failure { _ = try PostgresEventStore(address: address) })
        #expect(noDataset.message.contains("no dataset x"))
    }

    @Test func databaseMissing() throws {
        var address = try server().with(dataset: "x")
        address.database = "no_such_db_here"
        let error = try #require(failure { _ = try PostgresEventStore(address: address) })
        #expect(error.exitCode == 69)
        #expect(error.message.contains("database no_such_db_here does not exist"))
    }

    @Test func datasetMissingListsThoseThatExist() throws {
        let scratch = try ScratchDataset("listed")
        defer { scratch.drop() }
        try scratch.write(try Fixtures.generated(events: 20, seed: 2).dataset)
        let error = try #require(failure { _ = try PostgresEventStore(address: scratch.address.with(dataset: "not_there")) })
        #expect(error.exitCode == 69)
        #expect(error.message.contains("no dataset not_there"))
        #expect(error.message.contains(scratch.address.dataset!))
        let entries = try PostgresCatalog.datasets(at: scratch.address)
        let entry = try #require(entries.first { $0.name == scratch.address.dataset })
        #expect(entry.eventCount == 20)
        #expect(entry.title == "Generated – Türkiye")
        #expect(entry.firstDay != nil && entry.lastDay != nil && entry.firstDay! <= entry.lastDay!)
    }

    @Test func anotherApplicationsSchemaAndANewerVersion() throws {
        let admin = try admin()
        let other = TestPostgres.datasetName("other")
        try admin.execute("CREATE SCHEMA \(other); CREATE TABLE \(other).meta(key text, value text); CREATE TABLE \(other).events(x int)")
        defer { try? admin.execute("DROP SCHEMA \(other) CASCADE") }
        let address = try server().with(dataset: other)
        let error = try #require(failure { _ = try PostgresEventStore(address: address) })
        #expect(error.exitCode == 65)
        #expect(error.message.contains("not a Bilateral dataset"))
        // An import does not replace it, even with --replace.
        let refused = try #require(failure { try PostgresDatasetWriter.write(dataset: try Fixtures.article().dataset, to: address, replace: true) })
        #expect(refused.exitCode == 65)
        #expect(try admin.query("SELECT count(*) FROM \(other).events").first?.int(0) == 0)

        let scratch = try ScratchDataset("newer")
        defer { scratch.drop() }
        try scratch.write(try Fixtures.article().dataset)
        let schema = try #require(try PostgresCatalog.locate(scratch.address.dataset!, session: admin)).schema
        try admin.execute("UPDATE \(schema).meta SET value = '\(PostgresSchema.formatVersion + 1)' WHERE key = 'format_version'")
        let newer = try #require(failure { _ = try scratch.open() })
        #expect(newer.exitCode == 65)
        #expect(newer.message.contains("newer store version"))
        // One of an earlier version is refused with what to do, and an import replaces it.
        try admin.execute("UPDATE \(schema).meta SET value = '\(PostgresSchema.formatVersion - 1)' WHERE key = 'format_version'")
        let older = try #require(failure { _ = try scratch.open() })
        #expect(older.exitCode == 65)
        #expect(older.message.contains("older than this bilateral reads"))
        #expect(older.message.contains("import it again"))
        try PostgresDatasetWriter.write(dataset: try Fixtures.article().dataset, to: scratch.address, replace: true)
        #expect(try scratch.open().info.eventCount == (try Fixtures.article().dataset.events.count))
        // The current version opens.
        try admin.execute("UPDATE \(try #require(try PostgresCatalog.locate(scratch.address.dataset!, session: admin)).schema).meta SET value = '\(PostgresSchema.formatVersion)' WHERE key = 'format_version'")
        #expect(try scratch.open().info.eventCount > 0)
    }

    @Test func tlsRequiredButNotOffered() throws {
        var address = try server().with(dataset: "x")
        guard !address.isUnixSocket else { return }
        address.sslMode = .require
        let error = try #require(failure { _ = try PostgresEventStore(address: address) })
        #expect(error.exitCode == 69)
        #expect(error.message.contains("TLS"))
    }

    @Test func statementTimeoutAndInterrupt() throws {
        let timed = try PostgresSession(address: server(), statementTimeout: 1)
        let timeout = try #require(failure { _ = try timed.query("SELECT pg_sleep(3)") })
        #expect(timeout.exitCode == 69)
        #expect(timeout.message.contains("longer than 1 s"))

        let session = try admin()
        let started = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { session.interrupt() }
        let interrupted = try #require(failure { _ = try session.query("SELECT pg_sleep(20)") })
        #expect(interrupted.isInterruption)
        #expect(Date().timeIntervalSince(started) < 10)
        // The connection goes on after an interruption.
        #expect(try session.query("SELECT 7::bigint").first?.int(0) == 7)
    }

    // MARK: imports

    @Test func replacingNeedsReplaceAndSwapsWhole() throws {
        let scratch = try ScratchDataset("replace")
        defer { scratch.drop() }
        let first = try Fixtures.article(), second = try Fixtures.generated(events: 40, seed: 5)
        try scratch.write(first.dataset)
        let refused = try #require(failure { try scratch.write(second.dataset) })
        #expect(refused.exitCode == 73)
        #expect(refused.message.contains("--replace"))
        #expect(try scratch.open().info == MemoryEventStore(timeline: first).info)
        try scratch.write(second.dataset, replace: true)
        try StoreConformance.compare(MemoryEventStore(timeline: second), try scratch.open(), searches: ["talks", "zuri"])
        #expect(try leftovers().isEmpty)
    }

    /// An import that fails half-way (the input's error, thrown from the feed after some batches)
    /// leaves the old dataset as it was and no scratch schema.
    @Test func failedImportLeavesTheOldOne() throws {
        struct Broken: Error {}
        let scratch = try ScratchDataset("failed")
        defer { scratch.drop() }
        let old = try Fixtures.article()
        try scratch.write(old.dataset)
        let events = try Fixtures.generated(events: 100, seed: 8).dataset
        #expect(throws: Broken.self) {
            try PostgresDatasetWriter.write(to: scratch.address, replace: true, batchBytes: 2_000) { sink in
                try sink.begin(people: events.people, sources: events.sources)
                for event in events.events.prefix(60) { try sink.add(event) }
                throw Broken()
            }
        }
        try StoreConformance.compare(MemoryEventStore(timeline: old), try scratch.open(), searches: ["helic"])
        #expect(try leftovers().isEmpty)
    }

    /// A scratch schema whose import is gone (killed: its connection is no more) is dropped by the next import.
    @Test func abandonedScratchIsRemovedByTheNextImport() throws {
        let admin = try admin()
        // A backend pid no connection has (pids are below 2^22 on Linux).
        try admin.execute("CREATE SCHEMA bilateral_scratch_4999999; CREATE TABLE bilateral_scratch_4999999.events(x int)")
        let scratch = try ScratchDataset("next")
        defer { scratch.drop() }
        try scratch.write(try Fixtures.article().dataset)
        #expect(try !leftovers().contains("bilateral_scratch_4999999"))
    }

    /// Schemas of imports no longer running.
    func leftovers() throws -> [String] {
        try admin().query("""
            SELECT nspname::text FROM pg_namespace WHERE (nspname LIKE 'bilateral\\_scratch\\_%' OR nspname LIKE 'bilateral\\_old\\_%')
              AND substring(nspname FROM '[0-9]+$')::int NOT IN (SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL)
            """).map { try $0.text(0) }
    }
}
