import Foundation
import GRDB
import TimelineKit

/// Which events hold each common search key, block by block: what counts a search at ten million
/// events in milliseconds.
///
/// FTS5 counts a search by stepping through every match (`count(*) ... MATCH`), and an AND of two
/// common words by walking both doclists: at 10M, a short prefix took ~0.36 s and two words ~0.7 s
/// (BENCHMARKS.md). Here a key is an index term (`kind` 0) or a prefix of one to three characters
/// (`kind` 1, as the index's `prefix='1 2 3'`), and a search's count is the population of its
/// words' bitmaps ANDed (each word's keys ORed).
///
/// A block is `blockSize` positions. A key's block is stored only when at least `storedMinimum` of
/// its events hold the key: the table keeps the dense stretches of common keys and nothing of rare
/// ones. A count reads a key's other matches from the full-text index, over the blocks not stored,
/// where there are fewer than `storedMinimum` a block: at most a 256th of the events for any key.
///
/// A stored block is `denseBytes` bytes of bits (bit `i % 8` of byte `i / 8` is offset `i`) when it
/// holds at least `denseMinimum` positions, else its offsets ascending as little-endian UInt16,
/// whichever is smaller: the two containers of a Roaring bitmap. Hand-written: no Roaring library
/// is on the package mirror, and the format is these few lines.
enum SearchBitmaps {
    static let blockSize = 8192
    static let storedMinimum = 32
    static let denseBytes = blockSize / 8
    /// From this many offsets (2 bytes each) the bits are the smaller container.
    static let denseMinimum = denseBytes / 2

    enum Kind: Int {
        case term = 0
        case prefix = 1

        /// The FTS5 query for the events holding `key`: the term, or the prefix's words.
        func query(_ key: String) -> String {
            self == .prefix ? SearchTerms.quoted(key) + "*" : SearchTerms.quoted(key)
        }
    }

    static func createTable(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE search_bitmaps(kind INTEGER NOT NULL, key TEXT NOT NULL, block INTEGER NOT NULL, bits BLOB NOT NULL);
            CREATE UNIQUE INDEX search_bitmaps_key ON search_bitmaps(kind, key, block);
            """)
    }

    static func blockCount(events: Int) -> Int { (events + blockSize - 1) / blockSize }

    /// Calls `body` with each position a stored block holds, ascending; a block that no writer
    /// writes (a length neither container has, an offset past the block or the events, offsets
    /// out of order) is a `CorruptStore`.
    static func forEachPosition(in bits: Data, block: Int, events: Int, _ body: (Int) -> Void) throws {
        let first = block * blockSize
        let end = min(first + blockSize, events)
        func corrupt(_ problem: String) -> CorruptStore {
            StoreRows.corrupt("search_bitmaps.bits of block \(block) \(problem)")
        }
        if bits.count == denseBytes {
            for (index, byte) in bits.enumerated() where byte != 0 {
                var rest = byte
                while rest != 0 {
                    let position = first + index * 8 + rest.trailingZeroBitCount
                    guard position < end else { throw corrupt("holds position \(position), past the events") }
                    body(position)
                    rest &= rest - 1
                }
            }
            return
        }
        guard bits.count % 2 == 0, bits.count / 2 >= storedMinimum, bits.count / 2 < denseMinimum else {
            throw corrupt("is \(bits.count) bytes long, which neither container is")
        }
        var previous = -1
        var index = bits.startIndex
        while index < bits.endIndex {
            let offset = Int(bits[index]) | Int(bits[index + 1]) << 8
            index += 2
            guard offset > previous else { throw corrupt("holds offsets out of order") }
            guard first + offset < end else { throw corrupt("holds position \(first + offset), past the events") }
            body(first + offset)
            previous = offset
        }
    }

    /// The events matching `search` (every word: any of its keys), or nil when a word has no plan
    /// here (it expands to more terms than `SearchTerms.cap`, or the store has no vocabulary):
    /// the caller counts through the index then.
    static func matches(_ db: Database, _ search: SearchText, terms: SearchTerms, events: Int) throws -> PositionBits? {
        guard !search.words.isEmpty else { return PositionBits(count: events) }
        var keys: [[(Kind, String)]] = []
        for word in search.words {
            if word.unicodeScalars.count <= SearchTerms.indexedPrefix {
                keys.append([(.prefix, word)])
            } else {
                guard let expansion = try terms.terms(db, word) else { return nil }
                if expansion.isEmpty { return PositionBits(count: events) }
                keys.append(expansion.map { (.term, $0) })
            }
        }
        var result: PositionBits?
        for wordKeys in keys {
            var word = PositionBits(count: events)
            for (kind, key) in wordKeys { try union(db, kind: kind, key: key, into: &word) }
            if result == nil { result = word } else { result!.formIntersection(word) }
        }
        return result
    }

    /// ORs in the events holding one key: its stored blocks, and the index's matches between them.
    static func union(_ db: Database, kind: Kind, key: String, into bits: inout PositionBits) throws {
        let events = bits.count
        let blocks = blockCount(events: events)
        let stored = try db.cachedStatement(sql: "SELECT block, bits FROM search_bitmaps WHERE kind = ? AND key = ? ORDER BY block")
        let query = kind.query(key)
        var unread = 0
        let rows = try Row.fetchCursor(stored, arguments: [kind.rawValue, key])
        while let row = try rows.next() {
            let checked = CheckedRow(row, table: "search_bitmaps", "for \(SearchTerms.quoted(key))")
            let block = try checked.int(0, in: unread ..< blocks)
            try fromIndex(db, query, blocks: unread ..< block, into: &bits)
            let data = try checked.blob(1)
            if data.count == denseBytes {
                // Whole words at a time: a dense block is most of a common key's cost.
                try data.withUnsafeBytes { raw in
                    for index in 0 ..< denseBytes / 8 {
                        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
                        guard word != 0 else { continue }
                        let first = block * blockSize + index * 64
                        guard first < events, first + 64 <= events || word >> UInt64(events - first) == 0 else {
                            throw StoreRows.corrupt("search_bitmaps.bits of block \(block) holds a position past the events")
                        }
                        bits.formUnion(word: word, at: first)
                    }
                }
            } else {
                try forEachPosition(in: data, block: block, events: events) { bits.insert($0) }
            }
            unread = block + 1
        }
        try fromIndex(db, query, blocks: unread ..< blocks, into: &bits)
    }

    /// The index's matches of `query` in a run of blocks not stored (each with fewer than
    /// `storedMinimum` of them).
    private static func fromIndex(_ db: Database, _ query: String, blocks: Range<Int>, into bits: inout PositionBits) throws {
        guard !blocks.isEmpty else { return }
        let first = blocks.lowerBound * blockSize, end = min(blocks.upperBound * blockSize, bits.count)
        guard first < end else { return }
        let range = try db.cachedStatement(sql: "SELECT rowid FROM events_fts WHERE events_fts MATCH ? AND rowid BETWEEN ? AND ?")
        let rows = try Int.fetchCursor(range, arguments: [query, first + 1, end])
        while let rowid = try rows.next() {
            guard rowid > first, rowid <= end else { throw StoreRows.corrupt("events_fts has row \(rowid), outside \(first + 1)...\(end)") }
            bits.insert(rowid - 1)
        }
    }
}
