import DatasetFormats
import GRDB
import GRDBSQLite
import TimelineKit

/// An INSERT run millions of times during an import, bound through SQLite's C API: GRDB's
/// `StatementArguments` box every value (for a large import, binding that way took longer than
/// SQLite's own work for the row). Texts are bound without a copy: they must stay valid until `step`.
struct BulkInsert {
    private let statement: Statement
    private let db: Database
    private var handle: OpaquePointer { statement.sqliteStatement }

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(handle, index, Int64(value)) }
    func bind(_ index: Int32, _ value: Int?) {
        if let value { sqlite3_bind_int64(handle, index, Int64(value)) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(handle, index, value) }

    func bind(_ index: Int32, _ text: UnsafeBufferPointer<UInt8>?) {
        guard let text else { sqlite3_bind_null(handle, index); return }
        // SQLITE_STATIC (nil): SQLite reads the bytes in place. A NULL pointer would bind NULL,
        // so an empty text (no base address) is bound as a copied "".
        guard let base = text.baseAddress, !text.isEmpty else {
            sqlite3_bind_text(handle, index, "", 0, Self.transient)
            return
        }
        _ = base.withMemoryRebound(to: CChar.self, capacity: text.count) { sqlite3_bind_text(handle, index, $0, Int32(text.count), nil) }
    }

    /// Binds bytes as a blob, in place: they must stay valid until `step`.
    func bind(_ index: Int32, blob: UnsafeRawBufferPointer) {
        guard let base = blob.baseAddress, !blob.isEmpty else {
            sqlite3_bind_zeroblob(handle, index, 0)
            return
        }
        sqlite3_bind_blob(handle, index, base, Int32(blob.count), nil)
    }

    /// Binds texts in place to consecutive parameters, from `first` on (inlined, so that the
    /// variadic array can stay on the stack in the import's hot loop).
    @inline(__always) func bind(from first: Int32, _ texts: UnsafeBufferPointer<UInt8>?...) {
        for (offset, text) in texts.enumerated() { bind(first + Int32(offset), text) }
    }

    /// Binds a Swift string (copied by SQLite, for the few texts not already staged as bytes).
    func bind(_ index: Int32, _ text: String?) {
        guard let text else { sqlite3_bind_null(handle, index); return }
        _ = text.withCString { sqlite3_bind_text(handle, index, $0, Int32(text.utf8.count), Self.transient) }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Runs the insert with what is bound, then clears it for the next row.
    func step() throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let error = DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
            sqlite3_reset(handle)
            throw error
        }
        sqlite3_reset(handle)
    }
}
