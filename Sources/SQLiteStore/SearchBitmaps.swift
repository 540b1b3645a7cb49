import Foundation
import GRDB
import TimelineKit

/// Which events hold each search key, block by block: what counts a search at ten million events
/// in milliseconds, and what answers every word of one to three characters.
///
/// FTS5 counts a search by stepping through every match (`count(*) ... MATCH`), and an AND of two
/// common words by walking both doclists: at 10M, a short prefix took ~0.36 s and two words ~0.7 s
/// (BENCHMARKS.md). Here a key is an index term (`kind` 0) or a prefix of one to three characters
/// (`kind` 1), and a search's count is the population of its words' bitmaps ANDed (each word's
/// keys ORed).
///
/// A block is `blockSize` positions. A term's block is stored only when at least `storedMinimum`
/// of its events hold the term: the table keeps the dense stretches of common terms and nothing of
/// rare ones, whose other matches a count reads from the full-text index, over the blocks not
/// stored, where there are fewer than `storedMinimum` a block: at most a 256th of the events for
/// any term. A prefix's every block with an event is stored (`Kind.storedMinimum`): the index
/// keeps no prefixes (an FTS5 prefix index made building it several times slower, BENCHMARKS.md),
/// so these rows are all there is of a short word (`PrefixWords`).
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

        /// The FTS5 query for the events holding `key`: the term, or the prefix's words (a prefix
        /// query the index answers by merging every such term's events: `validate` alone asks it).
        func query(_ key: String) -> String {
            self == .prefix ? SearchTerms.quoted(key) + "*" : SearchTerms.quoted(key)
        }

        /// The fewest events a stored block of this kind holds.
        var storedMinimum: Int { self == .term ? SearchBitmaps.storedMinimum : 1 }
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
    static func forEachPosition(in bits: Data, kind: Kind, block: Int, events: Int, _ body: (Int) -> Void) throws {
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
        guard bits.count % 2 == 0, bits.count / 2 >= kind.storedMinimum, bits.count / 2 < denseMinimum else {
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

    /// ORs in the events holding one key: its stored blocks, and, for a term, the index's matches
    /// between them (a prefix's blocks are all stored).
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
            if kind == .term { try fromIndex(db, query, blocks: unread ..< block, into: &bits) }
            let words = try blockWords(try checked.blob(1), kind: kind, block: block, events: events)
            for (index, word) in words.enumerated() where word != 0 { bits.formUnion(word: word, at: block * blockSize + index * 64) }
            unread = block + 1
        }
        if kind == .term { try fromIndex(db, query, blocks: unread ..< blocks, into: &bits) }
    }

    /// One stored block of a key as `blockSize / 64` words of bits (bit `i % 64` of word `i / 64`
    /// is offset `i`), or nil when the block is not stored.
    static func block(_ db: Database, kind: Kind, key: String, block: Int, events: Int) throws -> [UInt64]? {
        let statement = try db.cachedStatement(sql: "SELECT bits FROM search_bitmaps WHERE kind = ? AND key = ? AND block = ?")
        guard let row = try Row.fetchOne(statement, arguments: [kind.rawValue, key, block]) else { return nil }
        return try blockWords(try CheckedRow(row, table: "search_bitmaps", "for \(SearchTerms.quoted(key))").blob(0),
                              kind: kind, block: block, events: events)
    }

    /// The nearest stored block of a key from `block` on (or back from it).
    static func nearestStoredBlock(_ db: Database, kind: Kind, key: String, from block: Int, forward: Bool, events: Int) throws -> Int? {
        let sql = forward
            ? "SELECT block FROM search_bitmaps WHERE kind = ? AND key = ? AND block >= ? ORDER BY block LIMIT 1"
            : "SELECT block FROM search_bitmaps WHERE kind = ? AND key = ? AND block <= ? ORDER BY block DESC LIMIT 1"
        return try CheckedRow.ints(db, "search_bitmaps.block for \(SearchTerms.quoted(key))", sql: sql,
                                   arguments: [kind.rawValue, key, block], in: 0 ..< blockCount(events: events), cached: true).first
    }

    /// A stored block's container as words of bits; a container that no writer writes is a
    /// `CorruptStore` (as `forEachPosition`).
    static func blockWords(_ data: Data, kind: Kind, block: Int, events: Int) throws -> [UInt64] {
        var words = [UInt64](repeating: 0, count: blockSize / 64)
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
                    words[index] = word
                }
            }
        } else {
            let first = block * blockSize
            try forEachPosition(in: data, kind: kind, block: block, events: events) { position in
                let offset = position - first
                words[offset >> 6] |= 1 << UInt64(offset & 63)
            }
        }
        return words
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
