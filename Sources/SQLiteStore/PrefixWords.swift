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
    /// The cached block's offsets held by every word (ANDed).
    private var cachedBits = PositionBits(count: 0)

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

    /// The offsets in `block` that every word holds (its stored blocks ANDed; a block not stored
    /// holds none).
    private mutating func bits(_ db: Database, block: Int) throws -> PositionBits {
        if block == cachedBlock { return cachedBits }
        var result: PositionBits?
        for word in words {
            guard let stored = try SearchBitmaps.block(db, kind: .prefix, key: word, block: block, events: events) else {
                result = PositionBits(count: SearchBitmaps.blockSize)
                break
            }
            let bits = PositionBits(words: stored, count: SearchBitmaps.blockSize)
            if result == nil { result = bits } else { result!.formIntersection(bits) }
        }
        cachedBlock = block
        cachedBits = result ?? PositionBits(count: SearchBitmaps.blockSize)
        return cachedBits
    }

    /// Whether every word holds the event at `position`.
    mutating func contains(_ db: Database, _ position: Int) throws -> Bool {
        guard !words.isEmpty, position >= 0, position < events else { return false }
        return try bits(db, block: position / SearchBitmaps.blockSize).contains(position % SearchBitmaps.blockSize)
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
            let first = block * SearchBitmaps.blockSize
            if let found = try bits(db, block: block).nearest(from: position - first, forward: forward) { return first + found }
            position = forward ? first + SearchBitmaps.blockSize : first - 1
        }
        return nil
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
