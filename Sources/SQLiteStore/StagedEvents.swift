import DatasetFormats
import Foundation
import TimelineKit

/// The events of an import as they arrive, held compactly until they can be written in date order:
/// each event's columns are one record in a single byte buffer, its sort key and its pair and
/// country numbers in flat arrays. No event object outlives `append`.
///
/// Why memory and not a staging table: at 1M synthetic events (644 MB of JSON) staging in an
/// attached SQLite file and copying the rows out in date order took 15.7 s to insert and 5.3 s to
/// copy (the copy reads the staged rows in random order); the records here take about 0.7 bytes per
/// byte of JSON and are read back in any order for free.
final class StagedEvents: @unchecked Sendable {
    // Written by `append` only (one thread), then only read (by two threads while the store is written).
    /// The records, in chunks that are never reallocated: one growing array would hold its old and
    /// new buffers at once when it doubles (1.5x its size at the peak).
    private var chunks: [[UInt8]] = []
    private let chunkSize: Int
    /// Row `r`'s record: chunk `recordPlaces[r] >> 32`, bytes from `recordPlaces[r] & 0xFFFF_FFFF`
    /// to the next record's start in that chunk, or the chunk's end.
    private var recordPlaces: [Int] = []
    private var scratch = RecordWriter([])
    private(set) var ids: [String] = []
    private(set) var sortDays: [Int] = []
    private(set) var precisions: [EDTFPrecision] = []
    /// Row `r`'s pair numbers (first-seen order) are `pairNumbers[pairStarts[r]..<pairStarts[r + 1]]`.
    private(set) var pairNumbers: [Int32] = []
    private(set) var pairStarts: [Int] = [0]
    private(set) var countryNumbers: [Int32] = []
    private(set) var countryStarts: [Int] = [0]

    var count: Int { ids.count }

    /// `chunkSize`: the bytes of records per block (16 MB; tests use small ones to cross blocks).
    init(chunkSize: Int = 16 << 20) { self.chunkSize = chunkSize }

    /// One event's columns, in the order `Record` reads them.
    func append(_ event: Event, pairs: [Int32], countries: [Int32]) {
        ids.append(event.id)
        sortDays.append(event.date.sortDay)
        precisions.append(event.date.precision)
        pairNumbers.append(contentsOf: pairs)
        pairStarts.append(pairNumbers.count)
        countryNumbers.append(contentsOf: countries)
        countryStarts.append(countryNumbers.count)

        let range = event.date.filterRange
        var out = scratch
        scratch = RecordWriter([])
        out.bytes.removeAll(keepingCapacity: true)
        out.text(event.id)
        out.text(event.date.text)
        out.int(range.lowerBound)
        out.int(range.upperBound)
        out.text(event.title)
        out.text(event.summary)
        out.text(event.kind)
        out.text(event.status.rawValue)
        out.text(event.participants.modeName)
        out.text(Self.participants(event.participants))
        out.text(event.place?.name)
        out.text(event.place?.country?.alpha3)
        out.text(event.tags.isEmpty ? nil : event.tags.joined(separator: StoreSchema.listSeparator))
        out.text(Self.indices(event.sources))
        out.text(Self.indices(event.people))
        out.text(event.attributes.isEmpty ? nil : JSONWriter.attributes(event.attributes))
        out.int(event.notes.count)
        for note in event.notes {
            out.text(note.text)
            out.text(Self.indices(note.sources))
        }
        if chunks.isEmpty || chunks[chunks.count - 1].count + out.bytes.count > chunks[chunks.count - 1].capacity {
            var chunk: [UInt8] = []
            chunk.reserveCapacity(max(chunkSize, out.bytes.count))
            chunks.append(chunk)
        }
        let last = chunks.count - 1
        recordPlaces.append(last << 32 | chunks[last].count)
        chunks[last].append(contentsOf: out.bytes)
        scratch = out
    }

    /// Appends another's events after these (staged on another thread, for the rows that follow).
    func append(contentsOf other: StagedEvents) {
        let chunkOffset = chunks.count
        chunks += other.chunks
        recordPlaces += other.recordPlaces.map { $0 + chunkOffset << 32 }
        ids += other.ids
        sortDays += other.sortDays
        precisions += other.precisions
        pairStarts += other.pairStarts.dropFirst().map { $0 + pairNumbers.count }
        pairNumbers += other.pairNumbers
        countryStarts += other.countryStarts.dropFirst().map { $0 + countryNumbers.count }
        countryNumbers += other.countryNumbers
    }

    static func indices(_ list: [Int]) -> String { list.map(String.init).joined(separator: ",") }
    static func codes(_ list: [Country]) -> String { list.map(\.alpha3).joined(separator: ",") }

    /// The `participants` column: codes, with '>' between actors and targets.
    static func participants(_ participants: Participants) -> String {
        switch participants {
        case .mutual(let countries): return codes(countries)
        case .directed(let from, let to): return codes(from) + ">" + codes(to)
        case .hub(let hub, let spokes): return hub.alpha3 + ">" + codes(spokes)
        case .none: return ""
        }
    }

    /// Calls `body` with row `row`'s record (valid only during the call).
    func withRecord<T>(_ row: Int, _ body: (inout Record) throws -> T) rethrows -> T {
        let place = recordPlaces[row], chunk = place >> 32, start = place & 0xFFFF_FFFF
        let next = row + 1 < recordPlaces.count ? recordPlaces[row + 1] : -1
        let end = next >> 32 == chunk ? next & 0xFFFF_FFFF : chunks[chunk].count
        return try chunks[chunk].withUnsafeBufferPointer { buffer in
            var record = Record(bytes: UnsafeBufferPointer(rebasing: buffer[start..<end]))
            return try body(&record)
        }
    }

    /// Reads one byte of every cache line of row `row`'s record, all at once, so that the record is
    /// in the cache when it is read field by field a little later: the rows are read in date order,
    /// random in memory, and field by field each of a record's lines missed the cache in turn (the
    /// wait for them was 10% of writing the events at 1M). The sum only keeps the reads.
    func prefetch(_ row: Int) -> UInt8 {
        let place = recordPlaces[row], chunk = place >> 32, start = place & 0xFFFF_FFFF
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
        // Day and precision packed into one integer compare most pairs without touching the ids;
        // at 1M events the sort took 0.13 s.
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

/// Appends a record's fields: a text as its UTF-8 length + 1 then its bytes (0 for NULL), an
/// integer zigzag-encoded, both as LEB128 varints.
struct RecordWriter {
    var bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func int(_ value: Int) { varint(UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))) }

    mutating func text(_ value: String?) {
        guard var value else { varint(0); return }
        value.withUTF8 { utf8 in
            varint(UInt64(utf8.count) + 1)
            bytes.append(contentsOf: utf8)
        }
    }
}

/// Reads a record's fields in the order they were written.
struct Record {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func varint() -> UInt64 {
        var value: UInt64 = 0, shift: UInt64 = 0
        while true {
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int() -> Int {
        let raw = varint()
        return Int(Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1))
    }

    /// A text's UTF-8 bytes (nil for NULL), pointing into the record.
    mutating func text() -> UnsafeBufferPointer<UInt8>? {
        let length = Int(varint())
        guard length > 0 else { return nil }
        let start = index
        index += length - 1
        return UnsafeBufferPointer(rebasing: bytes[start..<index])
    }
}
