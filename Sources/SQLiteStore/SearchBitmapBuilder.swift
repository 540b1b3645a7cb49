import DatasetFormats
import GRDB
import TimelineKit

/// Writes `search_bitmaps` (see `SearchBitmaps`) from each event's words, in position order, on
/// the index's own thread, and hands back each event's distinct words for the full-text index.
///
/// The words are split as the index's `unicode61` tokenizer splits them: ASCII letters and digits
/// lowered, other ASCII bytes between words, and any byte from 0x80 part of a word (the builder
/// hands over text with such bytes only as `SearchWords`' folded words). Only the current block's
/// marks are held, with a few integers per key known; and the keys known are forgotten at a block's
/// start once there are more than `keptKeys` (a block's rows need only its own keys): memory does
/// not grow with the events, nor with a vocabulary that does (numbers, names or identifiers in the
/// text made 2 million distinct words at 1M events, and the builder held them all).
struct SearchBitmapBuilder {
    private var ids = SearchKeyTable()
    /// Each key's kind, then its bytes; `keyEnds[id]` ends them (they start where the previous end).
    private var keyBytes: [UInt8] = []
    private var keyEnds: [Int] = []
    /// A term's prefix keys, `prefixSlots` a term (-1: none); a prefix key's slots are all -1.
    private var prefixes: [Int32] = []
    private static let prefixSlots = SearchTerms.indexedPrefix
    /// The last position each key was marked at, so an event marks a key once.
    private var lastPosition: [Int] = []
    /// Each key's marks in the current block; the keys with any, in the order first marked.
    private var blockCounts: [Int32] = []
    private var touched: [Int32] = []
    /// The block's marks in position order: `key id << 16 | offset in the block`.
    private var marks: [UInt64] = []
    private var block = -1
    /// Scratch: a long word's bytes, a stored key's offsets grouped, a rare prefix's offsets, a
    /// block's container.
    private var long: [UInt8] = []
    private var grouped: [UInt16] = []
    private var gathered: [UInt16] = []
    private var cursors: [Int] = []
    private var container: [UInt8] = []
    /// A prefix's union in the block being written, one bit an offset.
    private var union = [UInt64](repeating: 0, count: SearchBitmaps.blockSize / 64)
    private let insert: BulkInsert
    /// Ids only spare the lookups' work from one block to the next: the vocabulary of real text
    /// stays far below this, one that grows with the events is forgotten every few blocks.
    private let keptKeys: Int
    private static let term = UInt8(SearchBitmaps.Kind.term.rawValue)
    private static let prefix = UInt8(SearchBitmaps.Kind.prefix.rawValue)

    /// Each byte as a word's byte (ASCII letters and digits lowered, bytes from 0x80 as they are),
    /// or 0 for a byte between words.
    private static let wordBytes: [UInt8] = (0 ... 255).map { byte in
        byte >= 0x80 ? UInt8(byte) : SearchText.asciiWordByte(UInt8(byte)) ?? 0
    }

    init(_ db: Database, keptKeys: Int = 1 << 18) throws {
        insert = try BulkInsert(db, sql: "INSERT INTO search_bitmaps(kind, key, block, bits) VALUES (?, ?, ?, ?)")
        self.keptKeys = keptKeys
    }

    /// Marks the keys of `words` at `position`; positions come in ascending order. Each word met
    /// for the first time in the event is appended to `distinct` (its bytes as given, a space
    /// between words): what the full-text index needs, since `detail=none` keeps only which events
    /// hold a term, and a repeat costs FTS5 a lookup.
    mutating func add(_ words: UnsafeBufferPointer<UInt8>, position: Int, distinct: inout [UInt8]) throws {
        let block = position / SearchBitmaps.blockSize
        if block != self.block {
            try flush()
            if keyEnds.count > keptKeys { forgetKeys() }
            self.block = block
        }
        let offset = UInt64(position - block * SearchBitmaps.blockSize)
        Self.wordBytes.withUnsafeBufferPointer { table in
            var index = 0
            while index < words.count {
                // A word's bytes gather in two words as they are read (the table's inline key).
                var low: UInt64 = 0, high: UInt64 = 0
                let start = index
                while index < words.count {
                    let byte = table[Int(words[index])]
                    if byte == 0 { break }
                    let length = index - start
                    if length < 8 {
                        low |= UInt64(byte) << UInt64(8 * length)
                    } else if length < 16 {
                        high |= UInt64(byte) << UInt64(8 * (length - 8))
                    }
                    index += 1
                }
                let length = index - start
                index += 1
                guard length > 0 else { continue }
                let id: Int
                if length <= SearchKeyTable.inlineBytes {
                    let next = keyEnds.count
                    if let known = ids.id(kind: Self.term, low: low, high: high, length: length, next: next) {
                        id = known
                    } else {
                        id = next
                        added(kind: Self.term, bytes: Self.bytes(low, high, length))
                    }
                } else {
                    long.removeAll(keepingCapacity: true)
                    long.append(Self.term)
                    for byte in words[start ..< start + length] { long.append(table[Int(byte)]) }
                    id = key(long)
                }
                if mark(id, offset: offset, position: position) {
                    if !distinct.isEmpty { distinct.append(32) }
                    distinct.append(contentsOf: UnsafeBufferPointer(rebasing: words[start ..< start + length]))
                }
            }
        }
    }

