import Foundation
import TestSupport
import Testing

private let sqlite3Shell: String? = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/opt/homebrew/bin/sqlite3"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// A damaged store is bad input: each damage below, one SQL statement on a good store, makes the
/// command exit 65 with one line "bilateral: FILE: corrupt store: …" (sanitized), never a trap,
/// never "nothing found". The damage is made with the sqlite3 shell.
@Suite("corrupt stores on the command line", .enabled(if: sqlite3Shell != nil))
struct CorruptStoreTests {
    static var sqlite3: String? { sqlite3Shell }

    /// The binary under test (`CORRUPT_STORE_BINARY` runs the table against another build).
    static var binary: URL {
        ProcessInfo.processInfo.environment["CORRUPT_STORE_BINARY"].map { URL(fileURLWithPath: $0) } ?? BinaryRunner.binary
    }

    let scratch: ScratchFolder
    let store: String
    /// The first event's id, for `show`.
    let firstID: String

    init() throws {
        scratch = try ScratchFolder("corrupt")
        let json = scratch.path("data.json")
        store = scratch.path("good.bilateral")
        _ = try BinaryRunner.run(["generate", "--events", "120", "--seed", "3", "-o", json])
        let imported = try BinaryRunner.run(["import", json, "-o", store])
        #expect(imported.status == 0, "\(imported.stderr)")
        firstID = try Self.sql(store, "SELECT id FROM events WHERE num = 1").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    static func sql(_ path: String, _ statement: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sqlite3!)
        process.arguments = [path, statement]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// A copy of the good store with `statements` applied, each in its own sqlite3 run (so a
    /// schema edit is in force for the next: NULLs need the NOT NULL constraints gone).
    func damaged(_ statements: [String], name: String) throws -> String {
        let path = scratch.path(name + ".bilateral")
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: store, toPath: path)
        for statement in statements { try Self.sql(path, statement) }
        return path
    }

    static let dropNotNull = "PRAGMA writable_schema=ON; UPDATE sqlite_master SET sql=replace(sql,'NOT NULL','') WHERE type='table' AND name NOT LIKE '%_fts%'"

    /// Statement → command → what the one line says after "FILE: corrupt store: ". `SHOW` is the
    /// first event's `show`, `NOTED` that of the first event with notes, `PAIR` the busiest pair.
    static let cases: [(damage: [String], command: [String], says: String)] = [
        ([dropNotNull, "UPDATE events SET title = NULL WHERE num = 2"], ["list"], "events.title at position 1 is NULL"),
        (["UPDATE events SET title = x'00ff' WHERE num = 2"], ["list"], "events.title at position 1 is a blob, not text"),
        ([dropNotNull, "UPDATE pairs SET last_day = NULL"], ["pairs"], "pairs.last_day is NULL"),
        (["UPDATE pairs SET last_day = x'00'"], ["pairs"], "pairs.last_day is a blob, not an integer"),
        (["UPDATE pairs SET last_day = 9223372036854775000"], ["pairs"], "pairs.last_day is 9223372036854775000, not a day"),
        (["UPDATE quotes SET source = 'abc'"], ["quotes"], "quotes.source num 1 is text, not an integer"),
        (["UPDATE events SET people = '9223372036854775807' WHERE num = 1"], ["SHOW"], "events.people at position 0: bad index list"),
        (["UPDATE quotes SET speaker = 9223372036854775807"], ["quotes"], "quotes.speaker num 1 is 9223372036854775807, outside"),
        (["UPDATE pair_events SET position = 9223372036854775000 WHERE seq = 0"], ["list", "--pair", "PAIR"], "are missing"),
        (["UPDATE meta SET value = 9223372036854775000 WHERE key = 'first_day'"], ["list"], "meta.value 'first_day' is 9223372036854775000"),
        (["UPDATE events SET num = 3000000000 WHERE num = 120"], ["list"], "120 events numbered 1...3000000000 where the meta table says 1...120"),
        // A row missing between the first and the last: a command's open counts the rows.
        (["DELETE FROM events WHERE num = 60"], ["list", "--kind", "trade"], "119 events numbered 1...120 where the meta table says 1...120"),
        (["UPDATE events SET num = 2147483648 WHERE num = 120", "UPDATE meta SET value = 2147483648 WHERE key = 'event_count'"], ["list"],
         "meta.value 'event_count' is 2147483648, outside"),
        (["UPDATE events SET date = 'garbage' WHERE num = 1"], ["SHOW"], "events.date at position 0: bad date 'garbage'"),
        (["UPDATE events SET attributes = '{\"a\":\"' || char(27) || ']0;x' || char(7) || '\"}' WHERE num = 1"], ["SHOW"],
         "bad attributes '{\"a\":\"\\u{1b}]0;x\\u{7}\"}'"),
        (["UPDATE events SET status = 'x' || char(27) || '[2J' WHERE num = 1"], ["SHOW"], "events.status at position 0: bad status 'x\\u{1b}[2J'"),
        (["UPDATE events SET participants = 'XYZ' WHERE num = 1"], ["SHOW"], "events.participants at position 0: bad participants"),
        (["PRAGMA user_version = 4; DELETE FROM pair_events WHERE seq = 1"], ["list", "--pair", "PAIR"], "are missing"),
        // The generated store has no notes: one is added, its source list not a list of numbers.
        (["INSERT INTO event_notes(position, seq, text, sources) VALUES (0, 0, 'n', 'x')"], ["SHOW"], "event_notes.sources"),
        (["UPDATE events SET actors = '{\"ZWE\":\"Someone\"}' WHERE num = 1"], ["SHOW"],
         "events.actors at position 0 names a country twice or one that does not take part"),
        (["UPDATE events SET actors = '[1]' WHERE num = 1"], ["SHOW"], "events.actors at position 0: bad actors"),
        // A search's count reads the search bitmaps: a block of a length neither container has,
        // and a block past the events.
        (["INSERT INTO search_bitmaps(kind, key, block, bits) VALUES (1, 'zq', 0, x'00')"], ["list", "--count", "--search", "zq"],
         "search_bitmaps.bits of block 0 is 1 bytes long, which neither container is"),
        (["INSERT INTO search_bitmaps(kind, key, block, bits) VALUES (1, 'zq', 5, zeroblob(1024))"], ["list", "--count", "--search", "zq"],
         "search_bitmaps.block for \"zq\" is 5, outside 0...0"),
    ]

