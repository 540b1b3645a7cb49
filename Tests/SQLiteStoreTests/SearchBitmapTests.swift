import DatasetFormats
import Foundation
import GRDB
import ReferenceStore
@testable import SQLiteStore
import StoreTestSupport
import Testing
import TimelineKit

/// The search bitmaps (`SearchBitmaps`): which blocks an import stores, and counts through them
/// equal FTS5's `count(*) ... MATCH` and the in-memory reference's, for terms, prefixes, several
/// words, stored and unstored blocks, a filtered selection, and a store on disk (built on the
/// index's own thread and copied) as in memory.
@Suite struct SearchBitmapTests {
    /// 20,000 events, one a day in position order: blocks 0 and 1 full, block 2 holding 3,616.
    static let count = 20_000

    static func dataset() throws -> Dataset {
        let block = SearchBitmaps.blockSize
        var events: [Event] = []
        for index in 0 ..< count {
            var title = ["ALPHA"]                                              // every event: dense
            if index % 40 == 0 { title.append("Beta,") }                        // 205 a block: offsets
            if index % 1000 == 7 { title.append("gamma") }                      // ~8 a block: the index's
            if (block ..< 2 * block).contains(index) && index % 2 == 0 || index % 5000 == 3 { title.append("delta") }
            if index % 3 == 0 { title.append("Ñandú") }                         // folded to "nandu"
            if index % 7 == 0 { title.append("talks") }
            if index % 300 == 1 { title.append("talking") }
            if index >= 2 * block && index % 2 == 1 { title.append("talked") }   // block 2 only
            // Words held inline by the builder's table (8 and 16 bytes) and not (17 and more, in
            // ASCII and Greek), a non-ASCII prefix, and a word of its own for every event.
            if index % 2 == 0 { title.append("abcdefgh Abcdefghijklmnop abcdefghijklmnopq Internationalization") }
            if index % 3 == 1 { title.append("Ελλάδα Καλημέρακαλημέρα 北京") }
            title.append("n\(index)")
            // A New Tai Lue vowel sign, which the index's tokenizer splits words at (`TokenizerAgreementTests`):
            // "psi" alone in a quarter of the events and after it in another quarter.
            if index % 4 == 0 { title.append("psi") }
            if index % 4 == 2 { title.append("omega\u{19B0}psi") }
            let summary = index % 64 == 5 ? "zeta-Zeta" : "x"
            let date = try EDTFDate(parsing: String(format: "%04d-%02d-%02d", 1900 + index / 336, 1 + index % 336 / 28, 1 + index % 28))
            let pair = index % 2 == 0 ? ["RUS", "PAK"] : ["TUR", "CHN"]
            events.append(Event(id: "e\(index)", date: date, title: title.joined(separator: " "), summary: summary,
                                participants: .mutual(pair.map { Country(alpha3: $0)! }), kind: "statement", status: .occurred,
                                tags: [], sources: [0], people: [], notes: []))
        }
        let quotes = stride(from: 0, to: count, by: 100).map { index in
            Quote(id: "q\(index)", speaker: 0, text: "quotedword \(index)", events: [index], source: 0)
        }
        return Dataset(title: "Bitmaps", description: "blocks of every kind", people: [Person(id: "p", name: "Per Son")],
                       sources: [Source(id: "s", publisher: "Press")], events: events, quotes: quotes)
    }

    static let searches = ["alpha", "beta", "gamma", "delta", "nandu", "Ñandú", "ta", "tal", "talk", "talks", "talki",
                           "talked", "n", "a", "al", "alp", "alpha beta", "delta talked", "beta gamma", "quotedword", "zeta delta",
                           "zeta", "per", "son", "zzz", "alpha zzz", "t z", "abcdefgh", "abcdefghijklmnop", "abcdefghijklmnopq",
                           "abcdefghijklmno", "internationalization", "internationali", "ελλ", "Ελλάδα", "ε", "καλημέρακαλημέρα",
                           "καλη", "北京", "北", "n1234", "n12", "n19999", "n20000", "alpha n1", "ελλάδα abcdefgh", "psi", "ps", "omega", "omega psi",
                           "omega\u{19B0}psi"]

