import Foundation
import GRDB
import Testing
@testable import SQLiteStore

/// How searches reach the index: long words expanded to its terms, up to the cap.
@Suite struct SearchTermsTests {
    @Test func expansions() throws {
        let timeline = try Fixtures.generated(events: 150, seed: 9, words: StoreEquivalenceTests.expansionWords)
        let store = try StoreWriter.inMemory(timeline: timeline)
        try store.read { (db: Database) throws -> Void in
            let terms = store.searchTerms
            // Indexed prefixes stay prefix queries.
            #expect(try terms.terms(db, "tal") == nil)
            #expect(try terms.query(db, SearchText("Tal")) == "\"tal\"*")
            // A word that is a term and a prefix of others.
            #expect(try terms.terms(db, "talk") == ["talk", "talkative", "talked", "talkie", "talking", "talks"])
            #expect(try terms.query(db, SearchText("talke")) == "\"talked\"")
            #expect(try terms.terms(db, "talki") == ["talkie", "talking"])
            // More than the cap: a prefix query, and its longer forms are still expanded.
            #expect(try terms.terms(db, "mani") == nil)
            #expect(try terms.terms(db, "mani1") == ["mani1"] + (10...19).map { "mani\($0)" })
            #expect(try terms.query(db, SearchText("mani mani39")) == "\"mani\"* AND \"mani39\"")
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
