import DatasetFormats
import Foundation
import TimelineKit

/// The events of an import as they arrive, held compactly until they can be written in date order:
/// each event is one `StagedRecord` (a byte string: its file-order row, sort key, pair and country
/// numbers, then its columns as a `StagedEvent`) in a few large buffers, its sort key in flat arrays.
/// No event object outlives `append`.
///
/// With a memory budget and a spill file (a store written to a file), once the held records reach
/// the budget they are sorted and written to the file as one run, and the buffers start again; at
/// the end the runs are merged in date order as they are read (`StagedRuns`), so memory stays
/// bounded whatever the number of events. Below the budget nothing touches the disk.
///
/// Why memory and not a staging table: staging in an attached SQLite file was slower to insert
/// into, and copying its rows out in date order reads them in random order; the bytes here are
/// smaller than the JSON they came from and are read back in any order for free (BENCHMARKS.md).
final class StagedEvents: @unchecked Sendable {
    // Written by `append` only (one thread), then only read (by two threads while the store is written).
    /// The held records, in chunks that are never reallocated: one growing array would hold its old
    /// and new buffers at once when it doubles.
    private var chunks: [[UInt8]] = []
    /// The chunks of the runs spilled so far, emptied for the next run: new memory is a page fault
    /// per page as it is first written (a fifth of a large import's system time, BENCHMARKS.md).
    private var spareChunks: [[UInt8]] = []
    private let chunkSize: Int
    /// Held record `r`: chunk `places[r] >> 32`, bytes from `places[r] & 0xFFFF_FFFF` to the next
    /// record's start in that chunk, or the chunk's end.
    private var places: [Int] = []
    private var scratch = VarintWriter([])
    private var ids: [String] = []
    private var sortDays: [Int] = []
    private var precisions: [EDTFPrecision] = []
    /// What the held records take: their chunks, and per record its place, key and sort entry.
    private var heldBytes = 0
    /// Per held record besides its bytes: place 8, id 16, day 8, precision 1, and the sort's
    /// (key, row) 16 and order 4, rounded up.
    private static let perRecordBytes = 56

    /// Spill once the held records take this many bytes (nil: never, a store in memory).
    var budget: Int?
    let spill: SpillFile?
    /// The runs written to `spill`, each sorted, in the order written.
    private(set) var runs: [SpillFile.Run] = []
    /// The file-order row of the next event appended.
    private var nextRow: Int
    /// Events staged, held or spilled.
    private(set) var count = 0
    /// The held records in date order, once sealed with nothing spilled.
    private var order: [Int32] = []

    /// `chunkSize`: the bytes of records per block (16 MB, less under a small budget; tests use
    /// small ones to cross blocks). `firstRow`: the file-order row of the first event appended
    /// (another thread stages the second half of a dataset).
    init(budget: Int? = nil, spill: SpillFile? = nil, firstRow: Int = 0, chunkSize: Int? = nil) {
        self.budget = budget
        self.spill = spill
        self.nextRow = firstRow
        self.chunkSize = chunkSize ?? min(16 << 20, max(4096, (budget ?? Int.max) / 16))
    }

    /// Stages one event with its pair and country numbers; spills the held records as a run when
    /// they reach the budget.
    func append(_ event: Event, pairs: [Int32], countries: [Int32]) throws {
        let sortDay = event.date.sortDay
        var out = scratch
        scratch = VarintWriter([])
        out.bytes.removeAll(keepingCapacity: true)
        StagedRecord.encode(row: nextRow, sortDay: sortDay, precision: event.date.precision,
                            pairs: pairs, countries: countries, event: event, into: &out)
        nextRow += 1
        count += 1
        ids.append(event.id)
        sortDays.append(sortDay)
        precisions.append(event.date.precision)
        // A long id's characters live in their own allocation.
        heldBytes += Self.perRecordBytes + (event.id.utf8.count > 15 ? event.id.utf8.count + 32 : 0)
        if chunks.isEmpty || chunks[chunks.count - 1].count + out.bytes.count > chunks[chunks.count - 1].capacity {
            var chunk = spareChunks.popLast() ?? []
            chunk.reserveCapacity(max(chunkSize, out.bytes.count))
            heldBytes += chunk.capacity
            chunks.append(chunk)
        }
        let last = chunks.count - 1
        places.append(last << 32 | chunks[last].count)
        chunks[last].append(contentsOf: out.bytes)
        scratch = out
        if let budget, spill != nil, heldBytes >= budget { try spillHeld() }
    }

    /// Takes another's events after these (staged on another thread, for the rows that follow):
    /// its held records and its runs.
    func append(contentsOf other: StagedEvents) {
        let chunkOffset = chunks.count
        chunks += other.chunks
        places += other.places.map { $0 + chunkOffset << 32 }
        ids += other.ids
        sortDays += other.sortDays
        precisions += other.precisions
        heldBytes += other.heldBytes
        runs += other.runs
        count += other.count
        nextRow = max(nextRow, other.nextRow)
    }

