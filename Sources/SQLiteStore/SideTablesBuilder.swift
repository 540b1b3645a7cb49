import DatasetFormats
import Foundation
import GRDB
import TimelineKit

/// The tables an import builds from the staged events in date order alone, on a thread of their
/// own beside the one writing the events and lists (`build(_:sidePath:rollups:whileDoing:)`): the
/// full-text index, the search bitmaps and the trend rollups' tallies, made in the same pass (the
/// rollups are then written by whichever thread is free first: `RollupClaim`). They moved here
/// from the events pass so that the two threads' work is about even (BENCHMARKS.md).
///
/// `events_fts` is filled with rowid = position + 1: the words of each event's title, summary,
/// place and actors, then of its quotes and their speakers, each word once (the first time it
/// comes), as the bitmap builder meets them (`SearchBitmapBuilder`).
///
/// A field in ASCII goes to the tokenizer as it is: `unicode61` splits and lowers ASCII exactly
/// as `SearchWords` does, so only text with other characters is folded here first (folding every
/// field made this thread, which the import waits for, markedly slower).
struct SideTablesBuilder {
    let staged: StagedEvents
    /// Row (file order) → the folded words of the quotes about it.
    let quoteWords: [Int32: [UInt8]]
    /// Tallied in the same pass; written by `build(_:sidePath:rollups:whileDoing:)`.
    let trends: TrendRollups

    /// A large `hashsize` (the in-memory terms are flushed to a segment when they reach it) builds a
    /// large import's index in one segment, with nothing for `optimize` to merge, faster than a
    /// small one that leaves several (BENCHMARKS.md has the measurements); but the terms take more
    /// memory than that in SQLite's allocations, beside the import's budget, so it is at most a
    /// quarter of the budget (128 MB at the default, still one segment for a million events).
    /// No automatic merges (`automerge` 0) while the rows go in. The settings are removed
    /// afterwards: `events_fts_config` is the default one.
    ///
    /// The index, the bitmaps and the trend rollups' tallies (written by `writeTrends`);
    /// `tallied` is called once the tallies are complete (before the bitmaps and index are done).
    func build(_ db: Database, tallied: () -> Void = {}) throws {
        let hashSize = min(256 << 20, max(1 << 20, (staged.budget ?? Int.max) / 4))
        try db.execute(sql: """
            INSERT INTO events_fts(events_fts, rank) VALUES('automerge', 0);
            INSERT INTO events_fts(events_fts, rank) VALUES('crisismerge', 64);
            INSERT INTO events_fts(events_fts, rank) VALUES('hashsize', \(hashSize));
            """)
        let insert = try BulkInsert(db, sql: "INSERT INTO events_fts(rowid, words) VALUES (?, ?)")
        var bitmaps = try SearchBitmapBuilder(db)
        var words: [UInt8] = []
        // Each word once an event, as the bitmaps met it: the index holds the same terms for the
        // same events, from fewer tokens.
        var distinct: [UInt8] = []
        var folder = SearchWords()
        // Its own pass over the staged events (a merge of the runs of its own when they were spilled).
        try staged.forEachInOrder { position, record in
            trends.add(record)
            words.removeAll(keepingCapacity: true)
            let event = record.event
            Self.append(event.title, to: &words, folder: &folder)
            Self.append(event.summary, to: &words, folder: &folder)
            Self.append(event.placeName, to: &words, folder: &folder)
            Self.append(event.actorNames, to: &words, folder: &folder)
            if let quoted = quoteWords[Int32(record.row)] {
                if !words.isEmpty { words.append(32) }
                words.append(contentsOf: quoted)
            }
            distinct.removeAll(keepingCapacity: true)
            try words.withUnsafeBufferPointer { try bitmaps.add($0, position: position, distinct: &distinct) }
            insert.bind(1, position + 1)
            try distinct.withUnsafeBufferPointer { buffer in
                insert.bind(2, buffer)
                try insert.step()
            }
        }
        ImportTrace.write(String(format: "trend tallies within the full-text pass: thread CPU %.2f s", trends.tallySeconds))
        tallied()
        try bitmaps.finish()
        try db.execute(sql: """
            INSERT INTO events_fts(events_fts) VALUES('optimize');
            DELETE FROM events_fts_config WHERE k IN ('automerge', 'crisismerge', 'hashsize');
            """)
    }

