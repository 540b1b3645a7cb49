@testable import SQLiteStore
import Testing
import TimelineKit

/// `PickerPrefixRows` gives exactly the rows `PickerKeys.prefixes` names for each entry (every
/// prefix of every key up to the length, once per entry), in the order SQLite keeps the table:
/// prefix by UTF-8 bytes, then rank.
@Suite struct PickerPrefixRowsTests {
    static func expected(_ keys: [[String]], upTo length: Int) -> [String] {
        keys.enumerated().flatMap { rank, entryKeys in
            PickerKeys.prefixes(of: entryKeys, upTo: length).map { ($0, rank) }
        }
        .sorted { a, b in a.0 == b.0 ? a.1 < b.1 : a.0.utf8.lexicographicallyPrecedes(b.0.utf8) }
        .map { "\($0.0) \($0.1)" }
    }

    static func rows(_ keys: [[String]], upTo length: Int) -> [String] {
        var rows: [String] = []
        PickerPrefixRows(keys: keys, upTo: length).forEach { rows.append("\($0) \($1)") }
        return rows
    }

    @Test("Every prefix of every key, once per entry, by bytes then rank")
    func rowsInTableOrder() {
        let keys: [[String]] = [
            ["rus-pak", "pak-rus", "ru-pk", "pk-ru", "russia-pakistan", "pakistan-russia"],
            ["rus-chn", "chn-rus", "russia-china", "china-russia"],
            ["putin", "vladimir-putin"],
            // Beyond ASCII: a letter no folding removes, one of two bytes and one of three, and a
            // character of two scalars that is one prefix, not two.
            ["øresund", "ωμέγα", "東京", "e\u{301}x"],
            [],
            ["a"],
            ["rus-pak"],
        ]
        for length in [1, 2, 3, 24] {
            #expect(Self.rows(keys, upTo: length) == Self.expected(keys, upTo: length), "up to \(length)")
        }
        let shortest = Self.rows(keys, upTo: 2)
        #expect(shortest.filter { $0.hasPrefix("r ") } == ["r 0", "r 1", "r 6"])
        #expect(shortest.contains("e\u{301}x 3") && !shortest.contains("e 3"))
        // Bytes, not Swift's order: "z" (0x7A) before "ø" (0xC3 0xB8) before "ω" and "東".
        let firsts = shortest.map { $0.split(separator: " ")[0] }.filter { $0.count == 1 }
        #expect(firsts.last == "東" && firsts.firstIndex(of: "ø")! < firsts.firstIndex(of: "ω")!)
    }

    /// Both ways of making the rows: the walk in byte order that printable ASCII allows, and the
    /// one for any keys.
    static func rowsBothWays(_ keys: [[String]], upTo length: Int) -> (ascii: [String], any: [String]) {
        var ascii: [String] = [], any: [String] = []
        PickerPrefixRows(printableASCII: keys, upTo: length).forEach { ascii.append("\($0) \($1)") }
        PickerPrefixRows(anyKeys: keys, upTo: length).forEach { any.append("\($0) \($1)") }
        return (ascii, any)
    }

    @Test("Printable ASCII keys walked in byte order give the same rows as any keys")
    func asciiWalk() {
        var random = TestRandom(seed: 7)
        // Short keys from few letters, so that many share prefixes, repeat within and across entries,
        // and end where another goes on ("ab" and "ab-c"); an entry with none; a key longer than the cap.
        let letters = Array("ab-c")
        var keys: [[String]] = (0..<400).map { _ in
            (0..<random.below(5)).map { _ in String((0...random.below(6)).map { _ in letters[random.below(letters.count)] }) }
        }
        keys.append(["russia-pakistan-and-more-than-twenty-four", "rus-pak"])
        #expect(keys.allSatisfy { $0.allSatisfy(PickerPrefixRows.isPrintableASCII) })
        for length in [1, 2, 5, 24] {
            let (ascii, any) = Self.rowsBothWays(keys, upTo: length)
            let expected = Self.expected(keys, upTo: length)
            #expect(ascii == expected, "up to \(length)")
            #expect(any == expected, "up to \(length)")
        }
        #expect(Self.rowsBothWays(keys, upTo: 24).ascii.contains("russia-pakistan-and-more 400"))
        #expect(!Self.rowsBothWays(keys, upTo: 24).ascii.contains("russia-pakistan-and-more- 400"))
        // Beyond printable ASCII: a tab, a line break of two bytes that is one character, a letter.
        #expect(!["a\tb", "a\r\nb", "ø"].contains(where: PickerPrefixRows.isPrintableASCII))
    }

    @Test("No keys, no rows")
    func empty() {
        #expect(Self.rows([], upTo: 24).isEmpty)
        #expect(Self.rows([[], []], upTo: 24).isEmpty)
        #expect(Self.rowsBothWays([[], [""]], upTo: 24) == ([], []))
    }
}