    /// Forgets every key (between blocks: the flushed block's marks are cleared, and the next
    /// block's keys are added again as they come).
    private mutating func forgetKeys() {
        ids.removeAll()
        keyBytes.removeAll(keepingCapacity: true)
        keyEnds.removeAll(keepingCapacity: true)
        prefixes.removeAll(keepingCapacity: true)
        lastPosition.removeAll(keepingCapacity: true)
        blockCounts.removeAll(keepingCapacity: true)
        cursors.removeAll(keepingCapacity: true)
    }

    /// Writes the last block.
    mutating func finish() throws {
        try flush()
        block = -1
    }

    /// Marks a term at an event (once). Its prefixes are not marked: a block's prefix bitmaps are
    /// its terms' unions (`flush`), a few bit operations where marking them cost three more marks
    /// a word.
    /// Whether the term is new at this event.
    private mutating func mark(_ id: Int, offset: UInt64, position: Int) -> Bool {
        guard lastPosition[id] != position else { return false }
        lastPosition[id] = position
        if blockCounts[id] == 0 { touched.append(Int32(id)) }
        blockCounts[id] += 1
        marks.append(UInt64(id) << 16 | offset)
        return true
    }

    private static func bytes(_ low: UInt64, _ high: UInt64, _ length: Int) -> [UInt8] {
        (0 ..< length).map { (index: Int) -> UInt8 in
            let word: UInt64 = index < 8 ? low : high
            let shift = UInt64(8 * (index % 8))
            return UInt8(truncatingIfNeeded: word >> shift)
        }
    }

    /// The id of a key given as its kind's byte and its bytes, added when new.
    private mutating func key(_ key: [UInt8]) -> Int {
        let next = keyEnds.count
        let length = key.count - 1
        if length <= SearchKeyTable.inlineBytes {
            var low: UInt64 = 0, high: UInt64 = 0
            for (index, byte) in key.dropFirst().enumerated() {
                if index < 8 { low |= UInt64(byte) << UInt64(8 * index) } else { high |= UInt64(byte) << UInt64(8 * (index - 8)) }
            }
            if let known = ids.id(kind: key[0], low: low, high: high, length: length, next: next) { return known }
        } else if let known = key.withUnsafeBufferPointer({ ids.id(long: $0, next: next) }) {
            return known
        }
        added(kind: key[0], bytes: key.dropFirst())
        return next
    }

    /// Records a new key (its id is the next one), with a term's prefix keys.
    private mutating func added(kind: UInt8, bytes: some Collection<UInt8>) {
        let id = keyEnds.count
        keyBytes.append(kind)
        keyBytes.append(contentsOf: bytes)
        keyEnds.append(keyBytes.count)
        lastPosition.append(-1)
        blockCounts.append(0)
        cursors.append(0)
        prefixes.append(contentsOf: repeatElement(-1, count: Self.prefixSlots))
        guard kind == Self.term else { return }
        // The term's first one, two and three characters (scalars: FTS5 counts a prefix's length
        // in characters), each a prefix key.
        var prefix: [UInt8] = [Self.prefix]
        var scalars = 0
        var slot = 0
        for byte in bytes {
            if byte & 0xC0 != 0x80 {
                if scalars > 0 {
                    let prefixID = key(prefix)
                    prefixes[id * Self.prefixSlots + slot] = Int32(prefixID)
                    slot += 1
                    if slot == Self.prefixSlots { return }
                }
                scalars += 1
            }
            prefix.append(byte)
        }
        let prefixID = key(prefix)
        prefixes[id * Self.prefixSlots + slot] = Int32(prefixID)
    }

