/// A set of event positions `0..<count` as bits: what a search's bitmaps combine into (one bit an
/// event, so 1.25 MB at 10M events, ANDed and counted word by word).
struct PositionBits {
    let count: Int
    private(set) var words: [UInt64]

    init(count: Int) {
        self.count = max(0, count)
        words = [UInt64](repeating: 0, count: (self.count + 63) / 64)
    }

    /// The set whose bit `i % 64` of word `i / 64` is position `i` (`words` holds `count` bits, rounded up).
    init(words: [UInt64], count: Int) {
        precondition(words.count == (max(0, count) + 63) / 64, "words for a different count")
        self.count = max(0, count)
        self.words = words
    }

    /// `position` must be in `0..<count` (the readers check what they read before setting it).
    mutating func insert(_ position: Int) {
        words[position >> 6] |= 1 << UInt64(position & 63)
    }

    func contains(_ position: Int) -> Bool {
        guard position >= 0, position < count else { return false }
        return words[position >> 6] & (1 << UInt64(position & 63)) != 0
    }

    /// ORs 64 positions in at once: the word holding `first`, which must be a multiple of 64.
    /// Bits past `count` are dropped.
    mutating func formUnion(word: UInt64, at first: Int) {
        let index = first >> 6
        guard index < words.count else { return }
        var word = word
        let end = first + 64
        if end > count { word &= (1 << UInt64(count - first)) &- 1 }
        words[index] |= word
    }

    mutating func formIntersection(_ other: PositionBits) {
        precondition(other.words.count == words.count, "bit sets of different sizes")
        words.withUnsafeMutableBufferPointer { mine in
            other.words.withUnsafeBufferPointer { theirs in
                for index in mine.indices { mine[index] &= theirs[index] }
            }
        }
    }

    /// The first position at or after (or the last at or before) `position`.
    func nearest(from position: Int, forward: Bool) -> Int? {
        if forward {
            var index = max(0, position) >> 6
            guard position < count, index < words.count else { return nil }
            var word = position < 0 ? words[index] : words[index] & (~0 << UInt64(position & 63))
            while true {
                if word != 0 { return index * 64 + word.trailingZeroBitCount }
                index += 1
                guard index < words.count else { return nil }
                word = words[index]
            }
        }
        guard position >= 0, count > 0 else { return nil }
        let last = min(position, count - 1)
        var index = last >> 6
        var word = words[index] & (~0 >> UInt64(63 - (last & 63)))
        while true {
            if word != 0 { return index * 64 + 63 - word.leadingZeroBitCount }
            index -= 1
            guard index >= 0 else { return nil }
            word = words[index]
        }
    }

    /// The positions in the set, ascending.
    var positions: some Sequence<Int> {
        words.indices.lazy.flatMap { index in
            sequence(state: words[index]) { (rest: inout UInt64) -> Int? in
                guard rest != 0 else { return nil }
                let bit = rest.trailingZeroBitCount
                rest &= rest - 1
                return index * 64 + bit
            }
        }
    }

    /// How many positions are in the set.
    var population: Int {
        words.withUnsafeBufferPointer { $0.reduce(0) { $0 + $1.nonzeroBitCount } }
    }
}
