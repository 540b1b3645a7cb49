import DatasetFormats
import Foundation
import GRDB
import ReferenceStore
@testable import SQLiteStore
import StoreTestSupport
import Testing
import TimelineKit

/// How searches reach the index: long words expanded to its terms, up to the cap.
@Suite struct SearchTermsTests {
    @Test func expansions() throws {
        let timeline = try Fixtures.generated(events: 150, seed: 9, words: StoreEquivalenceTests.expansionWords)
        let store = try StoreWriter.inMemory(dataset: timeline.dataset)
        try store.read { (db: Database) throws -> Void in
            let terms = store.searchTerms
            // Words of three characters or fewer are the prefix bitmaps', not the index's.
            #expect(try terms.terms(db, "tal") == nil)
            #expect(try terms.query(db, SearchText("Tal")) == FTSQuery(text: "", prefixes: ["tal"], seeks: true))
            #expect(try terms.query(db, SearchText("t Tal talke")) == FTSQuery(text: "\"talked\"", prefixes: ["t", "tal"], seeks: true))
            // A short word that begins no word: nothing matches, as for a long one.
            #expect(try terms.query(db, SearchText("qz")) == nil)
            #expect(try terms.query(db, SearchText("talk qz")) == nil)
            // A word that is a term and a prefix of others.
            #expect(try terms.terms(db, "talk") == ["talk", "talkative", "talked", "talkie", "talking", "talks"])
            #expect(try terms.query(db, SearchText("talke")) == FTSQuery(text: "\"talked\"", seeks: true, singleTerm: "talked"))
            #expect(try terms.terms(db, "talki") == ["talkie", "talking"])
            // More than the cap: a prefix query, and its longer forms are still expanded.
            #expect(try terms.terms(db, "mani") == nil)
            #expect(try terms.terms(db, "mani1") == ["mani1"] + (10...19).map { "mani\($0)" })
            #expect(try terms.query(db, SearchText("mani mani39")) == FTSQuery(text: "\"mani\"* AND \"mani39\"", seeks: false))
            #expect(try terms.query(db, SearchText("man mani3")) == FTSQuery(text: "(\"mani3\" OR \"mani30\" OR \"mani31\" OR \"mani32\" OR \"mani33\" OR \"mani34\" OR \"mani35\" OR \"mani36\" OR \"mani37\" OR \"mani38\" OR \"mani39\")", prefixes: ["man"], seeks: true))
            // No term: nothing matches.
            #expect(try terms.terms(db, "talkz") == [])
            #expect(try terms.query(db, SearchText("talk zzzz")) == nil)
            // Folded words, as the index holds them.
            #expect(try terms.terms(db, "stah") == ["stahl", "stahlwerk"])
        }
        let selection = try store.selection(TimelineQuery())
        #expect(try selection.matchCount(SearchText("talkz")) == 0)
        #expect(try selection.match(SearchText("talkz"), from: 0, forward: true) == nil)
        #expect(try store.selection(TimelineQuery(text: "talkz")).count == 0)
    }
}

/// A one-word search whose word is one index term is counted from the index's own tally for the
/// term (`fts5vocab` 'row'); the count equals FTS5's `count(*) ... MATCH` and the reference's.
@Suite struct TermCountTests {
    @Test func oneTermCountsAsTheReference() throws {
        let timeline = try Fixtures.generated(events: 300, seed: 4, words: StoreEquivalenceTests.expansionWords)
        let memory = try MemoryEventStore(timeline: timeline).selection(TimelineQuery())
        let store = try StoreWriter.inMemory(dataset: timeline.dataset)
        let all = try store.selection(TimelineQuery())
        // One term (itself, or the one term a longer word expands to); several; a prefix; two words; none.
        let cases: [(text: String, single: String?)] = [("talks", "talks"), ("talke", "talked"), ("stahlwerk", "stahlwerk"),
                                                        ("mani39", "mani39"), ("talk", nil), ("tal", nil), ("talks stahl", nil),
                                                        ("talkz", nil),
                                                        // A short word beside one with more terms than bitmaps are read for.
                                                        ("ma mani", nil), ("t mani", nil), ("qz mani", nil)]
        var counted = 0
        for (text, single) in cases {
            let search = SearchText(text)
            let expected = try memory.matchCount(search)
            #expect(try all.matchCount(search) == expected, "\(text)")
            try store.read { (db: Database) throws -> Void in
                let fts = try store.searchTerms.query(db, search)
                #expect(fts?.singleTerm == single, "\(text)")
                guard let fts, let term = fts.singleTerm else { return }
                let tally = try store.searchTerms.documentCount(db, term: term)
                let matched = try Int.fetchOne(db, sql: "SELECT count(*) FROM events_fts WHERE events_fts MATCH ?", arguments: [fts.text])
                #expect(tally == matched, "\(text)")
                #expect(tally == expected, "\(text)")
                if expected > 0 { counted += 1 }
            }
        }
        #expect(counted == 4, "every one-term case has matches, so the tally is tried on real counts")
        #expect(try store.read { try store.searchTerms.documentCount($0, term: "notaterm") } == 0)
    }
}

