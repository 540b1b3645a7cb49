import DatasetFormats

/// The search bitmaps' builder's keys → ids, looked up once for every word of every event.
///
/// Hand-written beside `IDTable` (which holds the longer keys here): that table decodes an arena
/// entry to compare bytes and hashes with SipHash, and as the builder's only table it doubled the
/// full-text thread's time at 1M events (BENCHMARKS.md). Almost every word is at most 16 bytes, so
/// such a key is held inline: two little-endian words and its length and kind, compared as
/// integers. The hash mixes a per-process random seed in, so words crafted to collide cannot make
/// the table quadratic.
struct SearchKeyTable {
    /// Slots: the key's two words, and `(id + 1) << 16 | kind << 8 | length` (0: empty).
    private var lows: [UInt64] = []
    private var highs: [UInt64] = []
    private var metas: [UInt64] = []
    private var used = 0
    private var long = IDTable()
    private let seeds = (UInt64.random(in: .min ... .max), UInt64.random(in: .min ... .max))

    /// The most bytes a key held inline has.
    static let inlineBytes = 16

    init() {
        grow(to: 1024)
    }

    /// The id of the inline key `(low, high, length)` of `kind`, or nil when it is new: then it
    /// takes `next`.
    mutating func id(kind: UInt8, low: UInt64, high: UInt64, length: Int, next: Int) -> Int? {
        if (used + 1) * 4 > metas.count * 3 { grow(to: metas.count * 2) }
        let tag = UInt64(kind) << 8 | UInt64(length)
        let mask = metas.count - 1
        var slot = Int(truncatingIfNeeded: hash(low, high, tag)) & mask
        while true {
            let meta = metas[slot]
            if meta == 0 {
                lows[slot] = low
                highs[slot] = high
                metas[slot] = UInt64(next + 1) << 16 | tag
                used += 1
                return nil
            }
            if meta & 0xFFFF == tag && lows[slot] == low && highs[slot] == high { return Int(meta >> 16) - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// Forgets every key; the slots stay allocated.
    mutating func removeAll() {
        for index in metas.indices { metas[index] = 0 }
        used = 0
        long = IDTable()
    }

    /// The id of a key longer than `inlineBytes` (its kind's byte first), or nil when new.
    mutating func id(long key: UnsafeBufferPointer<UInt8>, next: Int) -> Int? {
        long.insert(bytes: key, index: next)
    }

    private func hash(_ low: UInt64, _ high: UInt64, _ tag: UInt64) -> UInt64 {
        var hash = (low ^ seeds.0) &* 0x9E37_79B9_7F4A_7C15
        hash ^= (high ^ seeds.1 ^ tag) &* 0xC2B2_AE3D_27D4_EB4F
        hash ^= hash >> 29
        hash &*= 0xBF58_476D_1CE4_E5B9
        return hash ^ hash >> 32
    }

    private mutating func grow(to size: Int) {
        let (oldLows, oldHighs, oldMetas) = (lows, highs, metas)
        lows = [UInt64](repeating: 0, count: size)
        highs = [UInt64](repeating: 0, count: size)
        metas = [UInt64](repeating: 0, count: size)
        let mask = size - 1
        for index in oldMetas.indices where oldMetas[index] != 0 {
            var slot = Int(truncatingIfNeeded: hash(oldLows[index], oldHighs[index], oldMetas[index] & 0xFFFF)) & mask
            while metas[slot] != 0 { slot = (slot + 1) & mask }
            lows[slot] = oldLows[index]
            highs[slot] = oldHighs[index]
            metas[slot] = oldMetas[index]
        }
    }
}
