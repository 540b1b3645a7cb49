import DatasetFormats
import Foundation
import TimelineKit

/// The events of an import as they arrive, held compactly until they can be written in date order:
/// each event's columns are one `StagedEvent` (a byte string) in a few large buffers, its sort key
/// and its pair and country numbers in flat arrays. No event object outlives `append`.
///
/// Why memory and not a staging table: staging in an attached SQLite file was slower to insert
/// into, and copying its rows out in date order reads them in random order; the bytes here are
/// smaller than the JSON they came from and are read back in any order for free (BENCHMARKS.md).
final class StagedEvents: @unchecked Sendable {
    // Written by `append` only (one thread), then only read (by two threads while the store is written).
    /// The staged events, in chunks that are never reallocated: one growing array would hold its old and
    /// new buffers at once when it doubles.
    private var chunks: [[UInt8]] = []
    private let chunkSize: Int
    /// Row `r`'s event: chunk `eventPlaces[r] >> 32`, bytes from `eventPlaces[r] & 0xFFFF_FFFF`
    /// to the next event's start in that chunk, or the chunk's end.
    private var eventPlaces: [Int] = []
    private var scratch = VarintWriter([])
    private(set) var ids: [String] = []
    private(set) var sortDays: [Int] = []
    private(set) var precisions: [EDTFPrecision] = []
    /// Row `r`'s pair numbers (first-seen order) are `pairNumbers[pairStarts[r]..<pairStarts[r + 1]]`.
    private(set) var pairNumbers: [Int32] = []
    private(set) var pairStarts: [Int] = [0]
    private(set) var countryNumbers: [Int32] = []
    private(set) var countryStarts: [Int] = [0]
    /// Each row's trend category (`EventCategory` raw value) and measures (NaN: the event has none),
    /// for the rollups (`StoreWriter+Trends`).
    private(set) var categories: [UInt8] = []
    private(set) var goldstein: [Double] = []
    private(set) var tone: [Double] = []

    var count: Int { ids.count }

    /// `chunkSize`: the bytes of staged events per block (16 MB; tests use small ones to cross blocks).
    init(chunkSize: Int = 16 << 20) { self.chunkSize = chunkSize }

    /// Stages one event (`StagedEvent.encode`) with its pair and country numbers.
    func append(_ event: Event, pairs: [Int32], countries: [Int32]) {
        ids.append(event.id)
        sortDays.append(event.date.sortDay)
        precisions.append(event.date.precision)
        pairNumbers.append(contentsOf: pairs)
        pairStarts.append(pairNumbers.count)
        countryNumbers.append(contentsOf: countries)
        countryStarts.append(countryNumbers.count)
        categories.append(UInt8(EventClassification.category(of: event.facts).rawValue))
        let measures = TrendMeasure.values(of: event.attributes)
        goldstein.append(measures.goldstein ?? .nan)
        tone.append(measures.tone ?? .nan)

        var out = scratch
        scratch = VarintWriter([])
        out.bytes.removeAll(keepingCapacity: true)
        StagedEvent.encode(event, into: &out)
        if chunks.isEmpty || chunks[chunks.count - 1].count + out.bytes.count > chunks[chunks.count - 1].capacity {
            var chunk: [UInt8] = []
            chunk.reserveCapacity(max(chunkSize, out.bytes.count))
            chunks.append(chunk)
        }
        let last = chunks.count - 1
        eventPlaces.append(last << 32 | chunks[last].count)
        chunks[last].append(contentsOf: out.bytes)
        scratch = out
    }

    /// Appends another's events after these (staged on another thread, for the rows that follow).
    func append(contentsOf other: StagedEvents) {
        let chunkOffset = chunks.count
        chunks += other.chunks
        eventPlaces += other.eventPlaces.map { $0 + chunkOffset << 32 }
        ids += other.ids
        sortDays += other.sortDays
        precisions += other.precisions
        pairStarts += other.pairStarts.dropFirst().map { $0 + pairNumbers.count }
        pairNumbers += other.pairNumbers
        countryStarts += other.countryStarts.dropFirst().map { $0 + countryNumbers.count }
        countryNumbers += other.countryNumbers
        categories += other.categories
        goldstein += other.goldstein
        tone += other.tone
    }

    /// Calls `body` with row `row`'s event (its texts valid only during the call).
    func withEvent<T>(_ row: Int, _ body: (StagedEvent) throws -> T) rethrows -> T {
        let place = eventPlaces[row], chunk = place >> 32, start = place & 0xFFFF_FFFF
        let next = row + 1 < eventPlaces.count ? eventPlaces[row + 1] : -1
        let end = next >> 32 == chunk ? next & 0xFFFF_FFFF : chunks[chunk].count
        return try chunks[chunk].withUnsafeBufferPointer { buffer in
            try body(StagedEvent(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end])))
        }
    }

    /// Reads one byte of every cache line of row `row`'s staged event, all at once, so that it is in
    /// the cache when it is decoded a little later: the rows are read in date order, random in
    /// memory, and otherwise each of an event's cache lines is waited for in turn as its fields are
    /// read. The sum only keeps the reads from being optimized away.
    func prefetch(_ row: Int) -> UInt8 {
        let place = eventPlaces[row], chunk = place >> 32, start = place & 0xFFFF_FFFF
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

    /// Row numbers (file order) in `Timeline`'s order: sort day, finer precision first, then id.
    func chronologicalOrder() -> [Int32] {
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