    @Test("Each damage: exit 65, one line naming the file and what is wrong", arguments: cases.indices)
    func damage(_ index: Int) throws {
        let (statements, command, says) = Self.cases[index]
        let path = try damaged(statements, name: "case\(index)")
        let pair = try Self.sql(store, "SELECT key FROM pairs ORDER BY rank LIMIT 1").trimmingCharacters(in: .whitespacesAndNewlines)
        let noted = try Self.sql(store, "SELECT e.id FROM events e JOIN event_notes n ON n.position = e.num - 1 ORDER BY e.num LIMIT 1")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var arguments = command.flatMap { word -> [String] in
            switch word {
            case "SHOW": return ["show", firstID]
            case "NOTED": return ["show", noted]
            case "PAIR": return [pair]
            default: return [word]
            }
        }
        arguments += ["--data", path]
        let result = try BinaryRunner.run(arguments, executable: Self.binary)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(result.status == 65, "\(statements) \(arguments): \(result.status) \(result.stderr.prefix(300))")
        #expect(lines.count == 1 && lines.first?.hasPrefix("bilateral: \(path): corrupt store") == true, "\(statements): \(result.stderr.prefix(300))")
        #expect(result.stderr.contains(says), "\(statements): \(result.stderr.prefix(300))")
        #expect(!result.stderr.contains("\u{1B}") && !result.stdout.contains("\u{1B}"))
        // validate agrees with the read: the store is not ok.
        let validated = try BinaryRunner.run(["validate", path], executable: Self.binary)
        #expect(validated.status == 65, "validate \(statements): \(validated.stdout)")
    }

    @Test("Reading a store whose header says WAL, or with a stray -wal, creates nothing beside it")
    func readsCreateNoFiles() throws {
        let folder = scratch.path("wal")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let wal = folder + "/wal.bilateral", stray = folder + "/stray.bilateral"
        try FileManager.default.copyItem(atPath: store, toPath: wal)
        try Self.sql(wal, "PRAGMA journal_mode = WAL")
        try FileManager.default.copyItem(atPath: store, toPath: stray)
        try Data(repeating: 0, count: 32).write(to: URL(fileURLWithPath: stray + "-wal"))
        let before = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(before == ["stray.bilateral", "stray.bilateral-wal", "wal.bilateral"])
        for path in [wal, stray] {
            for command in [["list", "--count"], ["pairs"], ["validate", path]] {
                let result = try BinaryRunner.run(command.first == "validate" ? command : command + ["--data", path], executable: Self.binary)
                #expect(result.status == 0, "\(command) \(path): \(result.stderr)")
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == before, "\(command) \(path)")
            }
        }
    }
}
