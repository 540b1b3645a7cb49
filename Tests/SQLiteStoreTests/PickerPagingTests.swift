import DatasetFormats
import Foundation
import ReferenceStore
import SQLiteStore
import StoreTestSupport
import Testing
import TimelineKit

/// Picker pages over 1,500 pairs and 300 speakers, read one after another from any offset: the
/// store's pages (a seek to the rank with nothing typed, the page's first rank found in the prefix
/// index with something typed) join up into the reference's whole list, with no entry lost or
/// repeated at a page boundary, and end where it ends.
@Suite("Picker paging")
struct PickerPagingTests {
    static let timeline: Timeline = {
        var json: [UInt8] = []
        var generator = SyntheticDataset(seed: 5, shape: .init(pairs: 1500, quotesPerEvent: 0.5, speakers: 300))
        generator.write(events: 3000) { json += Array($0.utf8) }
        return try! DatasetLoader.load(bytes: json, name: "paging.json")
    }()
    static let memory = MemoryEventStore(timeline: timeline)
    static let store = try! StoreWriter.inMemory(dataset: timeline.dataset)

    /// Every page of `size` from 0 on, joined; and the pages from a few offsets, each compared.
    static func check<T: Equatable>(_ texts: [String], _ read: (any EventStore, PickerQuery) throws -> [T]) throws {
        for text in texts {
            let whole = try read(memory, PickerQuery(text: text, limit: 100_000))
            for size in [1, 7, 160] where size > 1 || whole.count < 400 {
                var joined: [T] = [], offset = 0
                while true {
                    let page = try read(store, PickerQuery(text: text, offset: offset, limit: size))
                    #expect(page.count <= size)
                    joined += page
                    offset += size
                    if page.count < size { break }
                }
                #expect(joined == whole, "'\(text)' in pages of \(size)")
            }
            let n = whole.count
            for offset in Set([0, 1, n / 2, max(0, n - 1), n, n + 1, Int.max - 1, Int.max]) {
                let expected = Array(whole.dropFirst(min(offset, n)).prefix(5))
                #expect(try read(store, PickerQuery(text: text, offset: offset, limit: 5)) == expected, "'\(text)' at \(offset) of \(n)")
            }
        }
    }

    @Test("Pair pages join into the whole list, typed or not")
    func pairs() throws {
        #expect(try Self.memory.allPairs().count == 1500)
        try Self.check(["", "a", "c", "fr", "fra", "united", "united-states-of-ame", "zz"]) { store, query in
            try store.pairs(query).map { "\($0.label) \($0.eventCount)" }
        }
    }

    @Test("Country and speaker pages join into the whole list")
    func countriesAndSpeakers() throws {
        try Self.check(["", "a", "s", "sw", "united"]) { store, query in try store.countries(query) }
        let speakers = try Self.memory.speakers(PickerQuery(limit: 100_000))
        #expect(speakers.count > 200)
        try Self.check(["", "analyst", "1", "2", "a"]) { store, query in try store.speakers(query) }
    }
}