/// `SQLiteSelection.matching` gives the same answer by ranges of the index, by probes, and mixed.
@Suite struct MatchingTests {
    @Test func rangesAndProbesAgree() throws {
        let timeline = try Fixtures.generated(events: 300, seed: 2, words: StoreEquivalenceTests.expansionWords)
        let memory = MemoryEventStore(timeline: timeline)
        let store = try StoreWriter.inMemory(dataset: timeline.dataset)
        let all = try memory.selection(TimelineQuery())
        let everything = Array(0..<timeline.eventCount)
        var candidateSets = [everything, [], [0], [timeline.eventCount - 1], everything.filter { $0 % 7 == 3 }, everything.filter { $0 % 2 == 0 }]
        candidateSets += try memory.allPairs().prefix(5).map { summary in
            let selection = try memory.selection(TimelineQuery(pairs: [summary.pair]))
            return try selection.rows(0..<selection.count).map(\.position)
        }
        for text in ["talk", "talks", "mani", "mani1", "tal", "stahl mani2", "talkingx", "t", "ta talks", "s stahl", "m mani", "ma ta", "qz talk"] {
            let search = SearchText(text)
            let expected = try all.matches(search, in: 0..<timeline.eventCount)
            try store.read { (db: Database) throws -> Void in
                guard let fts = try store.searchTerms.query(db, search) else {
                    #expect(expected.isEmpty, "\(text)")
                    return
                }
                for candidates in candidateSets {
                    let wanted = candidates.filter(expected.contains)
                    for (block, rowsPerCandidate) in [(4096, 128), (3, 0), (5, 1_000_000), (4, 3), (1, 1)] {
                        let found = try SQLiteSelection.matching(db, fts, among: candidates, count: store.info.eventCount, block: block, rowsPerCandidate: rowsPerCandidate)
                        #expect(found == wanted, "\(text) \(candidates.count) candidates, block \(block) \(rowsPerCandidate)")
                    }
                }
            }
        }
    }
}

/// The index keeps no positions, so FTS5 refuses a quoted word its tokenizer would split (a
/// phrase query). Words that Swift's `Character` reads as one and `unicode61` as several (a
/// Devanagari vowel sign, a circled letter) are split by `SearchText` as the index splits them,
/// and found, not refused, by the store and the in-memory reference alike.
@Suite struct SplitWordTests {
    static let timeline: Timeline = {
        func event(_ id: String, _ title: String) -> String {
            #"{"id":"\#(id)","date":"2016-05-01","title":"\#(title)","participants":{"mode":"mutual","countries":["IND","PAK"]},"kind":"talks","status":"occurred","sources":["s"]}"#
        }
        let text = #"{"format":"bilateral-timeline/1","title":"Scripts","sources":[{"id":"s","publisher":"p"}],"events":["#
            + [event("hindi", "भारत पाकिस्तान वार्ता"), event("circled", "ⓐbc talks"), event("plain", "Talks resume")].joined(separator: ",") + "]}"
        return try! DatasetLoader.load(bytes: Array(text.utf8), name: "s.json")
    }()

    @Test func tokensAsTheIndexSplitsThem() {
        #expect(SearchText.words(in: "भारत") == ["भ", "रत"])
        #expect(SearchText.words(in: "talks") == ["talks"])
        #expect(SearchText.words(in: "ⓐbc") == ["bc"])
    }

    @Test(arguments: ["भारत", "भार", "पाकिस्तान वार्ता", "ⓐbc", "talks"])
    func foundNotRefused(search: String) throws {
        let stores: [any EventStore] = [try StoreWriter.inMemory(dataset: Self.timeline.dataset), MemoryEventStore(timeline: Self.timeline)]
        let counts = try stores.map { try $0.selection(TimelineQuery(text: search)).count }
        #expect(counts[0] >= 1, "the store finds \(search)")
        #expect(counts[0] == counts[1], "as the reference store does")
        #expect(try stores[0].selection(TimelineQuery()).matchCount(SearchText(search)) == counts[0])
    }

    /// `validate` samples events by their titles' first words: a split one is found too.
    @Test func validatorFindsASplitTitle() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try StoreWriter.write(dataset: Self.timeline.dataset, to: directory + "/s.bilateral")
        #expect(try StoreValidator.validate(path: directory + "/s.bilateral") == [])
    }
}
