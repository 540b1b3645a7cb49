import GRDB

/// An INSERT whose rows go `batch` at a time to one statement of that many VALUES tuples. For
/// tables of millions of short rows (the pair and country lists, the pickers' prefixes, the trend
/// rollups), a statement a row spent about as long in stepping and resetting it as in the inserts.
/// Texts are copied into the batch's own buffer and bound in place when the batch is sent.
final class BatchedInsert {
    private enum Value {
        case int(Int), double(Double), text(Range<Int>)
    }

    private let db: Database
    private let head: String
    private let tuple: String
    private let columns: Int
    private let batch: Int
    private var full: BulkInsert?
    private var values: [Value] = []
    private var bytes: [UInt8] = []

    /// `head`: the statement up to VALUES (`INSERT INTO t(a, b)`); `tuple`: one row's VALUES tuple
    /// with `columns` parameters (`(1, ?, ?)`).
    init(_ db: Database, head: String, tuple: String, columns: Int, batch: Int = 128) {
        self.db = db
        self.head = head
        self.tuple = tuple
        self.columns = columns
        self.batch = batch
        values.reserveCapacity(columns * batch)
    }

    func add(_ value: Int) { values.append(.int(value)) }
    func add(_ value: Double) { values.append(.double(value)) }
    func add(_ text: Substring) {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        values.append(.text(start..<bytes.count))
    }

    /// Ends a row (its `columns` values added); sends the batch when it is full.
    func endRow() throws {
        guard values.count >= columns * batch else { return }
        if full == nil { full = try statement(rows: batch) }
        try send(full!)
    }

    /// Sends the rows not sent yet.
    func finish() throws {
        guard !values.isEmpty else { return }
        try send(statement(rows: values.count / columns))
    }

    private func statement(rows: Int) throws -> BulkInsert {
        try BulkInsert(db, sql: head + " VALUES " + Array(repeating: tuple, count: rows).joined(separator: ", "))
    }

    private func send(_ insert: BulkInsert) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            for (index, value) in values.enumerated() {
                let parameter = Int32(index + 1)
                switch value {
                case .int(let number): insert.bind(parameter, number)
                case .double(let number): insert.bind(parameter, number)
                case .text(let range): insert.bind(parameter, UnsafeBufferPointer(rebasing: buffer[range]))
                }
            }
            try insert.step()
        }
        values.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
    }
}
