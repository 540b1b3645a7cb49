import DatasetFormats
import Foundation
import GRDB
import TimelineKit

extension StoreWriter.Session {
    /// `pair_events` and `pair_months` (or the country tables), gathered as the events go into the
    /// store in date order: each pair's events numbered within it, and counted per month. They are
    /// written in batches once `limit` memberships are held (and at the end), so memory stays
    /// bounded however many events there are; each batch goes pair by pair in id order.
    ///
    /// Each pair's rows of a batch go in as one statement over a JSON array (`json_each`): there are
    /// several rows per event, and one prepared insert per row spent most of its time in the
    /// statement's own overhead.
    final class Memberships {
        private let ids: [Int32]
        /// Numbers in the order of their ids, so that each table's rows arrive in its key's order.
        private let byID: [Int]
        /// By number: positions not yet written, how many were, and month counts not yet written
        /// (the last one may still grow).
        private var positions: [[Int32]]
        private var written: [Int]
        private var months: [[(month: Int, count: Int)]]
        private var held = 0
        private let limit: Int?
        private let insertEvents: Statement
        private let insertPackedMonths: Statement
        private let insertMonth: BulkInsert

        /// `ids`: each number's row id. `limit`: memberships held before a batch is written (nil: all at the end).
        init(_ db: Database, table: String, ids: [Int32], limit: Int?) throws {
            self.ids = ids
            self.limit = limit
            byID = ids.indices.sorted { ids[$0] < ids[$1] }
            positions = Array(repeating: [], count: ids.count)
            written = Array(repeating: 0, count: ids.count)
            months = Array(repeating: [], count: ids.count)
            insertEvents = try db.makeStatement(sql: """
                INSERT INTO \(table)_events(\(table), seq, position) SELECT ?, ? + key, value FROM json_each(?)
                """)
            // A month and its count travel as one integer, month * 2^32 + count, when the month fits in
            // 31 bits (years within ±178 million); deep time (a TimelineJS Big Bang) goes row by row.
            insertPackedMonths = try db.makeStatement(sql: """
                INSERT INTO \(table)_months(\(table), month, count)
                SELECT ?, (value - (value & 4294967295)) / 4294967296, value & 4294967295 FROM json_each(?)
                """)
            insertMonth = try BulkInsert(db, sql: "INSERT INTO \(table)_months(\(table), month, count) VALUES (?, ?, ?)")
        }

        /// The event at `position` (they come in date order) belongs to `number`.
        func add(_ number: Int32, position: Int, sortDay: Int) throws {
            let number = Int(number)
            positions[number].append(Int32(position))
            held += 1
            // Days with no known start (Int.min) or no known date (Int.max) count in no month. The
            // events come in date order, so a month's events are consecutive.
            if sortDay != Int.min && sortDay != Int.max {
                let month = MonthCount.month(ofDay: sortDay)
                if months[number].last?.month == month { months[number][months[number].count - 1].count += 1 } else { months[number].append((month, 1)) }
            }
            if let limit, held >= limit { try write(final: false) }
        }

        /// Writes what is held; months still open stay unless `final`.
        func write(final: Bool) throws {
            for number in byID {
                let id = Int(ids[number])
                if !positions[number].isEmpty {
                    try insertEvents.execute(arguments: [id, written[number], JSONArray.text(positions[number])])
                    written[number] += positions[number].count
                    positions[number] = []
                }
                let open = final ? nil : months[number].popLast()
                let done = months[number]
                months[number] = open.map { [$0] } ?? []
                guard !done.isEmpty else { continue }
                if done.allSatisfy({ Int32(exactly: $0.month) != nil }) {
                    try insertPackedMonths.execute(arguments: [id, JSONArray.text(done.map { $0.month << 32 + $0.count })])
                } else {
                    for (month, count) in done {
                        insertMonth.bind(1, id)
                        insertMonth.bind(2, month)
                        insertMonth.bind(3, count)
                        try insertMonth.step()
                    }
                }
            }
            held = 0
        }
    }
}
