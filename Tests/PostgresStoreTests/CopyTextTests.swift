import NIOCore
@testable import PostgresStore
import Testing

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
}
