@testable import DatasetFormats
import Testing

/// The decoder's compact table of event ids answers as a `[String: Int]` would: the first index
/// of each id, nil for an id never added, whatever the ids' lengths and however often it grew.
@Suite struct IDTableTests {
    @Test func firstIndexWinsAndAbsentIdsAreUnknown() {
        var table = IDTable()
        #expect(table.index(of: "e1") == nil)
        #expect(table.insert("e1", index: 0) == nil)
        #expect(table.insert("e2", index: 2) == nil)
        #expect(table.insert("e1", index: 5) == 0)
        #expect(table.insert("e2", index: 7) == 2)
        #expect(table.index(of: "e1") == 0)
        #expect(table.index(of: "e2") == 2)
        #expect(table.index(of: "e3") == nil)
        #expect(table.index(of: "e") == nil)
        #expect(table.index(of: "e10") == nil)
        #expect(table.count == 2)
        #expect(Array(table.ids) == ["e1", "e2"])
    }

    /// The empty id, ids that differ only in length or in one late byte, non-ASCII ids.
    @Test func edgeIds() {
        var table = IDTable()
        let ids = ["", "a", "aa", "a\u{0}", "ä", "\u{1F1FA}\u{1F1E6}", String(repeating: "x", count: 15),
                   String(repeating: "x", count: 16), String(repeating: "x", count: 15) + "y"]
        for (index, id) in ids.enumerated() { #expect(table.insert(id, index: index * 3) == nil, "\(id)") }
        for (index, id) in ids.enumerated() {
            #expect(table.index(of: id) == index * 3, "\(id)")
            #expect(table.insert(id, index: 999) == index * 3)
        }
        #expect(table.index(of: "b") == nil)
        #expect(Array(table.ids) == ids)
    }

    /// Ids are Strings: canonically equivalent forms are one id, as they were in a dictionary.
    @Test func canonicallyEquivalentIdsAreOne() {
        var table = IDTable()
        #expect(table.insert("caf\u{E9}", index: 4) == nil)
        #expect(table.insert("cafe\u{301}", index: 9) == 4)
        #expect(table.index(of: "cafe\u{301}") == 4)
        #expect(table.index(of: "cafe") == nil)
        #expect(table.insert("Cafe\u{301}", index: 10) == nil)
    }

    /// Many ids, with and without room made ahead: every lookup after every doubling, large
    /// indices (several varint bytes), and ids long enough that entries cross the arena's blocks
    /// (1 MB) and one longer than a block.
    @Test(arguments: [false, true])
    func manyIdsAcrossGrowthAndBlocks(reserved: Bool) {
        var table = IDTable()
        if reserved { table.reserveCapacity(20_000) }
        var ids: [String] = []
        for number in 0..<20_000 {
            // Every 97th id is long (some hundreds of bytes), so the arena passes several blocks.
            let id = number % 97 == 0 ? "long-\(number)-" + String(repeating: "z", count: 300 + number % 1_000) : "e\(number)"
            ids.append(id)
            #expect(table.insert(id, index: number * 1_000_003) == nil)
        }
        let huge = String(repeating: "h", count: 1_500_000)
        #expect(table.insert(huge, index: 1) == nil)
        #expect(table.count == 20_001)
        for (number, id) in ids.enumerated() where table.index(of: id) != number * 1_000_003 {
            Issue.record("\(id.prefix(20)): \(String(describing: table.index(of: id)))")
        }
        #expect(table.index(of: huge) == 1)
        #expect(table.index(of: String(huge.dropLast())) == nil)
        #expect(table.insert(ids[12_345], index: 0) == 12_345 * 1_000_003)
        #expect(table.index(of: "e20000") == nil)
        #expect(Array(table.ids) == ids + [huge])
    }
}