    @Test func countsEqualTheIndexAndTheReference() throws {
        let dataset = try Self.dataset()
        let memory = MemoryEventStore(timeline: Timeline(dataset: dataset))
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try StoreWriter.write(dataset: dataset, to: folder + "/b.bilateral")
        let stores = [try StoreWriter.inMemory(dataset: dataset), try SQLiteEventStore(path: folder + "/b.bilateral")]
        let pair = TimelineQuery(pairs: [CountryPair(Country(alpha3: "RUS")!, Country(alpha3: "PAK")!)])
        for store in stores {
            #expect(store.info.eventCount == Self.count)
            for query in [TimelineQuery(), pair] {
                let selection = try store.selection(query)
                let reference = try memory.selection(query)
                for text in Self.searches {
                    let search = SearchText(text)
                    #expect(try selection.matchCount(search) == reference.matchCount(search), "\(text) \(query)")
                }
            }
            let everything = try memory.selection(TimelineQuery())
            try store.read { (db: Database) throws -> Void in
                for text in Self.searches {
                    let search = SearchText(text)
                    let bits = try #require(try SearchBitmaps.matches(db, search, terms: store.searchTerms, events: Self.count), "\(text)")
                    let expected = try everything.matches(search, in: 0 ..< Self.count).sorted()
                    let found = (0 ..< Self.count).filter(bits.contains)
                    let same = found == expected
                    #expect(same, "\(text): \(found.count) events from the bitmaps, \(expected.count) in the reference")
                    // The long words alone, as the index finds them, equal the bitmaps of their terms.
                    let long = SearchText(search.words.filter { $0.unicodeScalars.count > SearchTerms.indexedPrefix }.joined(separator: " "))
                    guard !long.isEmpty, let fts = try store.searchTerms.query(db, long) else { continue }
                    let indexed = try Int.fetchAll(db, sql: "SELECT rowid - 1 FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid", arguments: [fts.text])
                    let longBits = try #require(try SearchBitmaps.matches(db, long, terms: store.searchTerms, events: Self.count))
                    #expect((0 ..< Self.count).filter(longBits.contains) == indexed, "\(text): its long words")
                }
            }
        }
    }

