import Foundation

/// A set of ids, each with the index of the record that first used it, in little memory: the
/// decoder's table of event ids (for the duplicate check and the quotes' references), which holds
/// every event id of a file while it is streamed.
///
/// Hand-written rather than a `[String: Int]`: a Swift Dictionary of String costs 24 bytes a bucket
/// (the String and the Int) at most three quarters full, plus an allocation for each id longer
/// than 15 bytes, so reserved ahead for ten million ids it took 400 MB, and 800 MB past 12.5
/// million (BENCHMARKS.md). Here each id's UTF-8 bytes are kept once, with its index, in an arena
/// of 1 MB blocks (`entry = varint(length) bytes varint(index)`, in the order added), and the
/// table is open addressing (linear probing) over 8-byte slots: the entry's arena offset + 1 in
/// the low 40 bits, 24 bits of its hash above, so a probe compares bytes only when the bits match.
/// The hash is the standard library's `Hasher`, seeded per process, so ids crafted to collide
/// cannot make the table quadratic. Swift compares Strings by canonical equivalence, as the
/// dictionary this replaces did, so an id with anything but ASCII is keyed by its NFC form:
/// "é" and "e\u{301}" are one id. (The search bitmaps' builder keys it by bytes already folded:
/// `insert(bytes:index:)`.)
public struct IDTable {
    private static let offsetBits = 40
    private static let offsetMask: UInt64 = 1 << 40 - 1
    private static let blockSize = 1 << 20

    /// 0 is an empty slot; else (tag << 40) | (arena offset + 1). A power of two long (or empty).
    private var slots: [UInt64] = []
    private var blocks: [[UInt8]] = []
    /// Bytes in the arena: the next entry's offset.
    private var arenaBytes = 0
    public private(set) var count = 0
    /// An entry as it is being appended (kept to reuse its storage).
    private var scratch: [UInt8] = []

    public init() {}

    /// Makes room for `capacity` ids at once (growing one doubling at a time rehashes them all).
    mutating func reserveCapacity(_ capacity: Int) {
        let needed = Self.slotCount(for: capacity)
        if needed > slots.count { rehash(to: needed) }
    }

    /// Adds `id` with `index` unless it is there already: nil when added, else the index it has.
    mutating func insert(_ id: String, index: Int) -> Int? {
        var id = Self.key(id)
        return id.withUTF8 { bytes in insert(bytes: bytes, index: index) }
    }

    /// Adds the bytes as they are (no normalization: the caller's keys are folded already) with
    /// `index` unless they are there: nil when added, else the index they have.
    public mutating func insert(bytes: UnsafeBufferPointer<UInt8>, index: Int) -> Int? {
        if Self.slotCount(for: count + 1) > slots.count { rehash(to: Self.slotCount(for: count + 1)) }
        let hash = Self.hash(bytes)
        switch find(bytes, hash: hash) {
        case .found(let existing): return existing
        case .empty(let slot):
            let offset = append(bytes, index: index)
            slots[slot] = Self.slot(offset: offset, hash: hash)
            count += 1
            return nil
        }
    }

    /// The index `id` was added with, if it was.
    func index(of id: String) -> Int? {
        guard !slots.isEmpty else { return nil }
        var id = Self.key(id)
        return id.withUTF8 { bytes in
            if case .found(let index) = find(bytes, hash: Self.hash(bytes)) { return index }
            return nil
        }
    }

    /// Every id, in the order added (for "did you mean": a stable order, unlike a dictionary's),
    /// read as the sequence is walked.
    var ids: some Sequence<String> { entries.lazy.map(\.id) }

    /// Every id with its index, in the order added.
    var entries: some Sequence<(id: String, index: Int)> {
        sequence(state: 0) { offset -> (id: String, index: Int)? in
            guard offset < arenaBytes else { return nil }
            let entry = self.entry(at: offset)
            offset = entry.next
            return (id(of: entry), entry.index)
        }
    }

    /// What an id is keyed by: its NFC form (the same bytes for ASCII).
    private static func key(_ id: String) -> String {
        id.utf8.allSatisfy { $0 < 0x80 } ? id : id.precomposedStringWithCanonicalMapping
    }

