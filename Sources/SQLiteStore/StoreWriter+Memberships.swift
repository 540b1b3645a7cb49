import DatasetFormats
import Foundation
import GRDB
import TimelineKit

extension StoreWriter.Session {
    /// `pair_events` and `pair_months` (or the country tables), gathered as the events go into the
    /// store in date order: each pair's events numbered within it, and counted per month. Once
    /// `limit` memberships are held they are spilled to a scratch file as a run (each number's
    /// positions and finished months, in one segment each), so memory stays bounded however many
    /// events there are; at the end each table is written in its key's order, pair by pair in id
    /// order, each pair's runs one after another and then what is still held. Every insert then
    /// appends at the end of the table and of its index: batches written mid-way went into the
    /// middle of tables, which cost more per event the larger they grew (BENCHMARKS.md, issue 13).
    ///
    /// Each pair's rows go in as one statement over a JSON array (`json_each`): there are several
    /// rows per event, and one prepared insert per row spent most of its time in the statement's
    /// own overhead.
    final class Memberships {
        private let ids: [Int32]
        /// Numbers in the order of their ids, so that each table's rows arrive in its key's order.
        private let byID: [Int]
        /// By number: positions not yet spilled, and finished month counts not yet spilled.
        private var positions: [[Int32]]
        private var months: [[(month: Int, count: Int)]]
        /// By number, in flat arrays: the month still counting (`noMonth`: none yet) and its count.
        /// An event touches these, not `months`, whose arrays' headers were a cache miss each.
        private var openMonth: [Int]
        private var openCount: [Int]
        private static let noMonth = Int.min
        private var monthOfDay = MonthOfDay()
        private var held = 0
        private let limit: Int?
        /// Where runs go (nil: nothing is spilled); the runs' segments by number.
        private let spill: SpillFile?
        private var runs: [[Segment]] = []
        private let insertEvents: Statement
        private let insertPackedMonths: Statement
        private let insertMonth: BulkInsert

        /// A number's positions (`positionCount` Int32s) then its finished months (`monthCount`
        /// pairs of Int64: month, count) at `offset` in the spill file.
        private struct Segment {
            var offset: Int
            var positionCount: Int
            var monthCount: Int
        }

        /// `ids`: each number's row id. `limit`: memberships held before a run is spilled to `spill`
        /// (nil, or no file: all held until the end); the pair and country lists may share one file.
        init(_ db: Database, table: String, ids: [Int32], limit: Int?, spill: SpillFile?) throws {
            self.ids = ids
            self.limit = spill == nil ? nil : limit
            self.spill = spill
            byID = ids.indices.sorted { ids[$0] < ids[$1] }
            positions = Array(repeating: [], count: ids.count)
            months = Array(repeating: [], count: ids.count)
            openMonth = Array(repeating: Self.noMonth, count: ids.count)
            openCount = Array(repeating: 0, count: ids.count)
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

        /// How many runs were spilled.
        var runCount: Int { runs.count }

        /// The event at `position` (they come in date order) belongs to `number`.
        func add(_ number: Int32, position: Int, sortDay: Int) throws {
            let number = Int(number)
            positions[number].append(Int32(position))
            held += 1
            // Days with no known start (Int.min) or no known date (Int.max) count in no month. The
            // events come in date order, so a month's events are consecutive.
            if sortDay != Int.min && sortDay != Int.max {
                let month = monthOfDay.month(ofDay: sortDay)
                if openMonth[number] == month {
                    openCount[number] += 1
                } else {
                    if openMonth[number] != Self.noMonth { months[number].append((openMonth[number], openCount[number])) }
                    openMonth[number] = month
                    openCount[number] = 1
                }
            }
            if let limit, held >= limit { try spillHeld() }
        }

        /// Writes what is held as a run; each number's open month stays held (it may still grow).
        private func spillHeld() throws {
            guard let file = spill else { return }
            var segments: [Segment] = []
            segments.reserveCapacity(ids.count)
            _ = try file.appendRun { writer in
                for number in ids.indices {
                    let done = months[number].map { [Int64($0.month), Int64($0.count)] }.joined()
                    segments.append(Segment(offset: writer.offset, positionCount: positions[number].count, monthCount: done.count / 2))
                    try positions[number].withUnsafeBytes { try writer.raw($0) }
                    try Array(done).withUnsafeBytes { try writer.raw($0) }
                    positions[number] = []
                    months[number] = []
                }
            }
            runs.append(segments)
            held = 0
        }

        /// Writes every list and month count, in key order: the runs', then what is held.
        func finish() throws {
            try spill?.flush()
            for number in byID {
                let id = Int(ids[number])
                var seq = 0
                var finished: [(month: Int, count: Int)] = []
                for run in runs {
                    let segment = run[number]
                    let (spilled, spilledMonths) = try read(segment)
                    if !spilled.isEmpty {
                        try insertEvents.execute(arguments: [id, seq, JSONArray.text(spilled)])
                        seq += spilled.count
                    }
                    finished += spilledMonths
                    if finished.count >= 4096 {
                        try writeMonths(id, finished)
                        finished = []
                    }
                }
                if !positions[number].isEmpty {
                    try insertEvents.execute(arguments: [id, seq, JSONArray.text(positions[number])])
                    positions[number] = []
                }
                finished += months[number]
                months[number] = []
                if openMonth[number] != Self.noMonth { finished.append((openMonth[number], openCount[number])) }
                openMonth[number] = Self.noMonth
                try writeMonths(id, finished)
            }
            held = 0
        }

        /// A segment's positions and months, read back from the spill file.
        private func read(_ segment: Segment) throws -> ([Int32], [(month: Int, count: Int)]) {
            guard let spill, segment.positionCount + segment.monthCount > 0 else { return ([], []) }
            var positions = [Int32](repeating: 0, count: segment.positionCount)
            var packed = [Int64](repeating: 0, count: segment.monthCount * 2)
            try positions.withUnsafeMutableBytes { try Self.read(spill, into: $0, at: segment.offset) }
            try packed.withUnsafeMutableBytes { try Self.read(spill, into: $0, at: segment.offset + segment.positionCount * 4) }
            let months = stride(from: 0, to: packed.count, by: 2).map { (month: Int(packed[$0]), count: Int(packed[$0 + 1])) }
            return (positions, months)
        }

        private static func read(_ spill: SpillFile, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws {
            var done = 0
            while done < buffer.count {
                let got = try spill.read(into: buffer.baseAddress! + done, count: buffer.count - done, at: offset + done)
                guard got > 0 else { throw StoreError(message: "\(spill.path): the import's scratch file is shorter than written", exitCode: 70) }
                done += got
            }
        }

        private func writeMonths(_ id: Int, _ done: [(month: Int, count: Int)]) throws {
            guard !done.isEmpty else { return }
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
    }
}