    /// Every answer to a search with short words (which only the prefix bitmaps hold) and long
    /// ones, over three blocks, as the reference gives it: the next and previous match from
    /// block edges and from rare stretches, the matches in ranges across blocks, and the
    /// selections that a search filters, alone and within a pair and a date range.
    @Test func shortWordsAcrossBlocksAsTheReference() throws {
        let dataset = try Self.dataset()
        let memory = MemoryEventStore(timeline: Timeline(dataset: dataset))
        let store = try StoreWriter.inMemory(dataset: dataset)
        let block = SearchBitmaps.blockSize
        let starts = [-1, 0, 1, 7, block - 1, block, block + 1, 2 * block - 1, 2 * block, 2 * block + 3, Self.count - 2, Self.count - 1, Self.count]
        let ranges = [0 ..< 50, block - 20 ..< block + 20, 2 * block - 3 ..< 2 * block + 700, Self.count - 30 ..< Self.count + 5]
        let pair = CountryPair(Country(alpha3: "RUS")!, Country(alpha3: "PAK")!)
        let shortSearches = ["ta", "tal", "n", "a", "al", "alp", "t z", "n12", "ελλ", "ε", "北", "ps", "ze", "qz", "ga", "ga ta",
                             "de", "de tal", "ga delta", "n1 alpha", "tal gamma", "be ga", "ga talked", "z delta", "ze n1999",
                             // Words that never meet, one on the even events and one on the odd ones of block 2: more
                             // steps than the walk takes before it asks the bitmaps whole.
                             "ps talked", "ab talked", "ps ta talked",
                             // A long word with more terms than the expansion's cap (n123: 111): the index cannot seek.
                             "ps n123", "ta n123", "n n123", "ps n123 alpha"]
        for query in [TimelineQuery(), TimelineQuery(pairs: [pair])] {
            let selection = try store.selection(query), reference = try memory.selection(query)
            for text in shortSearches {
                let search = SearchText(text)
                #expect(try selection.matchCount(search) == reference.matchCount(search), "\(text) \(query)")
                for start in starts {
                    for forward in [true, false] {
                        #expect(try selection.match(search, from: start, forward: forward) == reference.match(search, from: start, forward: forward),
                                "\(text) from \(start) \(forward ? "forward" : "back") \(query)")
                    }
                }
                for range in ranges {
                    #expect(try selection.matches(search, in: range) == reference.matches(search, in: range), "\(text) in \(range) \(query)")
                }
            }
        }
        let from = try EDTFDate(parsing: "1920"), to = try EDTFDate(parsing: "1940-06")
        for text in ["ta", "ga", "ga ta", "tal gamma", "de tal", "z delta", "qz", "n12 ps", "ze n1999", "ps talked", "ps n123", "n1"] {
            for query in [TimelineQuery(text: text), TimelineQuery(pairs: [pair], text: text), TimelineQuery(from: from, to: to, text: text),
                          TimelineQuery(country: Country(alpha3: "CHN")!, text: text)] {
                let selection = try store.selection(query), reference = try memory.selection(query)
                #expect(selection.count == reference.count, "\(query)")
                #expect(try selection.rows(0 ..< selection.count) == reference.rows(0 ..< reference.count), "\(query)")
            }
        }
    }

    /// Forgetting the keys between blocks (as the builder does when the vocabulary grows with the
    /// events) writes the same rows, in the same order, as keeping them: at every block, and once.
    @Test func forgettingKeysWritesTheSameRows() throws {
        let dataset = try Self.dataset()
        var folder = SearchWords()
        // The events are in position order: one a day.
        let words: [[UInt8]] = dataset.events.map { event in
            var out: [UInt8] = []
            folder.append(event.title, to: &out)
            folder.append(event.summary, to: &out)
            return out
        }
        // Each event's words once, in the order they first come (the folded words are lowered and
        // split by single spaces): what the builder must hand the full-text index in every block,
        // however often it forgets its keys.
        let once: [String] = words.map { text in
            var seen: Set<Substring> = []
            return String(decoding: text, as: UTF8.self).split(separator: " ").filter { seen.insert($0).inserted }.joined(separator: " ")
        }
        #expect(once.contains { $0.contains("zeta") && !$0.contains("zeta zeta") })
        func rows(keptKeys: Int) throws -> [String] {
            try DatabaseQueue().write { db in
                try SearchBitmaps.createTable(db)
                var builder = try SearchBitmapBuilder(db, keptKeys: keptKeys)
                var distinct: [UInt8] = []
                for (position, text) in words.enumerated() {
                    distinct.removeAll()
                    try text.withUnsafeBufferPointer { try builder.add($0, position: position, distinct: &distinct) }
                    #expect(String(decoding: distinct, as: UTF8.self) == once[position], "event \(position), keys kept \(keptKeys)")
                }
                try builder.finish()
                return try String.fetchAll(db, sql: "SELECT kind || ' ' || key || ' ' || block || ' ' || hex(bits) FROM search_bitmaps ORDER BY rowid")
            }
        }
        let kept = try rows(keptKeys: 1 << 18)
        #expect(kept.count > 100 && kept.contains { $0.hasPrefix("0 psi 2 ") } && kept.contains { $0.hasPrefix("1 n12 1 ") })
        #expect(try rows(keptKeys: 0) == kept)
        // Block 0 knows about 10,000 keys (a word of its own in every event): forgotten once, after block 1.
        #expect(try rows(keptKeys: 15_000) == kept)
    }

    /// What the builder hands the full-text index: each word once an event, in the case it came
    /// in, the first time it comes; the next event starts again; words the builder's table holds
    /// inline and not, in ASCII and folded from other scripts.
    @Test func distinctWordsOnceAnEvent() throws {
        try DatabaseQueue().write { db in
            try SearchBitmaps.createTable(db)
            var builder = try SearchBitmapBuilder(db)
            var folder = SearchWords()
            // Folded as the builder's caller folds a field with other characters, or as it is (ASCII).
            func distinct(_ text: String, at position: Int, folded: Bool = true) throws -> String {
                var words: [UInt8] = folded ? [] : Array(text.utf8), out: [UInt8] = []
                if folded { folder.append(text, to: &words) }
                try words.withUnsafeBufferPointer { try builder.add($0, position: position, distinct: &out) }
                return String(decoding: out, as: UTF8.self)
            }
            let text = "Talks talks, TALKS peace talks Internationalization internationalizations INTERNATIONALIZATION Ελλάδα ελλαδα 北京 北京"
            let once = "talks peace internationalization internationalizations ελλαδα 北京"
            #expect(try distinct(text, at: 0) == once)
            #expect(try distinct(text, at: 1) == once)
            #expect(try distinct("peace", at: 2) == "peace")
            #expect(try distinct("", at: 3) == "")
            #expect(try distinct("a b a c b", at: 3) == "a b c")
            #expect(try distinct("Talks, TALKS; talks-Peace", at: 4, folded: false) == "Talks Peace")
            try builder.finish()
        }
    }

    /// What is stored: every block of a term with at least 32 events in it, as bits from 512,
    /// else as offsets, and nothing of a block with fewer; every block of a prefix with an event.
    @Test func storedBlocks() throws {
        let store = try StoreWriter.inMemory(dataset: try Self.dataset())
        try store.read { (db: Database) throws -> Void in
            func blocks(_ kind: SearchBitmaps.Kind, _ key: String) throws -> [Int: Int] {
                let rows = try Row.fetchAll(db, sql: "SELECT block, length(bits) FROM search_bitmaps WHERE kind = ? AND key = ?",
                                            arguments: [kind.rawValue, key])
                return Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0[1]) })
            }
            #expect(try blocks(.term, "alpha") == [0: 1024, 1: 1024, 2: 1024])
            #expect(try blocks(.term, "beta") == [0: 2 * 205, 1: 2 * 205, 2: 2 * 90])
            #expect(try blocks(.term, "gamma") == [:])
            // 7, 1007, ..., 19007: nine in block 0, eight in block 1, three in block 2.
            #expect(try blocks(.prefix, "gam") == [0: 2 * 9, 1: 2 * 8, 2: 2 * 3])
            #expect(try blocks(.prefix, "g") == [0: 2 * 9, 1: 2 * 8, 2: 2 * 3])
            #expect(try blocks(.term, "delta") == [1: 1024])
            #expect(try blocks(.term, "talked") == [2: 1024])
            #expect(try blocks(.term, "nandu") == [0: 1024, 1: 1024, 2: 1024])
            #expect(try blocks(.term, "Ñandú") == [:])
            #expect(try blocks(.term, "zeta") == [0: 256, 1: 256, 2: 2 * 57])
            #expect(try blocks(.term, "quotedword") == [0: 2 * 82, 1: 2 * 82, 2: 2 * 36])
            // Prefixes of one to three characters, never longer, and a term shorter than three
            // is a prefix of itself.
            #expect(try blocks(.prefix, "tal") == [0: 1024, 1: 1024, 2: 1024])
            #expect(try blocks(.prefix, "n") == [0: 1024, 1: 1024, 2: 1024])
            #expect(try blocks(.prefix, "talk") == [:])
            #expect(try blocks(.prefix, "x") == [0: 1024, 1: 1024, 2: 1024])
            #expect(try blocks(.term, "x") == [0: 1024, 1: 1024, 2: 1024])
            #expect(try blocks(.term, "internationalization") == [0: 1024, 1: 1024, 2: 1024])
            #expect(try blocks(.term, "abcdefghijklmnopq") == [0: 1024, 1: 1024, 2: 1024])
            #expect(try blocks(.term, "καλημερακαλημερα") == [0: 1024, 1: 1024, 2: 1024])
            #expect(try blocks(.prefix, "ελλ") == [0: 1024, 1: 1024, 2: 1024])
            #expect(try blocks(.prefix, "北京") == [0: 1024, 1: 1024, 2: 1024])
            #expect(try blocks(.term, "n1234") == [:])
            // "n12" begins n12, n120…n129, n1200…n1299 and n12000…n12999: block 1 holds 1,000 of them.
            #expect(try blocks(.prefix, "n12") == [0: 2 * 111, 1: 1024])
        }
    }

    /// A damaged block is bad input: a count through it throws `CorruptStore`, and `validate`
    /// names it; a block that disagrees with the index is found by `validate`.
    @Test func damagedBlocks() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/b.bilateral"
        try StoreWriter.write(dataset: try Self.dataset(), to: path)
        #expect(try StoreValidator.validate(path: path) == [])
        func damage(_ sql: String) throws {
            let queue = try DatabaseQueue(path: path)
            try queue.write { try $0.execute(sql: sql) }
            try queue.close()
        }
        // Half an offset cut off: a length neither container has.
        try damage("UPDATE search_bitmaps SET bits = substr(bits, 1, 409) WHERE kind = 0 AND key = 'beta' AND block = 1")
        do {
            let store = try SQLiteEventStore(path: path)
            let error = #expect(throws: (any Error).self) { try store.selection(TimelineQuery()).matchCount(SearchText("beta")) }
            #expect("\(String(describing: error))".contains("search_bitmaps.bits of block 1 is 409 bytes long"), "\(String(describing: error))")
        }
        #expect(try StoreValidator.validate(path: path).contains { $0.contains("which neither container is") })
        // Bits that the index does not hold: every block one event short (the offsets' last
        // cut off) or empty; whichever blocks `validate` samples disagree with the index.
        try damage("UPDATE search_bitmaps SET bits = substr(bits, 1, 408) WHERE kind = 0 AND key = 'beta' AND block = 1")
        try damage("UPDATE search_bitmaps SET bits = substr(bits, 1, length(bits) - 2) WHERE length(bits) < 1024 AND length(bits) > 64")
        try damage("UPDATE search_bitmaps SET bits = zeroblob(1024) WHERE length(bits) = 1024")
        let problems = try StoreValidator.validate(path: path)
        #expect(!problems.isEmpty && problems.allSatisfy { $0.contains("the search bitmap of") && $0.contains("the index")
                                                           || $0.contains("the search bitmaps lack the short prefixes of") }, "\(problems)")
        #expect(problems.contains { $0.contains("the search bitmaps lack the short prefixes of") }, "zeroed prefix blocks: \(problems)")
        #expect(problems.contains { $0.contains("holds 0 events, the index") }, "\(problems)")
        #expect(problems.contains { !$0.contains("holds 0 events") }, "a sparse block one short is found too: \(problems)")
        // A block past the events.
        try damage("UPDATE search_bitmaps SET block = 7 WHERE kind = 0 AND key = 'alpha' AND block = 2")
        #expect(try StoreValidator.validate(path: path).contains { $0.contains("search bitmap rows have a kind, key, block or bits") })
        let store = try SQLiteEventStore(path: path)
        let error = #expect(throws: (any Error).self) { try store.selection(TimelineQuery()).matchCount(SearchText("alpha")) }
        #expect("\(String(describing: error))".contains("search_bitmaps.block for \"alpha\" is 7, outside 2...2"), "\(String(describing: error))")
    }

    /// A prefix's block, which only the bitmaps hold, cut short: the next match and the highlights
    /// that reach it throw, as a count does, and `validate` names it; the blocks before it still read.
    @Test func damagedPrefixBlock() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/p.bilateral"
        try StoreWriter.write(dataset: try Self.dataset(), to: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "UPDATE search_bitmaps SET bits = x'0100ff' WHERE kind = 1 AND key = 'ta' AND block = 1") }
        try queue.close()
        let selection = try SQLiteEventStore(path: path).selection(TimelineQuery())
        let block = SearchBitmaps.blockSize
        #expect(try selection.match(SearchText("ta"), from: 3, forward: true) == 7, "block 0 is read, not block 1")
        for read in [{ _ = try selection.match(SearchText("ta"), from: block + 3, forward: true) },
                     { _ = try selection.match(SearchText("ta alpha"), from: block + 3, forward: true) },
                     { _ = try selection.matches(SearchText("ta"), in: block ..< block + 10) },
                     { _ = try selection.matchCount(SearchText("ta")) }] {
            let error = #expect(throws: (any Error).self) { try read() }
            #expect("\(String(describing: error))".contains("search_bitmaps.bits of block 1 is 3 bytes long"), "\(String(describing: error))")
        }
        #expect(try StoreValidator.validate(path: path).contains { $0.contains("which neither container is") })
    }

    /// A damaged page of the full-text index fails the walk of the whole index that `validate`
    /// makes (SQLite's integrity check does not look inside FTS5's pages); a sound one passes it.
    @Test func damagedIndexPage() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/i.bilateral"
        try StoreWriter.write(dataset: try Self.dataset(), to: path)
        func walked() throws -> [String] {
            let queue = try SQLiteEventStore.openReadOnly(path: path)
            defer { try? queue.close() }
            return try queue.read { StoreValidator.unreadableIndexes($0) }
        }
        #expect(try walked() == [])
        let queue = try DatabaseQueue(path: path)
        // The index's first leaf page cut in half (ids up to 10 are its structure and settings).
        try queue.write { try $0.execute(sql: "UPDATE events_fts_data SET block = substr(block, 1, length(block) / 2) WHERE id = (SELECT min(id) FROM events_fts_data WHERE id > 10)") }
        try queue.close()
        let problems = try walked()
        #expect(problems.count == 1 && problems[0].hasPrefix("the full-text index events_fts cannot be read whole"), "\(problems)")
    }

}