    // MARK: - Slots

    private enum Probe {
        case found(Int)
        case empty(Int)
    }

    /// The slot holding `bytes`, or the empty slot where it would go.
    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Probe {
        let mask = slots.count - 1
        let tag = hash >> UInt64(Self.offsetBits)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let value = slots[slot]
            if value == 0 { return .empty(slot) }
            if value >> UInt64(Self.offsetBits) == tag {
                let entry = entry(at: Int(value & Self.offsetMask) - 1)
                if matches(entry, bytes) { return .found(entry.index) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The smallest power of two of slots keeping `count` ids at most three quarters full.
    private static func slotCount(for count: Int) -> Int {
        var slots = 16
        while slots / 4 * 3 < count { slots *= 2 }
        return slots
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        return UInt64(bitPattern: Int64(hasher.finalize()))
    }

    private static func slot(offset: Int, hash: UInt64) -> UInt64 {
        (hash >> UInt64(offsetBits)) << UInt64(offsetBits) | UInt64(offset + 1)
    }

    private mutating func rehash(to size: Int) {
        var fresh = [UInt64](repeating: 0, count: size)
        let mask = size - 1
        var offset = 0
        while offset < arenaBytes {
            let entry = self.entry(at: offset)
            let hash = withBytes(of: entry, Self.hash)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while fresh[slot] != 0 { slot = (slot + 1) & mask }
            fresh[slot] = Self.slot(offset: offset, hash: hash)
            offset = entry.next
        }
        slots = fresh
    }

    // MARK: - Arena

    /// Appends an entry; its offset.
    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, index: Int) -> Int {
        let offset = arenaBytes
        var entry = scratch
        scratch = []
        entry.removeAll(keepingCapacity: true)
        Self.varint(UInt64(bytes.count), into: &entry)
        entry.append(contentsOf: bytes)
        Self.varint(UInt64(index), into: &entry)
        var done = 0
        while done < entry.count {
            if blocks.isEmpty || blocks[blocks.count - 1].count == Self.blockSize {
                var block: [UInt8] = []
                block.reserveCapacity(Self.blockSize)
                blocks.append(block)
            }
            let last = blocks.count - 1
            let take = min(entry.count - done, Self.blockSize - blocks[last].count)
            blocks[last].append(contentsOf: entry[done..<done + take])
            done += take
        }
        arenaBytes += entry.count
        scratch = entry
        precondition(arenaBytes <= Self.offsetMask, "more than 1 TB of ids")
        return offset
    }

    private func byte(at offset: Int) -> UInt8 {
        blocks[offset / Self.blockSize][offset % Self.blockSize]
    }

    private static func varint(_ value: UInt64, into bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private func varint(at offset: inout Int) -> Int {
        var value = 0, shift = 0
        while true {
            let byte = self.byte(at: offset)
            offset += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// An entry of the arena: where its bytes are, its index, and the next entry's offset.
    private struct Entry {
        let start: Int
        let length: Int
        let index: Int
        let next: Int
    }

    private func entry(at offset: Int) -> Entry {
        var position = offset
        let length = varint(at: &position)
        let start = position
        position += length
        let index = varint(at: &position)
        return Entry(start: start, length: length, index: index, next: position)
    }

    /// An entry's bytes, in place when they lie in one block (nearly always), else copied.
    private func withBytes<T>(of entry: Entry, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let block = entry.start / Self.blockSize, within = entry.start % Self.blockSize
        if within + entry.length <= Self.blockSize {
            return blocks[block].withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[within..<within + entry.length])) }
        }
        let copy = (entry.start..<entry.start + entry.length).map(byte(at:))
        return copy.withUnsafeBufferPointer(body)
    }

    private func matches(_ entry: Entry, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == entry.length else { return false }
        return withBytes(of: entry) { $0.elementsEqual(bytes) }
    }

    private func id(of entry: Entry) -> String {
        withBytes(of: entry) { String(decoding: $0, as: UTF8.self) }
    }
}
