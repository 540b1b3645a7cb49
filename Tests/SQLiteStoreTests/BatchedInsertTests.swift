import GRDB
@testable import SQLiteStore
import Testing

/// `BatchedInsert` writes every row once, in order, whatever the number of rows against the batch
/// (none, fewer, exactly one batch, one more, several), texts (empty, beyond ASCII) as given.
@Suite struct BatchedInsertTests {
    @Test("Every row once, at and around the batch's size", arguments: [0, 1, 6, 7, 8, 20])
    func rows(count: Int) throws {
        let queue = try DatabaseQueue()
        let texts = ["", "a", "ωμέγα", "東京", "tab\tand\nnewline", "x"]
        let read = try queue.write { db -> [Row] in
            try db.execute(sql: "CREATE TABLE t(k INTEGER, n INTEGER, s TEXT, d REAL)")
            let insert = BatchedInsert(db, head: "INSERT INTO t(k, n, s, d)", tuple: "(9, ?, ?, ?)", columns: 3, batch: 7)
            for index in 0..<count {
                insert.add(index)
                insert.add(Substring(texts[index % texts.count]))
                insert.add(Double(index) / 4)
                try insert.endRow()
            }
            try insert.finish()
            return try Row.fetchAll(db, sql: "SELECT k, n, s, d FROM t ORDER BY rowid")
        }
        #expect(read.count == count)
        for (index, row) in read.enumerated() {
            #expect(row[0] as Int == 9)
            #expect(row[1] as Int == index)
            #expect(row[2] as String == texts[index % texts.count])
            #expect(row[3] as Double == Double(index) / 4)
        }
    }
}
