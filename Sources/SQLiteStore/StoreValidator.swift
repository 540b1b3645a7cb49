import Foundation
import DatasetFormats
import GRDB
import TimelineKit

/// `bilateral validate` for a store: SQLite's own integrity check, the format, and the store's
/// invariants (contiguous rows in date order, per-pair and per-country lists consistent with
/// their counts, month counts, the full-text index finding sampled events), and every row decoded
/// as a read decodes it (`unreadableRows`), so a store it passes never fails to read. Opens the
/// file read-only, creating nothing beside it.
public enum StoreValidator {
    /// The problems found, one line each (empty when the store is sound). A file that cannot be
    /// opened as a store at all throws the `StoreError` that opening it would.
    public static func validate(path: String) throws(StoreError) -> [String] {
        let header = try StoreHeader(path: path)
        try header.check(path: path)
        do {
            let queue = try SQLiteEventStore.openReadOnly(path: path)
            defer { try? queue.close() }
            var found = try queue.read { db in try problems(db) }
            if found.isEmpty {
                // What opening checks (the meta table against the rows), then the lists a read
                // decodes whole.
                let store = try SQLiteEventStore(queue: queue, path: path)
                for read in [{ _ = try store.allPairs() }, { _ = try store.allCountries() }] {
                    do { try read() } catch { found.append(SQLiteEventStore.storeError(error, path: nil).message) }
                }
            }
            return found.map { "\(path): \($0)" }
        } catch {
            return ["\(path): \(SQLiteEventStore.storeError(error, path: nil).message)"]
        }
    }

