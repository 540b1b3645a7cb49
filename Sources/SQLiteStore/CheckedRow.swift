import Foundation
import GRDB

/// A value a store held that no writer writes: the file is damaged. Thrown by the decoders and
/// turned, where the store's path is known (`SQLiteEventStore.read`), into the `StoreError`
/// "FILE: corrupt store: WHAT" with exit 65.
struct CorruptStore: Error, CustomStringConvertible {
    var what: String
    var description: String { "corrupt store: \(what)" }
}

/// A row read from a store, decoded only by checked accessors: a NULL, a blob, a value of the
/// wrong type or out of its range is a `CorruptStore` naming the table, the column and the row,
/// never a trap (GRDB's non-optional `row[i]` traps on each of them).
struct CheckedRow {
    let row: Row
    /// The table the row is from, for the message ("events").
    let table: String
    /// Which row, for the message ("at position 4", "num 3").
    let place: String

    init(_ row: Row, table: String, _ place: @autoclosure () -> String = "") {
        self.row = row
        self.table = table
        self.place = place()
    }

    private func column(_ index: Int) -> String {
        let names = Array(row.columnNames)
        return index < names.count ? names[index] : "column \(index)"
    }

    private func fail(_ index: Int, _ problem: String) -> CorruptStore {
        CorruptStore(what: "\(table).\(column(index))\(place.isEmpty ? "" : " " + place) \(problem)")
    }

    private func value(_ index: Int) throws -> DatabaseValue {
        guard index >= 0, index < row.count else { throw fail(index, "is missing") }
        return row[index] as DatabaseValue
    }

    private static func kind(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "NULL"
        case .int64: return "an integer"
        case .double: return "a real number"
        case .string: return "text"
        case .blob: return "a blob"
        }
    }

    /// A text column decoded by `decode`, whose `CorruptStore` gets the column and row named.
    func decoded<T>(_ index: Int, _ decode: (String) throws -> T) throws -> T {
        let text = try text(index)
        do { return try decode(text) } catch let error as CorruptStore {
            throw CorruptStore(what: "\(table).\(column(index))\(place.isEmpty ? "" : " " + place): \(error.what)")
        }
    }

    func optionalText(_ index: Int) throws -> String? {
        let value = try value(index)
        switch value.storage {
        case .null: return nil
        case .string(let text): return text
        default: throw fail(index, "is \(Self.kind(value)), not text")
        }
    }

    func text(_ index: Int) throws -> String {
        guard let text = try optionalText(index) else { throw fail(index, "is NULL") }
        return text
    }

    private func optionalInteger(_ index: Int) throws -> Int? {
        let value = try value(index)
        switch value.storage {
        case .null: return nil
        case .int64(let number): return Int(number)
        default: throw fail(index, "is \(Self.kind(value)), not an integer")
        }
    }

    func optionalInt(_ index: Int, in range: Range<Int>) throws -> Int? {
        guard let int = try optionalInteger(index) else { return nil }
        guard range.contains(int) else {
            throw fail(index, range.isEmpty ? "is \(int), where there can be none" : "is \(int), outside \(range.lowerBound)...\(range.upperBound - 1)")
        }
        return int
    }

    /// A finite real number (SQLite may hand back a whole REAL sum as an integer).
    func double(_ index: Int) throws -> Double {
        let value = try value(index)
        switch value.storage {
        case .double(let number) where number.isFinite: return number
        case .int64(let number): return Double(number)
        default: throw fail(index, "is \(Self.kind(value)), not a finite number")
        }
    }

    /// A blob's bytes (an empty blob may come back as an empty text or blob).
    func blob(_ index: Int) throws -> Data {
        let value = try value(index)
        switch value.storage {
        case .blob(let data): return data
        default: throw fail(index, "is \(Self.kind(value)), not a blob")
        }
    }

    func int(_ index: Int, in range: Range<Int>) throws -> Int {
        guard let int = try optionalInt(index, in: range) else { throw fail(index, "is NULL") }
        return int
    }

    /// A day number: within what an EDTF date can give, or one of the `Int.min`/`Int.max` marks
    /// (no known start, no known end) when `marks`.
    func day(_ index: Int, marks: Bool) throws -> Int {
        guard let value = try optionalInteger(index) else { throw fail(index, "is NULL") }
        guard StoreRows.days.contains(value) || (marks && (value == Int.min || value == Int.max)) else {
            throw fail(index, "is \(value), not a day")
        }
        return value
    }

    func optionalDay(_ index: Int) throws -> Int? {
        try optionalInt(index, in: StoreRows.days)
    }

    /// Fetches rows checked, each told apart by `place` (its index among the rows by default).
    static func fetchAll(_ db: Database, table: String, sql: String, arguments: StatementArguments = StatementArguments(),
                         cached: Bool = false) throws -> [CheckedRow] {
        try Row.fetchAll(statement(db, sql, cached: cached), arguments: arguments).map { CheckedRow($0, table: table) }
    }

    static func fetchOne(_ db: Database, table: String, _ place: @autoclosure () -> String, sql: String,
                         arguments: StatementArguments = StatementArguments(), cached: Bool = false) throws -> CheckedRow? {
        try Row.fetchOne(statement(db, sql, cached: cached), arguments: arguments).map { CheckedRow($0, table: table, place()) }
    }

    /// A statement prepared for this call, or, `cached`, kept by the connection for the next one.
    /// Preparing is most of what a one-row read costs (GRDB's authorizer notes every column read):
    /// the reads run per event (an event in full, its sources, people and quotes) are cached. Only
    /// SQL from a bounded set may be: the cache keeps every distinct text for the connection's life.
    static func statement(_ db: Database, _ sql: String, cached: Bool) throws -> Statement {
        cached ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
    }
}

extension CheckedRow {
    /// An integer a query returns (a count, a position, a rowid) checked against its range.
    static func int(_ db: Database, _ what: @autoclosure () -> String, sql: String, arguments: StatementArguments = StatementArguments(),
                    in range: Range<Int>) throws -> Int? {
        guard let row = try Row.fetchOne(db, sql: sql, arguments: arguments) else { return nil }
        return try CheckedRow(row, table: what()).optionalInt(0, in: range)
    }

    /// Integers a query returns, each checked against the range.
    static func ints(_ db: Database, _ what: String, sql: String, arguments: StatementArguments = StatementArguments(),
                     in range: Range<Int>, cached: Bool = false) throws -> [Int] {
        try Row.fetchAll(statement(db, sql, cached: cached), arguments: arguments).map { try CheckedRow($0, table: what).int(0, in: range) }
    }
}
