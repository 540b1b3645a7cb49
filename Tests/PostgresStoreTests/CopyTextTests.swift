import NIOCore
@testable import PostgresStore
import Testing
import TimelineKit

/// COPY's text format as the import writes it: what must be escaped is, and nothing else.
@Suite("COPY text") struct CopyTextTests {
    private func text(_ build: (inout CopyText) -> Void) -> String {
        var copy = CopyText()
        build(&copy)
        return String(buffer: copy.buffer)
    }

    @Test func fieldsRowsAndNull() {
        let row = text {
            $0.field("plain")
            $0.field(nil as String?)
            $0.field(-42)
            $0.field(2.5)
            $0.field(Double.nan)
            $0.endRow()
        }
        #expect(row == "plain\t\\N\t-42\t2.5\t\\N\n")
    }

    @Test func escapesOnlyWhatCopyEscapes() {
        #expect(text { $0.field("a\\b\tc\nd\re") } == "a\\\\b\\tc\\nd\\re")
        #expect(text { $0.field("it's \"fine\" ß") } == "it's \"fine\" ß")
    }

    @Test func lexemesQuoteEachWordAndDoubleQuotesAndBackslashes() {
        #expect(text { $0.lexemes(["talk", "", "moscow"]) } == "'talk' 'moscow'")
        #expect(text { $0.lexemes(["it's"]) } == "'it''s'")
        // The lexeme doubles the backslash; COPY then escapes each of the two.
        #expect(text { $0.lexemes(["a\\b"]) } == "'a\\\\\\\\b'")
        #expect(text { $0.lexemes(["a\tb"]) } == "'a\\tb'")
        #expect(text { $0.lexemes([]) } == "")
    }

    @Test func integersAtTheirEdges() {
        #expect(text { $0.field(0); $0.field(Int.max); $0.field(Int.min); $0.field(-7) }
                == "0\t9223372036854775807\t-9223372036854775808\t-7")
        #expect(text { $0.field([Int]()); $0.field([3, -10, 0, Int.min]) } == "{}\t{3,-10,0,-9223372036854775808}")
    }

    /// Lexemes written straight from texts are those of the texts' `SearchText` words: ASCII split
    /// and lowered here, other text through `SearchText`; nil texts, empty texts, texts of no word.
    @Test func lexemesOfTextsAreTheirSearchWords() {
        let texts: [String?] = ["Russia–Pakistan TALKS, 2014!", nil, "", "  --  ", "x", "Côte d'Ivoire", "ab12CD_ef", "Ünïcode and ASCII", "end."]
        let expected = text { $0.lexemes(texts.compactMap { $0 }.flatMap(SearchText.words(in:))) }
        #expect(text { $0.lexemes(of: texts) } == expected)
        #expect(expected == "'russia' 'pakistan' 'talks' '2014' 'x' 'cote' 'd' 'ivoire' 'ab12cd' 'ef' 'unicode' 'and' 'ascii' 'end'")
        #expect(text { $0.lexemes(of: [nil, "", "!?"]) } == "")
        #expect(text { $0.lexemes(of: ["A"]); $0.field("b") } == "'a'\tb")
    }
}