    /// A field's words: as they are when ASCII, else folded by `SearchWords`.
    static func append(_ field: UnsafeBufferPointer<UInt8>?, to words: inout [UInt8], folder: inout SearchWords) {
        guard let field, !field.isEmpty else { return }
        if field.allSatisfy({ $0 < 0x80 }) {
            if !words.isEmpty { words.append(32) }
            words.append(contentsOf: field)
        } else {
            folder.append(String(decoding: field, as: UTF8.self), to: &words)
        }
    }

    /// Builds the index, bitmaps and trend tallies on another thread into their own database file
    /// while `work` runs on this one, then copies them into `db`'s (empty) tables: on two cores
    /// they overlap writing the rows. The rollups are written by the first thread free
    /// (`RollupClaim`; `forced` by tests). With no file (a store in memory) all is built in `db`
    /// after `work`.
    func build(_ db: Database, sidePath: String?, rollups forced: RollupClaim.Writer? = nil,
               whileDoing work: () throws -> Void) throws {
        guard let sidePath else {
            try work()
            try build(db)
            try writeTrends(db)
            return
        }
        let state = SideThreadState()
        let done = DispatchSemaphore(value: 0)
        let claim = RollupClaim(forced: forced)
        let builder = self
        let thread = Thread {
            defer {
                claim.sideEnded()
                done.signal()
            }
            do {
                let queue = try SQLiteProcess.queue(path: sidePath)
                try queue.writeWithoutTransaction { side in
                    try side.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -16384")
                    try side.inTransaction {
                        try StoreSchema.createFullTextTable(side)
                        try StoreSchema.createTrendTables(side)
                        let clock = ImportTrace.Clock()
                        try builder.build(side, tallied: claim.passIsOver)
                        clock.mark("full-text index, bitmaps and trend tallies (the side thread)")
                        if claim.claim(.side) {
                            state.wroteTrends = true
                            try builder.writeTrends(side, by: "the side thread")
                        }
                        return .commit
                    }
                }
                try queue.close()
            } catch {
                state.error = error
            }
        }
        thread.start()
        do {
            try work()
            if claim.claim(.store) { try writeTrends(db) }
        } catch {
            // The side thread need not write rollups that will be thrown away.
            claim.giveUp()
            done.wait()
            throw error
        }
        done.wait()
        if let error = state.error { throw error }
        // Attached inside the import's transaction, it stays attached until the connection closes
        // (SQLite refuses to detach it before the commit); the file is removed with the others.
        try db.execute(sql: "ATTACH DATABASE ? AS fts_side", arguments: [sidePath])
        let tables = try String.fetchAll(db, sql: "SELECT name FROM fts_side.sqlite_master WHERE type = 'table' AND name LIKE 'events\\_fts\\_%' ESCAPE '\\'")
            + ["search_bitmaps"]
        for table in tables {
            try db.execute(sql: "DELETE FROM main.\(table); INSERT INTO main.\(table) SELECT * FROM fts_side.\(table)")
        }
        // Not emptied first: rollups written by both threads would fail on their keys, not hide.
        if state.wroteTrends {
            for table in StoreSchema.trendTables { try db.execute(sql: "INSERT INTO main.\(table) SELECT * FROM fts_side.\(table)") }
        }
    }

    private func writeTrends(_ db: Database, by thread: String = "the store's thread") throws {
        let clock = ImportTrace.Clock()
        try trends.write(into: db)
        clock.mark("trend rollups (\(thread))")
    }

    /// What the side thread tells the store's: set before `done` is signalled, read only after.
    private final class SideThreadState: @unchecked Sendable {
        var error: (any Error)?
        /// The trend tables in its file are to be copied.
        var wroteTrends = false
    }
}

extension StagedEvents {
    /// The texts of the quotes (and their speakers' names) about each row, folded, in quote order.
    static func quoteWords(_ quotes: [Quote], people: [Person]) -> [Int32: [UInt8]] {
        var byRow: [Int32: [UInt8]] = [:]
        var folder = SearchWords()
        for quote in quotes {
            var words: [UInt8] = []
            folder.append(quote.text, to: &words)
            folder.append(people[quote.speaker].name, to: &words)
            for eventIndex in quote.events {
                let row = Int32(eventIndex)
                if byRow[row, default: []].isEmpty {
                    byRow[row] = words
                } else {
                    byRow[row]!.append(32)
                    byRow[row]!.append(contentsOf: words)
                }
            }
        }
        return byRow
    }
}
