import Foundation
import TestSupport
import Testing

/// Every command with `--data postgresql://…` and `import -o postgresql://…`, against the test
/// server (`TestPostgres`): the same output as the SQLite store's, and the server's problems as
/// one line with exit 69 or 65.
@Suite("PostgreSQL on the command line", .serialized, .enabled(if: TestPostgres.enabled, Comment(rawValue: TestPostgres.skipReason)))
struct PostgresCommandTests {
    let scratch: ScratchFolder

    init() throws {
        scratch = try ScratchFolder("postgres")
    }

    func dataset(_ name: String) throws -> String { try TestPostgres.server() + "?dataset=" + name }

    func drop(_ name: String) throws {
        // The binary has no drop command: psql, as a user would (the catalog names the dataset's schema).
        _ = try psql("""
            SET client_min_messages = warning;
            DO $$ DECLARE s text; BEGIN
              IF to_regclass('bilateral_catalog.datasets') IS NOT NULL THEN
                DELETE FROM bilateral_catalog.datasets WHERE name = '\(name)' RETURNING schema INTO s;
                IF s IS NOT NULL THEN EXECUTE 'DROP SCHEMA ' || quote_ident(s) || ' CASCADE'; END IF;
              END IF;
            END $$;
            DROP SCHEMA IF EXISTS \(name) CASCADE
            """)
    }

    @Test("An imported dataset answers every command as the SQLite store does")
    func sameAsSQLite() throws {
        let name = TestPostgres.datasetName("cli")
        defer { try? drop(name) }
        let store = scratch.path("article.bilateral")
        #expect(try BinaryRunner.run(["import", Repository.articleFixture, "-o", store]).status == 0)
        let imported = try BinaryRunner.run(["import", Repository.articleFixture, "-o", dataset(name)])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("imported 13 events, 6 pairs, 29 quotes into postgresql://"))
        for command in [["list"], ["list", "--format", "json"], ["list", "--pair", "RUS-PAK", "--search", "friendship drills"],
                        ["list", "--country", "IND", "--format", "csv"], ["list", "--search", "heli", "--count"], ["pairs", "--format", "json"],
                        ["show", "friendship-2017"], ["show", "friendship-201"], ["quotes", "--speaker", "korybko", "--format", "json"],
                        ["quotes", "--pair", "RUS-PAK", "--by-speaker"]] {
            let fromPostgres = try BinaryRunner.run(command + ["--data", dataset(name)])
            let fromSQLite = try BinaryRunner.run(command + ["--data", store])
            #expect(fromPostgres.status == fromSQLite.status, "\(command)")
            #expect(fromPostgres.stdout == fromSQLite.stdout, "\(command)")
        }

