import DatasetFormats
import Foundation
import GRDB
import TimelineKit

extension StoreWriter.Session {
    /// `pair_events` and `pair_months` (or the country tables), gathered as the events go into the
    /// store in date order: each pair's events numbered within it, and counted per month. Once
    /// `limit` bytes are held (`heldBytes`) they are spilled to a scratch file as a run (each
    /// number's positions and finished months, in one segment each), so memory stays bounded however
    /// many events there are; at the end each table is written in its key's order, pair by
    /// pair in id order, each pair's runs one after another and then what is still held. Every
    /// insert then appends at the end of the table and of its index: batches written mid-way went
    /// into the middle of tables, which cost more per event the larger they grew (BENCHMARKS.md,
    /// issue 13).
    ///
    /// What is held is kept in arrival order in flat arrays and grouped by number (a counting sort)
    /// only when a run is spilled or the tables are written: an array per number took a cache miss
    /// or two per event once there were tens of thousands of pairs. The rows go in through
    /// multi-row inserts (`BatchedInsert`), across pairs: a statement per pair's list cost more than
    /// its rows when most lists are short.
    final class Memberships {
        private let ids: [Int32]
        /// Numbers in the order of their ids, so that each table's rows arrive in its key's order.
        private let byID: [Int]
        /// Held memberships in arrival (position) order: each one's number and position.
        private var entryNumbers: [Int32] = []
        private var entryPositions: [Int32] = []
        /// Held finished months in the order they finished (each number's in month order).
        private var doneNumbers: [Int32] = []
        private var doneMonths: [(month: Int, count: Int)] = []
        /// By number: the month still counting (`noMonth`: none yet) and its count. It stays held
        /// across a spill: its events may continue in the next run.
        private var openMonth: [Int]
        private var openCount: [Int]
        private static let noMonth = Int.min
        private var monthOfDay = MonthOfDay()
        private let limit: Int?
        /// Where runs go (nil: nothing is spilled); the runs' segments by number.
        private let spill: SpillFile?
        private var runs: [[Segment]] = []
        private let eventRows: BatchedInsert
        private let monthRows: BatchedInsert

        /// A number's positions (`positionCount` Int32s) then its finished months (`monthCount`
        /// pairs of Int64: month, count) at `offset` in the spill file.
        private struct Segment {
            var offset: Int
            var positionCount: Int
            var monthCount: Int
        }

        /// `ids`: each number's row id. `limit`: the bytes held (`heldBytes`) before a run is spilled
        /// to `spill` (nil, or no file: all held until the end); the pair and country lists may
        /// share one file.
        init(_ db: Database, table: String, ids: [Int32], limit: Int?, spill: SpillFile?) {
            self.ids = ids
            self.limit = spill == nil ? nil : limit
            self.spill = spill
            byID = ids.indices.sorted { ids[$0] < ids[$1] }
            openMonth = Array(repeating: Self.noMonth, count: ids.count)
            openCount = Array(repeating: 0, count: ids.count)
            eventRows = BatchedInsert(db, head: "INSERT INTO \(table)_events(\(table), seq, position)", tuple: "(?, ?, ?)", columns: 3)
            monthRows = BatchedInsert(db, head: "INSERT INTO \(table)_months(\(table), month, count)", tuple: "(?, ?, ?)", columns: 3)
        }

        /// How many runs were spilled.
        var runCount: Int { runs.count }

        /// The event at `position` (they come in date order) belongs to `number`.
        func add(_ number: Int32, position: Int, sortDay: Int) throws {
            entryNumbers.append(number)
            entryPositions.append(Int32(position))
            // Days with no known start (Int.min) or no known date (Int.max) count in no month. The
            // events come in date order, so a month's events are consecutive.
            if sortDay != Int.min && sortDay != Int.max {
                let index = Int(number)
                let month = monthOfDay.month(ofDay: sortDay)
                if openMonth[index] == month {
                    openCount[index] += 1
                } else {
                    if openMonth[index] != Self.noMonth {
                        doneNumbers.append(number)
                        doneMonths.append((openMonth[index], openCount[index]))
                    }
                    openMonth[index] = month
                    openCount[index] = 1
                }
            }
            if let limit, heldBytes >= limit { try spillHeld() }
        }

        /// What is held, in the arrays' elements: 8 bytes a membership, 20 a finished month. At a
        /// spill, grouping copies them (12 and 16 bytes), and an array's capacity may be up to
        /// twice its count, so a list holds at most about four times `limit` at its peak.
        var heldBytes: Int { entryNumbers.count * 8 + doneNumbers.count * 20 }

