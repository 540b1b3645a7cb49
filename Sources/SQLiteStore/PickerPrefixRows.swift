import Foundation

/// The rows of `picker_prefixes` for one picker: every prefix (up to `length` characters) of each
/// entry's keys with the entry's rank, each (prefix, rank) once, in the table's key order (prefix
/// by its UTF-8 bytes, as SQLite compares text, then rank), so they go into the WITHOUT ROWID table
/// as appends.
///
/// Made here rather than by SQLite's sort of a scratch table: at 30,000 pairs that sort, and a set
/// of prefixes made per entry, were most of an import's time after the events (BENCHMARKS.md).
/// Each distinct prefix is numbered once, in byte order, and the rows are then plain integers to
/// sort.
struct PickerPrefixRows {
    /// The distinct prefixes, in byte order.
    private(set) var prefixes: [Substring] = []
    /// Each row: its prefix's index in `prefixes` (high 32 bits) and the rank; ascending, unique.
    private(set) var rows: [UInt64] = []

    init(keys: [[String]], upTo length: Int) {
        if keys.allSatisfy({ $0.allSatisfy(Self.isPrintableASCII) }) {
            self.init(printableASCII: keys, upTo: length)
        } else {
            self.init(anyKeys: keys, upTo: length)
        }
    }

    /// Whether each of the key's characters is one printable ASCII byte (so a prefix of n
    /// characters is one of n bytes): the pairs' and countries' keys, folded, always are.
    static func isPrintableASCII(_ key: String) -> Bool { key.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }

    /// Keys of printable ASCII alone: walked in byte order, so that each distinct prefix is met
    /// first in byte order, and numbered then, as a trie's nodes are in a walk from its root (the
    /// prefixes the key shares with the one before it keep their numbers). Nothing to hash and no
    /// prefixes to sort: at 30,000 pairs the dictionary of prefixes was most of this type's time
    /// (BENCHMARKS.md).
    init(printableASCII keys: [[String]], upTo length: Int) {
        var entries: [(key: String, rank: Int)] = []
        for (rank, entryKeys) in keys.enumerated() {
            for key in entryKeys where !key.isEmpty { entries.append((key, rank)) }
        }
        // Byte order: for ASCII, Swift's own comparison of strings is the bytes'.
        entries.sort { $0.key != $1.key ? $0.key < $1.key : $0.rank < $1.rank }
        var numbered: [UInt64] = []
        /// The numbers of the previous key's prefixes, by length - 1.
        var path: [UInt32] = []
        var previous = ""
        for (key, rank) in entries {
            let end = min(key.utf8.count, length)
            let shared = min(path.count, Self.commonPrefixLength(previous, key))
            path.removeLast(path.count - shared)
            if shared < end {
                var utf8Index = key.utf8.index(key.startIndex, offsetBy: shared)
                for _ in shared ..< end {
                    utf8Index = key.utf8.index(after: utf8Index)
                    path.append(UInt32(prefixes.count))
                    prefixes.append(key[..<utf8Index])
                }
            }
            for number in path[..<end] { numbered.append(UInt64(number) << 32 | UInt64(UInt32(rank))) }
            previous = key
        }
        numbered.sort()
        rows = Self.unique(numbered)
    }

    /// The bytes two strings begin with alike.
    private static func commonPrefixLength(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                var index = 0
                let end = min(x.count, y.count)
                while index < end && x[index] == y[index] { index += 1 }
                return index
            }
        }
    }

    /// Any keys: each distinct prefix (of characters, which may be several bytes or scalars) numbered
    /// as it is met, the numbers then put in byte order.
    init(anyKeys keys: [[String]], upTo length: Int) {
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
        rows = Self.unique(numbered)
    }

    /// A prefix shared by two keys of one entry ("r" of "rus-pak" and "russia-pakistan") once.
    private static func unique(_ sorted: [UInt64]) -> [UInt64] {
        var unique: [UInt64] = []
        unique.reserveCapacity(sorted.count)
        for row in sorted where row != unique.last { unique.append(row) }
        return unique
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