        // Replacing needs --replace; datasets lists it.
        let again = try BinaryRunner.run(["import", Repository.articleFixture, "-o", dataset(name)])
        #expect(again.status == 73)
        #expect(again.stderr.contains("--replace"))
        #expect(try BinaryRunner.run(["import", Repository.fixture("real-world/20160728.export.sample.CSV"), "-o", dataset(name), "--replace"])
            .status == 0)
        let listed = try BinaryRunner.run(["datasets", "--data", try TestPostgres.server()])
        #expect(listed.status == 0)
        let line = try #require(listed.stdout.split(separator: "\n").first { $0.hasPrefix(name + " ") })
        #expect(line.contains(" 11 "))
    }

    @Test("The server's problems: one line naming it, never the password, exit 69 or 65")
    func failures() throws {
        let unreachable = try BinaryRunner.run(["list", "--data", "postgresql://ana:hunter2@127.0.0.1:1/db?dataset=x"])
        #expect(unreachable.status == 69)
        #expect(unreachable.stderr == "bilateral: PostgreSQL at 127.0.0.1:1: server unreachable (connection refused)\n")
        let missing = try BinaryRunner.run(["list", "--data", dataset("no_such_dataset")])
        #expect(missing.status == 69)
        #expect(missing.stderr.contains("no dataset no_such_dataset"))
        let badName = try BinaryRunner.run(["list", "--data", dataset("Bad-Name")])
        #expect(badName.status == 64)
        let noDataset = try BinaryRunner.run(["datasets", "--data", "not-an-address"])
        #expect(noDataset.status == 64)
    }

    func psql(_ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [try TestPostgres.server(), "-qAtc", sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// 16 clients reading (`list --count`, with a search and a pair, and `show`) while an import
    /// replaces the dataset: none fails, and every answer is the old dataset's or the new one's.
    /// The new dataset holds the old one's events among 20,000 others, so `show` answers the same
    /// from both, and only a reader that mixed the two (one's position, the other's rows) would not.
    @Test("Readers during a replacing import see the old dataset or the new one")
    func readersDuringReplace() throws {
        let name = TestPostgres.datasetName("swap")
        defer { try? drop(name) }
        let big = scratch.path("big.json")
        #expect(try BinaryRunner.run(["generate", "--events", "20000", "--seed", "3", "-o", big]).status == 0)
        #expect(try BinaryRunner.run(["import", Repository.articleFixture, "-o", dataset(name)]).status == 0)
        let questions = [["list", "--count"], ["list", "--count", "--search", "talks"], ["list", "--count", "--pair", "RUS-PAK"],
                         ["show", "friendship-2017"], ["list", "--search", "drills", "--format", "csv"]]
        func answers() throws -> [String] { try questions.map { try BinaryRunner.run($0 + ["--data", dataset(name)]).stdout } }
        let old = try answers()
        let importer = Process()
        importer.executableURL = BinaryRunner.binary
        importer.arguments = ["import", Repository.articleFixture, big, "-o", try dataset(name), "--replace"]
        importer.standardError = FileHandle.nullDevice
        try importer.run()
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            var answers: [(question: Int, answer: String)] = []
            var failures: [String] = []
        }
        let seen = Seen()
        let address = try dataset(name)
        let clients = (0..<16).map { client in
            Thread {
                var round = 0
                while importer.isRunning {
                    let question = (client + round) % questions.count
                    round += 1
                    guard let result = try? BinaryRunner.run(questions[question] + ["--data", address]) else { continue }
                    seen.lock.withLock {
                        if result.status == 0 { seen.answers.append((question, result.stdout)) } else { seen.failures.append(result.stderr) }
                    }
                }
            }
        }
        clients.forEach { $0.start() }
        importer.waitUntilExit()
        while clients.contains(where: { !$0.isFinished }) { usleep(50_000) }
        #expect(importer.terminationStatus == 0)
        let new = try answers()
        #expect(new != old)
        #expect(seen.failures.isEmpty, "\(seen.failures.prefix(3))")
        #expect(seen.answers.count >= 16)
        for (question, answer) in seen.answers {
            #expect(answer == old[question] || answer == new[question], "\(questions[question]): \(answer)")
        }
        #expect(seen.answers.contains { $0.answer == old[$0.question] })
    }

    /// An import killed outright (SIGKILL) in the middle of its COPY: the old dataset is intact, and
    /// the next import drops the scratch schema it left.
    @Test("kill -9 of an import mid-COPY leaves the old dataset intact")
    func killedImport() throws {
        let name = TestPostgres.datasetName("kill")
        defer { try? drop(name) }
        let big = scratch.path("big.json")
        #expect(try BinaryRunner.run(["generate", "--events", "60000", "--seed", "4", "-o", big]).status == 0)
        #expect(try BinaryRunner.run(["import", Repository.articleFixture, "-o", dataset(name)]).status == 0)
        let before = try BinaryRunner.run(["list", "--format", "json", "--data", dataset(name)]).stdout
        let importer = Process()
        importer.executableURL = BinaryRunner.binary
        importer.arguments = ["import", big, "-o", try dataset(name), "--replace"]
        importer.standardError = FileHandle.nullDevice
        try importer.run()
        // Until its scratch schema has rows (the COPY has begun), then SIGKILL.
        let deadline = Date().addingTimeInterval(120)
        var scratchSchema = ""
        while Date() < deadline, importer.isRunning {
            scratchSchema = try psql("""
                SELECT n.nspname FROM pg_namespace n JOIN pg_stat_activity a ON n.nspname = 'bilateral_scratch_' || a.pid
                WHERE to_regclass(n.nspname || '.staged_events') IS NOT NULL LIMIT 1
                """)
            if !scratchSchema.isEmpty, (Int(try psql("SELECT count(*) FROM \(scratchSchema).staged_events")) ?? 0) > 0 { break }
            usleep(20_000)
        }
        #expect(!scratchSchema.isEmpty)
        kill(importer.processIdentifier, SIGKILL)
        importer.waitUntilExit()
        #expect(importer.terminationReason == .uncaughtSignal)
        #expect(try BinaryRunner.run(["list", "--format", "json", "--data", dataset(name)]).stdout == before)
        // The server notices the dead connection; the next import (another dataset) drops the scratch schema.
        let other = TestPostgres.datasetName("after")
        defer { try? drop(other) }
        var dropped = false
        for _ in 0..<50 where !dropped {
            usleep(100_000)
            guard try psql("SELECT count(*) FROM pg_stat_activity WHERE 'bilateral_scratch_' || pid = '\(scratchSchema)'") == "0" else { continue }
            #expect(try BinaryRunner.run(["import", Repository.articleFixture, "-o", dataset(other)]).status == 0)
            dropped = try psql("SELECT count(*) FROM pg_namespace WHERE nspname = '\(scratchSchema)'") == "0"
        }
        #expect(dropped)
    }
}
