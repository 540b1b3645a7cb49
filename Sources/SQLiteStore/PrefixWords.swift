import GRDB

/// The words of a search of one to three characters, answered from the prefix bitmaps alone
/// (`SearchBitmaps`, kind 1, whose every block with an event is stored): the full-text index keeps
/// no prefixes, and asking it for `"ta"*` merges the events of every term beginning with "ta",
/// slow at ten million events. A search's longer words still go to the index (`FTSQuery.text`),
/// and its matches are those of both.
///
/// A block's words are read once and kept while the next questions fall in the same block: the
/// window's highlights, or a walk to the next match, ask about nearby positions.
struct PrefixWords {
    let words: [String]
    let events: Int
    private var cachedBlock = -1
    /// The cached block's positions held by every word (ANDed), one bit an offset.
    private var cachedBits: [UInt64] = []

    init(_ words: [String], events: Int) {
        self.words = words
        self.events = events
    }

    /// Whether every word has a key in the store at all: if one has none, nothing matches.
    static func allKnown(_ db: Database, _ words: [String]) throws -> Bool {
        let statement = try db.cachedStatement(sql: "SELECT 1 FROM search_bitmaps WHERE kind = ? AND key = ? LIMIT 1")
        for word in words where try Int.fetchOne(statement, arguments: [SearchBitmaps.Kind.prefix.rawValue, word]) == nil { return false }
        return true
    }

    /// The positions of `block` that every word holds (its stored blocks ANDed; a block not
    /// stored holds none).
    private mutating func bits(_ db: Database, block: Int) throws -> [UInt64] {
        if block == cachedBlock { return cachedBits }
        var result: [UInt64]?
        for word in words {
            guard let stored = try SearchBitmaps.block(db, kind: .prefix, key: word, block: block, events: events) else {
                result = [UInt64](repeating: 0, count: SearchBitmaps.blockSize / 64)
                break
            }
            if result == nil {
                result = stored
            } else {
                for index in stored.indices { result![index] &= stored[index] }
            }
        }
        cachedBlock = block
        cachedBits = result ?? []
        return cachedBits
    }

    /// Whether every word holds the event at `position`.
    mutating func contains(_ db: Database, _ position: Int) throws -> Bool {
        guard !words.isEmpty, position >= 0, position < events else { return false }
        let block = position / SearchBitmaps.blockSize, offset = position % SearchBitmaps.blockSize
        let bits = try bits(db, block: block)
        return bits[offset >> 6] & (1 << UInt64(offset & 63)) != 0
    }

    /// The first position at or after (or the last at or before) `position` that every word holds.
    ///
    /// Block by block, skipping to the nearest block that each word has stored (a rare prefix's
    /// blocks are few), and within a block the first bit from the offset.
    mutating func next(_ db: Database, from position: Int, forward: Bool) throws -> Int? {
        guard !words.isEmpty, events > 0 else { return nil }
        var position = forward ? max(0, position) : min(position, events - 1)
        while position >= 0, position < events {
            var block = position / SearchBitmaps.blockSize
            // The nearest block each word holds, until all agree (each step moves one way).
            var agreed = false
            while !agreed {
                agreed = true
                for word in words {
                    guard let stored = try SearchBitmaps.nearestStoredBlock(db, kind: .prefix, key: word, from: block, forward: forward,
                                                                            events: events) else { return nil }
                    if stored != block {
                        block = stored
                        agreed = false
                    }
                }
            }
            if block != position / SearchBitmaps.blockSize {
                position = forward ? block * SearchBitmaps.blockSize : min(events, (block + 1) * SearchBitmaps.blockSize) - 1
            }
            let bits = try bits(db, block: block)
            let first = block * SearchBitmaps.blockSize
            if let found = Self.bit(in: bits, from: position - first, forward: forward) { return first + found }
            position = forward ? first + SearchBitmaps.blockSize : first - 1
        }
        return nil
    }

    /// The first set bit at or after (or the last at or before) `offset`.
    private static func bit(in bits: [UInt64], from offset: Int, forward: Bool) -> Int? {
        var index = offset >> 6
        if forward {
            var word = bits[index] & (~0 << UInt64(offset & 63))
            while true {
                if word != 0 { return index * 64 + word.trailingZeroBitCount }
                index += 1
                guard index < bits.count else { return nil }
                word = bits[index]
            }
        }
        let shift = UInt64(63 - (offset & 63))
        var word = bits[index] & (~0 >> shift)
        while true {
            if word != 0 { return index * 64 + 63 - word.leadingZeroBitCount }
            index -= 1
            guard index >= 0 else { return nil }
            word = bits[index]
        }
    }

    /// Every position that every word holds.
    func all(_ db: Database) throws -> PositionBits {
        var result: PositionBits?
        for word in words {
            var bits = PositionBits(count: events)
            try SearchBitmaps.union(db, kind: .prefix, key: word, into: &bits)
            if result == nil { result = bits } else { result!.formIntersection(bits) }
        }
        return result ?? PositionBits(count: events)
    }
}