        /// What is held, grouped by number (each number's in arrival order).
        private struct Grouped {
            /// Number n's positions are `positions[positionStart[n] ..< positionStart[n + 1]]`; its
            /// finished months likewise.
            var positionStart: [Int]
            var positions: [Int32]
            var monthStart: [Int]
            var months: [(month: Int, count: Int)]

            func positions(of number: Int) -> ArraySlice<Int32> { positions[positionStart[number] ..< positionStart[number + 1]] }
            func months(of number: Int) -> ArraySlice<(month: Int, count: Int)> { months[monthStart[number] ..< monthStart[number + 1]] }
        }

        /// Groups what is held by number and lets it go (keeping the arrays' capacity for the next
        /// run unless `last`).
        private func takeHeld(last: Bool = false) -> Grouped {
            let positions = Self.grouped(entryPositions, by: entryNumbers, numbers: ids.count, filler: 0)
            let months = Self.grouped(doneMonths, by: doneNumbers, numbers: ids.count, filler: (0, 0))
            entryNumbers.removeAll(keepingCapacity: !last)
            entryPositions.removeAll(keepingCapacity: !last)
            doneNumbers.removeAll(keepingCapacity: !last)
            doneMonths.removeAll(keepingCapacity: !last)
            return Grouped(positionStart: positions.starts, positions: positions.values, monthStart: months.starts, months: months.values)
        }

        /// `values` grouped by their `numbers` (a stable counting sort), and where each number's
        /// start, with the end as the last.
        private static func grouped<Value>(_ values: [Value], by numbers: [Int32], numbers count: Int,
                                           filler: Value) -> (starts: [Int], values: [Value]) {
            var starts = [Int](repeating: 0, count: count + 1)
            for number in numbers { starts[Int(number) + 1] += 1 }
            for index in 0..<count { starts[index + 1] += starts[index] }
            var next = starts
            var sorted = [Value](repeating: filler, count: values.count)
            for (number, value) in zip(numbers, values) {
                sorted[next[Int(number)]] = value
                next[Int(number)] += 1
            }
            return (starts, sorted)
        }

        /// Writes what is held as a run; each number's open month stays held (it may still grow).
        private func spillHeld() throws {
            guard let file = spill else { return }
            let held = takeHeld()
            var segments: [Segment] = []
            segments.reserveCapacity(ids.count)
            _ = try file.appendRun { writer in
                for number in ids.indices {
                    let positions = held.positions(of: number)
                    var months: [Int64] = []
                    months.reserveCapacity(held.months(of: number).count * 2)
                    for (month, count) in held.months(of: number) {
                        months.append(Int64(month))
                        months.append(Int64(count))
                    }
                    segments.append(Segment(offset: writer.offset, positionCount: positions.count, monthCount: months.count / 2))
                    try positions.withUnsafeBytes { try writer.raw($0) }
                    try months.withUnsafeBytes { try writer.raw($0) }
                }
            }
            runs.append(segments)
        }

        /// Writes every list and month count, in key order: the runs', then what is held.
        func finish() throws {
            try spill?.flush()
            let held = takeHeld(last: true)
            for number in byID {
                let id = Int(ids[number])
                var seq = 0
                for run in runs {
                    let (spilled, spilledMonths) = try read(run[number])
                    try writeEvents(id, &seq, spilled[...])
                    try writeMonths(id, spilledMonths[...])
                }
                try writeEvents(id, &seq, held.positions(of: number))
                try writeMonths(id, held.months(of: number))
                if openMonth[number] != Self.noMonth { try writeMonths(id, [(openMonth[number], openCount[number])]) }
                openMonth[number] = Self.noMonth
            }
            try eventRows.finish()
            try monthRows.finish()
        }

        private func writeEvents(_ id: Int, _ seq: inout Int, _ positions: ArraySlice<Int32>) throws {
            for position in positions {
                eventRows.add(id)
                eventRows.add(seq)
                eventRows.add(Int(position))
                try eventRows.endRow()
                seq += 1
            }
        }

        private func writeMonths(_ id: Int, _ months: ArraySlice<(month: Int, count: Int)>) throws {
            for (month, count) in months {
                monthRows.add(id)
                monthRows.add(month)
                monthRows.add(count)
                try monthRows.endRow()
            }
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
    }
}
