import DatasetFormats
import Foundation
import GRDB
import ReferenceStore
@testable import SQLiteStore
import StoreTestSupport
import Testing
import TimelineKit

/// Seeded corruption of a small store: byte flips, truncations, and typed damage of every column
/// (NULL, blob, huge or negative integers, garbage text, a real). Each damaged copy is opened and
/// read through every path the commands and the browser use, in process; a damaged store may
/// only throw a `StoreError` (65 or 66) that names the file. A trap ends the test process: that is
/// the failure. And a store `validate` passes must read without error.
/// `scripts/fuzz-stores` runs more (FUZZ_STORES_COUNT, FUZZ_STORES_SEED).
@Suite struct CorruptStoreFuzzTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(1, bound)))
        }
    }

    static let values = ["NULL", "x'00ff'", "9223372036854775807", "-9223372036854775808", "3000000000", "2147483648", "-1", "0",
                         "'garbage'", "''", "1.5", "char(27) || ']0;x' || char(7)", "'{\"a\":'", "'9223372036854775807'"]

    /// The store's tables and columns (the full-text index's shadow tables excepted).
    static func columns(_ path: String) throws -> [(table: String, column: String, withoutRowid: Bool)] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            let tables = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%_fts%'")
            return try tables.flatMap { table -> [(String, String, Bool)] in
                let name: String = table[0], sql: String = table[1]
                return try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [name]).map {
                    (name, $0, sql.contains("WITHOUT ROWID"))
                }
            }
        }
    }

    /// One typed damage: `column` of one row (chosen by `pick`) set to `value`, the NOT NULL
    /// constraints dropped first so that NULL goes in.
    static func damage(_ path: String, table: String, column: String, withoutRowid: Bool, value: String, pick: Int) throws {
        var configuration = Configuration()
        configuration.journalMode = .default
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: """
                    PRAGMA writable_schema = ON;
                    UPDATE sqlite_master SET sql = replace(sql, 'NOT NULL', '') WHERE type = 'table' AND name NOT LIKE '%_fts%';
                    PRAGMA writable_schema = OFF;
                    """)
            }
            try queue.close()
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        try queue.writeWithoutTransaction { db in
            let key = withoutRowid
                ? try String.fetchOne(db, sql: "SELECT name FROM pragma_table_info(?) WHERE pk = 1", arguments: [table]) ?? column
                : "rowid"
            let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
            // A rowid refuses what is not an integer: that damage cannot be made, the copy stays good.
            try? db.execute(sql: """
                UPDATE OR IGNORE \(table) SET \(column) = \(value)
                WHERE \(key) IN (SELECT \(key) FROM \(table) ORDER BY \(key) LIMIT 1 OFFSET \(rows == 0 ? 0 : pick % rows))
                """)
        }
    }

    /// Every read the commands and the browser make; throws what the store throws.
    static func readEverything(_ store: SQLiteEventStore) throws {
        let all = try store.selection(TimelineQuery())
        for start in stride(from: 0, to: all.count, by: 64) { _ = try all.rows(start..<min(all.count, start + 64)) }
        for position in 0..<store.info.eventCount { _ = try store.event(atPosition: position) }
        // The page read of `list --format json`: a run of positions, and scattered ones.
        _ = try store.events(in: all, at: 0..<all.count)
        _ = try store.events(atPositions: stride(from: store.info.eventCount - 1, through: 0, by: -7).map { $0 })
        _ = try all.bucketCounts(monthBounds: [-(1 << 60), 24_000, 1 << 60])
        _ = try all.index(onOrAfterDay: 0)
        _ = try all.index(atOrAfterPosition: store.info.eventCount / 2)
        let search = SearchText("tr")
        _ = try all.matchCount(search)
        _ = try all.match(search, from: 0, forward: true)
        _ = try all.match(search, from: all.count - 1, forward: false)
        _ = try all.matches(search, in: 0..<all.count)
        var queries = try store.allPairs().prefix(3).map { TimelineQuery(pairs: [$0.pair]) }
        queries += try store.allCountries().prefix(2).map { TimelineQuery(country: $0.country) }
        if let pair = queries.first?.pairs.first {
            queries.append(TimelineQuery(pairs: [pair], text: "talks"))
            queries.append(TimelineQuery(pairs: [pair], from: try EDTFDate(parsing: "2012")))
        }
        queries.append(TimelineQuery(text: "friendship"))
        for query in queries {
            let selection = try store.selection(query)
            _ = try selection.rows(0..<selection.count)
            _ = try selection.bucketCounts(monthBounds: [-(1 << 60), 24_000, 1 << 60])
            _ = try selection.matchCount(search)
            _ = try selection.match(search, from: 0, forward: true)
            _ = try selection.match(search, from: selection.count - 1, forward: false)
            _ = try selection.index(onOrAfterDay: 0)
        }
        _ = try store.quotes(QuoteQuery())
        _ = try store.quotes(QuoteQuery(speaker: "putin", bySpeaker: true))
        if let id = try store.selection(TimelineQuery()).rows(0..<1).first?.id {
            _ = try store.position(ofEventID: id)
            _ = try store.quotes(QuoteQuery(eventID: id))
        }
        _ = try store.suggestions(forEventID: "x")
        // The pickers' pages and the quote pane's reads.
        for text in ["", "r", "rus-p", "pakistan", "united-states-of-america-and-more-typed"] {
            _ = try store.pairs(PickerQuery(text: text, offset: 1, limit: 5))
            _ = try store.countries(PickerQuery(text: text, limit: 5))
            _ = try store.speakers(PickerQuery(text: text, limit: 5))
        }
        let quotes = try store.quoteSelection(.allBySpeaker)
        for start in stride(from: 0, to: quotes.count, by: 16) {
            for quote in try quotes.quotes(start..<(start + 16)) { _ = try quotes.index(ofQuoteID: quote.id) }
            _ = try quotes.speakerRun(containing: start)
        }
        _ = try quotes.match(search, from: 0, forward: true)
        _ = try quotes.match(search, from: quotes.count - 1, forward: false)
        let eventQuotes = try store.quoteSelection(.event(position: store.info.eventCount - 2))
        _ = try eventQuotes.quotes(0..<eventQuotes.count)
        _ = try eventQuotes.match(search, from: 0, forward: true)
    }

    /// Opens, reads and validates a damaged copy; records what a damaged store must not do.
    static func check(_ path: String, _ what: String) {
        var readError: StoreError?
        do {
            let store = try SQLiteEventStore(path: path)
            try readEverything(store)
        } catch let error as StoreError {
            readError = error
            #expect(error.exitCode == 65 || error.exitCode == 66, "\(what): \(error.message)")
            #expect(error.message.hasPrefix(path + ": "), "\(what): \(error.message)")
            #expect(!error.message.contains("\n") && !error.message.contains("\u{1B}"), "\(what): \(error.message)")
        } catch {
            Issue.record("\(what): not a StoreError: \(error)")
        }
        do {
            let problems = try StoreValidator.validate(path: path)
            if problems.isEmpty, let readError { Issue.record("\(what): validate passes, yet a read fails: \(readError.message)") }
        } catch {
            #expect(readError != nil, "\(what): validate throws \(error), yet every read succeeds")
        }
    }

    /// Runs `count` damaged copies of a store of `events` events from `seed`: typed damage of
    /// every column first, then byte flips and truncations.
    static func fuzz(seed: UInt64, count: Int, events: Int = 150) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let good = directory + "/good.bilateral"
        try StoreWriter.write(dataset: Fixtures.generated(events: events, seed: seed).dataset, to: good)
        let original = try Data(contentsOf: URL(fileURLWithPath: good))
        let columns = try columns(good)
        var random = Generator(state: seed)
        let copy = directory + "/damaged.bilateral"
        for round in 0..<count {
            try? FileManager.default.removeItem(atPath: copy)
            var what: String
            if round < max(columns.count, count / 2) {
                let (table, column, withoutRowid) = columns[round % columns.count]
                let value = values[random.next(values.count)]
                what = "round \(round): \(table).\(column) = \(value)"
                try original.write(to: URL(fileURLWithPath: copy))
                try damage(copy, table: table, column: column, withoutRowid: withoutRowid, value: value, pick: random.next(1 << 20))
            } else if random.next(4) == 0 {
                let length = random.next(original.count)
                what = "round \(round): truncated to \(length)"
                try original.prefix(length).write(to: URL(fileURLWithPath: copy))
            } else {
                var bytes = original
                let flips = 1 + random.next(8)
                for _ in 0..<flips { bytes[random.next(bytes.count)] ^= UInt8(1 + random.next(255)) }
                what = "round \(round): \(flips) bytes flipped"
                try bytes.write(to: URL(fileURLWithPath: copy))
            }
            check(copy, what)
        }
    }

    @Test func seededCorruptionNeverTraps() throws {
        let started = Date()
        try Self.fuzz(seed: 17, count: 240)
        print("corruption fuzz: 240 damaged stores in \(Int(Date().timeIntervalSince(started))) s")
    }

    /// The larger run, for `scripts/fuzz-stores`: FUZZ_STORES_COUNT damaged copies from FUZZ_STORES_SEED.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["FUZZ_STORES_COUNT"] != nil, "run by scripts/fuzz-stores (FUZZ_STORES_COUNT unset)"))
    func largerRun() throws {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["FUZZ_STORES_COUNT"].flatMap(Int.init) ?? 1500
        let seed = environment["FUZZ_STORES_SEED"].flatMap(UInt64.init) ?? 1
        try Self.fuzz(seed: seed, count: count)
    }
}
