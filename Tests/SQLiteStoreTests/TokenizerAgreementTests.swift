import Foundation
import GRDB
import SQLiteStore
import Testing
import TimelineKit

/// The index is given `SearchText`'s words, not the raw text (the writers fold non-ASCII text
/// first), and its tokenizer (`unicode61 remove_diacritics 2` of the SQLite the store runs on)
/// must keep each of them as one term, unchanged: the search bitmaps are built from the words and
/// trusted over the index, and a search word the index splits in two is refused as a phrase
/// (`detail=none`). So every assigned code point, between two ASCII letters, is folded and split
/// by `SearchText`, the words go to an FTS5 table of the store's tokenizer, and the terms it holds
/// for that row are compared with them.
@Suite struct TokenizerAgreementTests {
    /// Every assigned code point from U+00A0 (ASCII is split byte by byte and tested elsewhere),
    /// but only the ends of the private-use planes (130,000 code points of one category).
    static func scalars() -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        for value in UInt32(0xA0)...0x10FFFF {
            if (0xF0100...0xFFEFF).contains(value) || (0x100100...0x10FEFF).contains(value) { continue }
            guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory != .unassigned,
                  scalar.properties.generalCategory != .surrogate else { continue }
            scalars.append(scalar)
        }
        return scalars
    }

    @Test func everyCodePointsWordsStayWholeInTheIndex() throws {
        let db = try DatabaseQueue()
        let scalars = Self.scalars()
        #expect(scalars.count > 140_000)
        let terms: [Int: [String]] = try db.write { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE t USING fts5(words, tokenize='unicode61 remove_diacritics 2', detail=full);
                CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');
                """)
            let insert = try db.makeStatement(sql: "INSERT INTO t(rowid, words) VALUES (?, ?)")
            for (row, scalar) in scalars.enumerated() {
                try insert.execute(arguments: [row, SearchText.words(in: "x\(Character(scalar))y").joined(separator: " ")])
            }
            var terms: [Int: [String]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT doc, term FROM v ORDER BY doc, offset")
            while let row = try rows.next() { terms[row[0], default: []].append(row[1]) }
            return terms
        }
        var disagreements: [String] = []
        for (row, scalar) in scalars.enumerated() {
            let ours = SearchText.words(in: "x\(Character(scalar))y")
            let index = terms[row] ?? []
            if ours != index {
                disagreements.append(String(format: "U+%04X: %@ against the index's %@", scalar.value,
                                            ours.description, index.description))
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) code points: \(disagreements.prefix(30).joined(separator: "; "))")
    }

    /// Both sides of the rule, by name: a New Tai Lue vowel sign and a Vedic ardhavisarga split a
    /// word; a New Tai Lue letter and a Vedic letter beside them do not.
    @Test func theSignsSeparateTheLettersDoNot() {
        #expect(SearchText.words(in: "alpha\u{19B0}beta") == ["alpha", "beta"])
        #expect(SearchText.words(in: "x\u{1CF2}y") == ["x", "y"])
        #expect(SearchText.words(in: "alpha\u{1980}beta") == ["alpha\u{1980}beta"])
        #expect(SearchText.words(in: "x\u{1CF5}y") == ["x\u{1CF5}y"])
    }
}