    /// Writes the block's stored terms (those in at least `storedMinimum` of its events) and every
    /// prefix, and clears it.
    private mutating func flush() throws {
        defer {
            for id in touched { blockCounts[Int(id)] = 0 }
            touched.removeAll(keepingCapacity: true)
            marks.removeAll(keepingCapacity: true)
        }
        guard block >= 0, !marks.isEmpty else { return }
        // A counting sort of the marks by term; each term's offsets stay ascending. Afterwards a
        // term's offsets end at its cursor.
        var total = 0
        for id in touched {
            cursors[Int(id)] = total
            total += Int(blockCounts[Int(id)])
        }
        if grouped.count < total { grouped = [UInt16](repeating: 0, count: total) }
        for mark in marks {
            let key = Int(mark >> 16)
            grouped[cursors[key]] = UInt16(truncatingIfNeeded: mark)
            cursors[key] += 1
        }
        for id in touched where blockCounts[Int(id)] >= SearchBitmaps.storedMinimum {
            let key = Int(id)
            clearUnion()
            addToUnion(term: key)
            encodeUnion(population: Int(blockCounts[key]))
            try write(key)
        }
        try flushPrefixes()
    }

    /// Each prefix of the block's terms: the union of its terms' offsets, written whenever it holds
    /// an event (the index keeps no prefixes: these rows are all a short word has).
    private mutating func flushPrefixes() throws {
        // Each prefix's terms, the prefixes in the order first met (the rows' order is the same
        // from one import of a file to the next).
        var order: [Int32] = []
        var termsOfPrefix: [Int32: [Int32]] = [:]
        for id in touched {
            for slot in 0 ..< Self.prefixSlots {
                let prefix = prefixes[Int(id) * Self.prefixSlots + slot]
                guard prefix >= 0 else { break }
                if termsOfPrefix[prefix]?.append(id) == nil {
                    termsOfPrefix[prefix] = [id]
                    order.append(prefix)
                }
            }
        }
        for prefix in order {
            let key = Int(prefix), terms = termsOfPrefix[prefix]!
            let marks = terms.reduce(0, { $0 + Int(blockCounts[Int($1)]) })
            if marks < Self.gatheredMarks {
                // Few: the offsets gathered and sorted, rather than a union over the block's words
                // (most of a block's prefixes are rare ones).
                gathered.removeAll(keepingCapacity: true)
                for term in terms {
                    let end = cursors[Int(term)]
                    gathered.append(contentsOf: grouped[(end - Int(blockCounts[Int(term)])) ..< end])
                }
                if terms.count > 1 { gathered.sort() }
                container.removeAll(keepingCapacity: true)
                var previous = -1
                for offset in gathered where Int(offset) != previous {
                    container.append(UInt8(truncatingIfNeeded: offset))
                    container.append(UInt8(truncatingIfNeeded: offset >> 8))
                    previous = Int(offset)
                }
            } else {
                clearUnion()
                for term in terms { addToUnion(term: Int(term)) }
                encodeUnion(population: union.reduce(0) { $0 + $1.nonzeroBitCount })
            }
            try write(key)
        }
    }

    /// Below this many marks a prefix's offsets are gathered, not united (fewer than
    /// `SearchBitmaps.denseMinimum`: the offsets are the smaller container).
    private static let gatheredMarks = 64

    private mutating func clearUnion() {
        for index in union.indices { union[index] = 0 }
    }

    /// ORs a term's offsets in the block (grouped by `flush`) into `union`.
    private mutating func addToUnion(term: Int) {
        let end = cursors[term]
        for offset in grouped[(end - Int(blockCounts[term])) ..< end] { union[Int(offset) >> 6] |= 1 << UInt64(offset & 63) }
    }

    /// `union` as the smaller of the two containers (`SearchBitmaps`) in `container`.
    private mutating func encodeUnion(population: Int) {
        container.removeAll(keepingCapacity: true)
        if population >= SearchBitmaps.denseMinimum {
            for word in union {
                for shift in stride(from: UInt64(0), to: 64, by: 8) { container.append(UInt8(truncatingIfNeeded: word >> shift)) }
            }
            return
        }
        for (index, word) in union.enumerated() {
            var rest = word
            while rest != 0 {
                let offset = index * 64 + rest.trailingZeroBitCount
                container.append(UInt8(truncatingIfNeeded: offset))
                container.append(UInt8(truncatingIfNeeded: offset >> 8))
                rest &= rest - 1
            }
        }
    }

    /// Inserts `container` as the current block of `key`.
    private func write(_ key: Int) throws {
        let start = key == 0 ? 0 : keyEnds[key - 1]
        insert.bind(1, Int(keyBytes[start]))
        insert.bind(3, block)
        try keyBytes.withUnsafeBufferPointer { bytes in
            try container.withUnsafeBytes { blob in
                insert.bind(2, UnsafeBufferPointer(rebasing: bytes[(start + 1) ..< keyEnds[key]]))
                insert.bind(4, blob: blob)
                try insert.step()
            }
        }
    }
}
