import Foundation

/// The rows of `picker_prefixes` for one picker: every prefix (up to `length` characters) of each
/// entry's keys with the entry's rank, each (prefix, rank) once, in the table's key order (prefix
/// by its UTF-8 bytes, as SQLite compares text, then rank), so they go into the WITHOUT ROWID table
/// as appends.
///
/// Made here rather than by SQLite's sort of a scratch table: at 30,000 pairs that sort, and a set
/// of prefixes made per entry, were most of an import's time after the events (BENCHMARKS.md).
/// Each distinct prefix is numbered once, the numbers are put in byte order, and the rows are then
/// plain integers to sort.
struct PickerPrefixRows {
    /// The distinct prefixes, in byte order.
    private(set) var prefixes: [Substring] = []
    /// Each row: its prefix's index in `prefixes` (high 32 bits) and the rank; ascending, unique.
    private(set) var rows: [UInt64] = []

    init(keys: [[String]], upTo length: Int) {
        var number: [Substring: UInt32] = [:]
        var found: [Substring] = []
        var numbered: [UInt64] = []
        for (rank, entryKeys) in keys.enumerated() {
            for key in entryKeys {
                var end = key.startIndex
                for _ in 0..<length where end < key.endIndex {
                    end = key.index(after: end)
                    let prefix = key[..<end]
                    let id: UInt32
                    if let known = number[prefix] {
                        id = known
                    } else {
                        id = UInt32(found.count)
                        number[prefix] = id
                        found.append(prefix)
                    }
                    numbered.append(UInt64(id) << 32 | UInt64(UInt32(rank)))
                }
            }
        }
        number = [:]
        let order = found.indices.sorted { Self.precedes(found[$0], found[$1]) }
        var place = [UInt32](repeating: 0, count: found.count)
        for (sortedIndex, id) in order.enumerated() { place[id] = UInt32(sortedIndex) }
        prefixes = order.map { found[$0] }
        for index in numbered.indices {
            let row = numbered[index]
            numbered[index] = UInt64(place[Int(row >> 32)]) << 32 | (row & 0xFFFF_FFFF)
        }
        numbered.sort()
        // A prefix shared by two keys of one entry ("r" of "rus-pak" and "russia-pakistan") once.
        var unique: [UInt64] = []
        unique.reserveCapacity(numbered.count)
        for row in numbered where row != unique.last { unique.append(row) }
        rows = unique
    }

    /// Byte order, by `memcmp` of the contiguous UTF-8 (the generic comparison of UTF-8 views was
    /// most of this type's time at 30,000 pairs).
    static func precedes(_ a: Substring, _ b: Substring) -> Bool {
        let compared = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                guard let p = x.baseAddress, let q = y.baseAddress else { return x.count < y.count }
                let common = memcmp(p, q, min(x.count, y.count))
                return common != 0 ? common < 0 : x.count < y.count
            }
        }
        return (compared ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Each row's prefix and rank, in order.
    func forEach(_ body: (Substring, Int) throws -> Void) rethrows {
        for row in rows { try body(prefixes[Int(row >> 32)], Int(row & 0xFFFF_FFFF)) }
    }
}
