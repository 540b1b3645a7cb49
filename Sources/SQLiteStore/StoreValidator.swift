import DatasetFormats
import GRDB
import TimelineKit

/// `bilateral validate` for a store: SQLite's own integrity check, the format, and the store's
/// invariants (contiguous rows in date order, per-pair and per-country lists consistent with
/// their counts, month counts, the full-text index finding sampled events). Opens the file read-only.
public enum StoreValidator {
    /// The problems found, one line each (empty when the store is sound). A file that cannot be
    /// opened as a store at all throws the `StoreError` that opening it would.
    public static func validate(path: String) throws(StoreError) -> [String] {
        let header = try StoreHeader(path: path)
        try header.check(path: path)
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in try problems(db) }.map { "\(path): \($0)" }
        } catch {
            return ["\(path): corrupt store (\(SQLiteEventStore.describe(error)))"]
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
        problems += try unindexedEvents(db, count: count)
        return problems
    }

    /// Whether the full-text index finds events by their titles: about `samples` events spread
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
        var missing: [Int] = []
        for position in positions {
            guard let text = try String.fetchOne(title, arguments: [position + 1]),
                  let word = SearchText(text).words.first else { continue }
            if try Int.fetchOne(probe, arguments: [SearchTerms.quoted(word) + "*", position + 1]) != 1 { missing.append(position) }
        }
        guard let first = missing.first else { return [] }
        return ["the full-text index does not find \(missing.count) of \(positions.count) sampled events by their titles (first: position \(first))"]
    }
}
