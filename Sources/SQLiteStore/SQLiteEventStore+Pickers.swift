import DatasetFormats
import Foundation
import GRDB
import TimelineKit

/// The pickers' pages: `picker_prefixes` holds every prefix of every entry's keys with the entry's
/// busiest-first rank, so a page is one range scan of its primary key. With nothing typed, the
/// list index is the rank, so a page seeks to it (keyset); with a prefix, the page's first rank is
/// found by skipping `offset` entries of the covering index alone, and only the page is joined to
/// its table (OFFSET over the join read every skipped entry's row).
extension SQLiteEventStore {
    public func pairs(_ query: PickerQuery) throws -> [PairSummary] {
        try page(query, kind: 0, table: "pairs", columns: "id, key, label, count, first_date, last_day", key: "id", ofRank: "x.rank + 1", firstKey: 1,
                 keys: { PickerKeys.pair($0.displayOrder.0, $0.displayOrder.1) }, decode: pairSummary)
    }

    public func countries(_ query: PickerQuery) throws -> [CountryCount] {
        try page(query, kind: 1, table: "countries", columns: "id, alpha3, count", key: "id", ofRank: "x.rank + 1", firstKey: 1,
                 keys: { PickerKeys.country($0.country) }) { row, _ in
            let code = try row.text(1)
            guard let country = Country(alpha3: code) else { throw StoreRows.corrupt("unknown country '\(StoreRows.shown(code))'") }
            return CountryCount(country: country, events: try row.int(2, in: 0 ..< info.eventCount + 1))
        }
    }

    public func speakers(_ query: PickerQuery) throws -> [SpeakerCount] {
        try page(query, kind: 2, table: "speakers", columns: "rank, person, quotes, first_index", key: "rank", ofRank: "x.rank", firstKey: 0,
                 keys: { PickerKeys.speaker($0.person) }) { row, db in
            let person = try StoreRows.person(db, index: row.int(1, in: 1 ..< StoreRows.counts.upperBound) - 1)
            return SpeakerCount(person: person, quotes: try row.int(2, in: 1 ..< info.quoteCount + 1),
                                firstIndex: try row.int(3, in: 0 ..< info.quoteCount))
        }
    }

    /// One page of a picker (`key` orders the table busiest first, `firstKey` its value for rank 0,
    /// from which it counts up by one; `ofRank` is its value for a rank). Typed text longer than the indexed prefixes is looked up by its first
    /// `pickerPrefixLength` characters, and the entries found (few share that many) checked in full.
    private func page<T>(_ query: PickerQuery, kind: Int, table: String, columns: String, key: String, ofRank: String, firstKey: Int,
                         keys: (T) -> [String], decode: (CheckedRow, Database) throws -> T) throws -> [T] {
        let text = PickerKeys.normalized(query.text)
        let indexed = String(text.prefix(StoreSchema.pickerPrefixLength))
        let exact = indexed == text
        let limit = exact ? query.limit : -1, offset = exact ? query.offset : 0
        let entries: [T] = try read { db in
            let sql = text.isEmpty
                ? "SELECT \(columns) FROM \(table) WHERE \(key) >= ? ORDER BY \(key) LIMIT ?"
                : """
                  SELECT \(columns.split(separator: ",").map { "t." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
                  FROM picker_prefixes x JOIN \(table) t ON t.\(key) = \(ofRank)
                  WHERE x.kind = \(kind) AND x.prefix = ?
                    AND x.rank >= (SELECT rank FROM picker_prefixes WHERE kind = \(kind) AND prefix = ? ORDER BY rank LIMIT 1 OFFSET ?)
                  ORDER BY x.rank LIMIT ?
                  """
            let start = offset > Int.max - firstKey ? Int.max : offset + firstKey
            let arguments: StatementArguments = text.isEmpty ? [start, limit] : [indexed, indexed, offset, limit]
            return try CheckedRow.fetchAll(db, table: table, sql: sql, arguments: arguments).map { try decode($0, db) }
        }
        if exact { return entries }
        return Array(entries.filter { PickerKeys.matches(text, keys: keys($0)) }.dropFirst(query.offset).prefix(query.limit))
    }

    private func pairSummary(_ row: CheckedRow, _ db: Database) throws -> PairSummary {
        let (pair, displayOrder) = try StoreRows.columns.pair(key: row.text(1), label: row.text(2))
        return PairSummary(pair: pair, displayOrder: displayOrder, eventCount: try row.int(3, in: 0 ..< info.eventCount + 1),
                           firstDate: try StoreRows.date(row.text(4)), lastDay: try row.day(5, marks: true))
    }
}