    /// Staging is over: with runs on disk, the held records become the last run (and their memory
    /// is given back before the merge needs its own); else they are sorted where they are.
    func seal() throws {
        if runs.isEmpty {
            order = heldOrder()
        } else {
            if !places.isEmpty { try spillHeld() }
            // Given back before the merge needs its own.
            spareChunks = []
            (places, ids, sortDays, precisions) = ([], [], [], [])
            try spill?.flush()
        }
    }

    /// Whether the events went through the spill file (`seal` decides).
    var spilled: Bool { !runs.isEmpty }

    /// Calls `body` with each staged event in `Timeline`'s order (sort day, finer precision first,
    /// then id) and its position: from memory, or merging the runs. Each call reads on its own, so
    /// two threads may each go through the events at once. The record is valid only during the call.
    func forEachInOrder(_ body: (_ position: Int, StagedRecord) throws -> Void) throws {
        if runs.isEmpty {
            // The records are read in date order, random in memory: each is brought into the cache a
            // few rows ahead (`prefetch`), else each of its cache lines is waited for in turn.
            let lookahead = 8
            var touched: UInt8 = 0
            for (position, held) in order.enumerated() {
                if position + lookahead < order.count { touched &+= prefetch(Int(order[position + lookahead])) }
                try withHeld(Int(held)) { try body(position, StagedRecord(decoding: $0)) }
            }
            Self.keep(touched)
            return
        }
        guard let spill else { return }
        let merge = try StagedRuns(file: spill, runs: runs, bufferBytes: Self.mergeBufferBytes(budget: budget, runs: runs.count))
        var position = 0
        while let record = try merge.next() {
            try body(position, StagedRecord(decoding: record))
            position += 1
        }
    }

    /// Each run's read buffer: the two merges (events and full-text index) share an eighth of the
    /// budget, at least 64 KB a run so that reads stay large.
    static func mergeBufferBytes(budget: Int?, runs: Int) -> Int {
        max(64 << 10, min(8 << 20, (budget ?? 0) / 16 / max(1, runs)))
    }

    /// Takes the prefetch's sum, so that its reads are made.
    @_optimize(none) @inline(never) private static func keep(_: UInt8) {}

    // MARK: - Held records

    /// Writes the held records in date order to the spill file as one run and lets go of them.
    private func spillHeld() throws {
        guard let spill else { return }
        let sorted = heldOrder()
        let run = try spill.appendRun { writer in
            for held in sorted { try withHeld(Int(held)) { try writer.record($0) } }
        }
        runs.append(run)
        // The next run fills the same memory (each chunk taken out whole, so that emptying it
        // keeps its buffer rather than copying an empty one).
        while var chunk = chunks.popLast() {
            chunk.removeAll(keepingCapacity: true)
            spareChunks.append(chunk)
        }
        places.removeAll(keepingCapacity: true)
        ids.removeAll(keepingCapacity: true)
        sortDays.removeAll(keepingCapacity: true)
        precisions.removeAll(keepingCapacity: true)
        heldBytes = 0
    }

    private func withHeld<T>(_ held: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let place = places[held], chunk = place >> 32, start = place & 0xFFFF_FFFF
        let next = held + 1 < places.count ? places[held + 1] : -1
        let end = next >> 32 == chunk ? next & 0xFFFF_FFFF : chunks[chunk].count
        return try chunks[chunk].withUnsafeBufferPointer { buffer in
            try body(UnsafeBufferPointer(rebasing: buffer[start..<end]))
        }
    }

    /// Reads one byte of every cache line of a held record, all at once, so that it is in the cache
    /// when it is decoded a little later. The sum only keeps the reads from being optimized away.
    private func prefetch(_ held: Int) -> UInt8 {
        let place = places[held], chunk = place >> 32, start = place & 0xFFFF_FFFF
        return chunks[chunk].withUnsafeBufferPointer { buffer in
            var sum: UInt8 = 0
            var offset = start
            let end = min(buffer.count, start + 512)
            while offset < end {
                sum &+= buffer[offset]
                offset += 64
            }
            return sum
        }
    }

    /// The held records (by their index among the held) in `Timeline`'s order: sort day, finer
    /// precision first, then id.
    private func heldOrder() -> [Int32] {
        let count = places.count
        // Day and precision packed into one integer compare most pairs without touching the ids.
        let bias = 1 << 54
        let packable = sortDays.allSatisfy { $0 == Int.min || $0 == Int.max || ($0 > -bias && $0 < bias) }
        guard packable else {
            return (0..<Int32(count)).sorted { a, b in
                ChronologicalKey(day: sortDays[Int(a)], precision: precisions[Int(a)], id: ids[Int(a)])
                    < ChronologicalKey(day: sortDays[Int(b)], precision: precisions[Int(b)], id: ids[Int(b)])
            }
        }
        var keyed = [(key: UInt64, row: Int32)]()
        keyed.reserveCapacity(count)
        for row in 0..<count {
            let day = sortDays[row]
            let biased: UInt64 = day == Int.min ? 0 : day == Int.max ? UInt64(1) << 56 - 1 : UInt64(day + bias)
            keyed.append((biased << 8 | UInt64(precisions[row].rawValue), Int32(row)))
        }
        keyed.sort { a, b in a.key != b.key ? a.key < b.key : ids[Int(a.row)] < ids[Int(b.row)] }
        return keyed.map(\.row)
    }
}