    static func problems(_ db: Database) throws -> [String] {
        var problems: [String] = []
        let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check(20)")
        if integrity != ["ok"] { problems += integrity.map { "integrity check: \($0)" } }
        func number(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }

        let version = try number("PRAGMA user_version")
        if version != StoreSchema.formatVersion { problems.append("format version \(version), expected \(StoreSchema.formatVersion)") }
        guard let declared = try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'event_count'") else {
            return problems + ["the meta table has no event count"]
        }
        let rows = try Row.fetchOne(db, sql: "SELECT count(*), coalesce(min(num), 1), coalesce(max(num), 0) FROM events")!
        let (count, first, last): (Int, Int, Int) = (rows[0], rows[1], rows[2])
        if count != declared || first != 1 || last != count {
            problems.append("events are not rows 1...\(declared): \(count) rows numbered \(first)...\(last)")
        }
        let disorder = try number("SELECT count(*) FROM events a JOIN events b ON b.num = a.num + 1 WHERE b.sort_day < a.sort_day")
        if disorder > 0 { problems.append("\(disorder) events sort before the event stored ahead of them") }
        // A date filter trusts the reach (`SQLiteDateWindow`): one too small would leave events out.
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM meta WHERE key = ?)", arguments: [DateReach.metaKey]) == true {
            do {
                if try DateReach.read(db) != DateReach.counted(db) {
                    problems.append("the meta table's \(DateReach.metaKey) is not how far the events' dates reach")
                }
            } catch let error as CorruptStore {
                problems.append(error.what)
            }
        }
        let quoteCount = try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'quote_count'") ?? -1
        if try number("SELECT count(*) FROM quotes") != quoteCount { problems.append("the quote count differs from the meta table's") }
        if try number("SELECT count(*) FROM quote_events WHERE position < 0 OR position >= \(count)") > 0 {
            problems.append("quotes refer to events that are not in the store")
        }

        for (table, key) in [("pair", "key"), ("country", "alpha3")] {
            let owners = table == "pair" ? "pairs" : "countries"
            let broken = try String.fetchAll(db, sql: """
                SELECT o.\(key) FROM \(owners) o LEFT JOIN
                    (SELECT \(table) AS owner, count(*) AS n, min(seq) AS lo, max(seq) AS hi FROM \(table)_events GROUP BY \(table)) x
                    ON x.owner = o.id
                WHERE x.n IS NOT o.count OR x.lo != 0 OR x.hi != o.count - 1
                """)
            for name in broken.prefix(10) { problems.append("\(table) \(name): its event list does not match its count") }
            let orphans = try number("SELECT count(*) FROM \(table)_events WHERE \(table) NOT IN (SELECT id FROM \(owners))")
            if orphans > 0 { problems.append("\(orphans) \(table) events belong to no \(table)") }
            let unordered = try number("""
                SELECT count(*) FROM \(table)_events a JOIN \(table)_events b ON b.\(table) = a.\(table) AND b.seq = a.seq + 1
                WHERE b.position <= a.position
                """)
            if unordered > 0 { problems.append("\(unordered) \(table) events are out of order") }
            let outside = try number("SELECT count(*) FROM \(table)_events WHERE position < 0 OR position >= \(count)")
            if outside > 0 { problems.append("\(outside) \(table) events refer to no event") }
            let months = try number("""
                SELECT count(*) FROM \(owners) o WHERE o.count !=
                    (SELECT coalesce(sum(m.count), 0) FROM \(table)_months m WHERE m.\(table) = o.id)
                    + (SELECT count(*) FROM \(table)_events l JOIN events e ON e.num = l.position + 1
                       WHERE l.\(table) = o.id AND e.sort_day IN (\(Int.min), \(Int.max)))
                """)
            if months > 0 { problems.append("\(months) \(owners) have month counts that do not add up") }
        }
        // No known start (Int.min) or no known date (Int.max, `XXXX`): in no month.
        let dated = try number("SELECT count(*) FROM events WHERE sort_day NOT IN (\(Int.min), \(Int.max))")
        if try number("SELECT coalesce(sum(count), 0) FROM months") != dated {
            problems.append("the month counts do not add up to the \(dated) events with a known day")
        }
        // Speakers: ranks 0..<n, their quotes adding up to all quotes.
        let speakers = try Row.fetchOne(db, sql: "SELECT count(*), coalesce(min(rank), 0), coalesce(max(rank), -1), coalesce(sum(quotes), 0) FROM speakers")!
        let (speakerRows, firstRank, lastRank): (Int, Int, Int) = (speakers[0], speakers[1], speakers[2])
        if firstRank != 0 || lastRank != speakerRows - 1 || (Int.fromDatabaseValue(speakers[3] as DatabaseValue) ?? -1) != quoteCount {
            problems.append("the speakers table does not rank the quoted people 0...\(speakerRows - 1) with every quote once")
        }
        problems += try unindexedEvents(db, count: count)
        problems += unreadableIndexes(db)
        problems += try bitmapsAgainstIndex(db, count: count)
        problems += try unreadableRows(db, count: count)
        return problems
    }

    /// Every page of the full-text indexes read: each term's events counted through `fts5vocab`.
    /// SQLite's integrity check does not look inside FTS5's blobs, and FTS5's own check is a
    /// write, which the read-only connection refuses; a damaged doclist fails a search that
    /// reaches it, so the walk fails here first.
    static func unreadableIndexes(_ db: Database) -> [String] {
        ["events_fts", "quotes_fts"].compactMap { index in
            do {
                try db.execute(sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.validate_\(index) USING fts5vocab(main, \(index), 'row')")
                _ = try Int.fetchOne(db, sql: "SELECT sum(doc) FROM temp.validate_\(index)")
                return nil
            } catch {
                return "the full-text index \(index) cannot be read whole: \(SQLiteEventStore.storeError(error, path: nil).message)"
            }
        }
    }

    /// Whether the search bitmaps hold what the index holds: every row's kind and block in range,
    /// and about `samples` stored blocks spread over the table decoded and compared, position for
    /// position, with the index's matches of their key in the block (a count trusts a stored block
    /// instead of the index).
    static func bitmapsAgainstIndex(_ db: Database, count: Int, samples: Int = 32) throws -> [String] {
        let blocks = SearchBitmaps.blockCount(events: count)
        let misplaced = try Int.fetchOne(db, sql: "SELECT count(*) FROM search_bitmaps WHERE kind NOT IN (0, 1) OR typeof(block) != 'integer' OR block < 0 OR block >= ? OR typeof(key) != 'text' OR typeof(bits) != 'blob'",
                                         arguments: [blocks]) ?? 0
        if misplaced > 0 { return ["\(misplaced) search bitmap rows have a kind, key, block or bits that no import writes"] }
        let misshapen = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM search_bitmaps WHERE length(bits) != ?
            AND (length(bits) % 2 != 0 OR length(bits) / 2 < (CASE kind WHEN 0 THEN ? ELSE ? END) OR length(bits) / 2 >= ?)
            """, arguments: [SearchBitmaps.denseBytes, SearchBitmaps.Kind.term.storedMinimum, SearchBitmaps.Kind.prefix.storedMinimum,
                             SearchBitmaps.denseMinimum]) ?? 0
        if misshapen > 0 { return ["\(misshapen) search bitmap blocks are of a length which neither container is"] }
        // Half the sample from each kind: the prefixes' rows far outnumber the terms'.
        var sample: [Row] = []
        for kind in [SearchBitmaps.Kind.term, .prefix] {
            let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM search_bitmaps WHERE kind = ?", arguments: [kind.rawValue]) ?? 0
            sample += try Row.fetchAll(db, sql: "SELECT kind, key, block, bits FROM search_bitmaps WHERE kind = ? AND rowid % ? = 0 LIMIT ?",
                                       arguments: [kind.rawValue, max(1, rows / (samples / 2)), samples / 2])
        }
        let matches = try db.cachedStatement(sql: "SELECT rowid - 1 FROM events_fts WHERE events_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid")
        var problems: [String] = []
        for row in sample {
            let checked = CheckedRow(row, table: "search_bitmaps")
            let kind: SearchBitmaps.Kind, key: String, block: Int, bits: Data
            do {
                kind = try checked.int(0, in: 0 ..< 2) == SearchBitmaps.Kind.prefix.rawValue ? .prefix : .term
                (key, block, bits) = (try checked.text(1), try checked.int(2, in: 0 ..< blocks), try checked.blob(3))
            } catch {
                problems.append("\(error)")
                continue
            }
            let query = kind.query(key)
            var stored: [Int] = []
            do {
                try SearchBitmaps.forEachPosition(in: bits, kind: kind, block: block, events: count) { stored.append($0) }
            } catch {
                problems.append("\(error)")
                continue
            }
            let first = block * SearchBitmaps.blockSize
            let indexed = try Int.fetchAll(matches, arguments: [query, first + 1, min(first + SearchBitmaps.blockSize, count)])
            if stored != indexed {
                problems.append("the search bitmap of \(query) in block \(block) holds \(stored.count) events, the index \(indexed.count)")
            }
        }
        return problems
    }

    /// Every row of every table decoded as the reads decode it (`CheckedRow`, `StoreRows`): the
    /// first problem of each table, as "corrupt store: …".
    static func unreadableRows(_ db: Database, count: Int) throws -> [String] {
        var problems: [String] = []
        func scan(_ table: String, _ sql: String, _ check: (CheckedRow) throws -> Void) throws {
            do {
                let cursor = try Row.fetchCursor(db, sql: sql)
                while let row = try cursor.next() { try check(CheckedRow(row, table: table)) }
            } catch let error as CorruptStore {
                problems.append(error.description)
            } catch let error as RowDecodingError {
                problems.append("corrupt store: \(table): \(error)")
            }
        }
        let sources = try Int.fetchOne(db, sql: "SELECT count(*) FROM sources") ?? 0
        let people = try Int.fetchOne(db, sql: "SELECT count(*) FROM people") ?? 0
        let quotes = try Int.fetchOne(db, sql: "SELECT count(*) FROM quotes") ?? 0
        func within(_ indices: [Int], _ count: Int, _ what: String) throws {
            if let bad = indices.first(where: { $0 >= count }) { throw StoreRows.corrupt("no \(what) \(bad)") }
        }
        let hasAttributes = try StoreRows.hasAttributesColumn(db), hasActors = try StoreRows.hasEventsColumn(db, "actors")
        let detailColumns = StoreRows.detailColumns(hasAttributes: hasAttributes, hasActors: hasActors,
                                                    hasCameo: try StoreRows.hasEventsColumn(db, "cameo"))
        try scan("events", "SELECT \(detailColumns), sort_day, filter_lo, filter_hi FROM events ORDER BY num") { row in
            let event = try StoreRows.decodeEvent(row.row, count: count)
            try within(event.sources, sources, "source")
            try within(event.people, people, "person")
            let at = CheckedRow(row.row, table: "events", "at position \(event.row.position)")
            // sort_day, filter_lo, filter_hi: after the detail columns.
            for column in StoreRows.detailColumnCount..<(StoreRows.detailColumnCount + 3) { _ = try at.day(column, marks: true) }
        }
        try scan("event_notes", "SELECT position, seq, text, sources FROM event_notes") { row in
            _ = try row.int(0, in: StoreRows.positions(count))
            _ = try row.int(1, in: StoreRows.counts)
            _ = try row.text(2)
            try within(StoreRows.indices(row.text(3)), sources, "source")
        }
        // `num` is the rowid (unique), so count = max and min = 1 say the rows are exactly 1...count.
        for (table, total) in [("sources", sources), ("people", people), ("quotes", quotes)] where total > 0 {
            let first = try Int.fetchOne(db, sql: "SELECT min(num) FROM \(table)"), last = try Int.fetchOne(db, sql: "SELECT max(num) FROM \(table)")
            if first != 1 || last != total || total > StoreRows.counts.upperBound {
                problems.append("corrupt store: \(table) are not rows 1...\(total)")
            }
        }
        // The quote pane's and the pickers' tables, as their reads decode them.
        try scan("speakers", "SELECT rank, person, quotes, first_index FROM speakers ORDER BY rank") { row in
            _ = try row.int(0, in: StoreRows.counts)
            _ = try row.int(1, in: 1 ..< people + 1)
            _ = try row.int(2, in: 1 ..< quotes + 1)
            _ = try row.int(3, in: 0 ..< quotes)
        }
        var runEnd = 0
        try scan("quote_runs", "SELECT start, end FROM quote_runs ORDER BY start") { row in
            let start = try row.int(0, in: 0 ..< quotes), end = try row.int(1, in: start + 1 ..< quotes + 1)
            if start != runEnd { throw StoreRows.corrupt("quote_runs do not follow each other at \(start)") }
            runEnd = end
        }
        if runEnd != quotes { problems.append("corrupt store: quote_runs end at \(runEnd), not at the \(quotes) quotes") }
        try scan("picker_prefixes", "SELECT kind, prefix, rank FROM picker_prefixes") { row in
            _ = try row.int(0, in: 0 ..< 3)
            _ = try row.text(1)
            _ = try row.int(2, in: StoreRows.counts)
        }
        try scan("sources", "SELECT \(StoreRows.sourceColumns) FROM sources") { row in _ = try StoreRows.source(row) }
        try scan("people", "SELECT \(StoreRows.personColumns) FROM people") { row in _ = try StoreRows.person(row) }
        try scan("quotes", "SELECT id, speaker, text, context, source, speaker_rank FROM quotes") { row in
            _ = try row.text(0)
            _ = try row.int(1, in: 0 ..< people)
            _ = try row.text(2)
            _ = try row.optionalText(3)
            _ = try row.int(4, in: 0 ..< sources)
            _ = try row.int(5, in: StoreRows.counts)
        }
        try scan("quote_events", "SELECT quote, seq, position FROM quote_events") { row in
            _ = try row.int(0, in: 1 ..< quotes + 1)
            _ = try row.int(1, in: StoreRows.counts)
            _ = try row.int(2, in: StoreRows.positions(count))
        }
        for table in ["pair", "country"] {
            try scan("\(table)_events", "SELECT \(table), seq, position FROM \(table)_events") { row in
                _ = try row.int(0, in: Int.min ..< Int.max)
                _ = try row.int(1, in: 0 ..< count)
                _ = try row.int(2, in: StoreRows.positions(count))
            }
            try scan("\(table)_months", "SELECT month, count FROM \(table)_months") { row in
                _ = try row.int(0, in: StoreRows.months)
                _ = try row.int(1, in: 1 ..< count + 1)
            }
        }
        try scan("months", "SELECT month, count FROM months") { row in
            _ = try row.int(0, in: StoreRows.months)
            _ = try row.int(1, in: 1 ..< count + 1)
        }
        try scan("pairs", "SELECT key, label, count, first_date, first_day, last_day, rank FROM pairs") { row in
            _ = try row.int(2, in: 1 ..< count + 1)
            _ = try StoreRows.date(row.text(3))
            _ = try row.day(4, marks: true)
            _ = try row.day(5, marks: true)
            _ = try row.int(6, in: StoreRows.counts)
        }
        try scan("countries", "SELECT alpha3, count, rank FROM countries") { row in
            _ = try row.int(1, in: 1 ..< count + 1)
            _ = try row.int(2, in: StoreRows.counts)
        }
        return problems
    }

    /// Whether the full-text index (and the prefix bitmaps) find events by their titles: about `samples` events spread
    /// over the store (the first and last included), each by the first word of its title, as a search asks. The
    /// index keeps no row count of its own (`columnsize=0`), so this is what shows it covers
    /// rows throughout the table and agrees with the events table.
    static func unindexedEvents(_ db: Database, count: Int, samples: Int = 200) throws -> [String] {
        guard count > 0 else { return [] }
        let step = max(1, (count + samples - 1) / samples)
        var positions = Array(stride(from: 0, to: count, by: step))
        if positions.last != count - 1 { positions.append(count - 1) }
        let title = try db.cachedStatement(sql: "SELECT title FROM events WHERE num = ?")
        let probe = try db.cachedStatement(sql: "SELECT count(*) FROM events_fts WHERE events_fts MATCH ? AND rowid = ?")
        var missing: [Int] = [], unmarked: [Int] = []
        for position in positions {
            guard let text = try String.fetchOne(title, arguments: [position + 1]),
                  let word = SearchText(text).words.first else { continue }
            // Its short prefixes, which only the bitmaps hold: a block missing from them would
            // find fewer events, and no read could tell.
            let scalars = Array(word.unicodeScalars)
            for length in 1 ... min(scalars.count, SearchTerms.indexedPrefix) {
                var prefix = String.UnicodeScalarView()
                prefix.append(contentsOf: scalars[..<length])
                var words = PrefixWords([String(prefix)], events: count)
                if try !words.contains(db, position) {
                    unmarked.append(position)
                    break
                }
            }
            // The word as a term: the tokenizer made it one (a prefix query would merge the events
            // of every term it begins, and the index keeps no prefixes).
            if try Int.fetchOne(probe, arguments: [SearchTerms.quoted(word), position + 1]) != 1 { missing.append(position) }
        }
        var problems: [String] = []
        if let first = missing.first {
            problems.append("the full-text index does not find \(missing.count) of \(positions.count) sampled events by their titles (first: position \(first))")
        }
        if let first = unmarked.first {
            problems.append("the search bitmaps lack the short prefixes of \(unmarked.count) of \(positions.count) sampled events' titles (first: position \(first))")
        }
        return problems
    }
}
