import DatasetFormats
import ReferenceStore
import TerminalText
import Testing
import TimelineKit
@testable import TimelineUI

@Suite("Text width, truncation and sanitizing")
struct TextTests {
    @Test("Display width by grapheme cluster", arguments: [
        ("abc", 3), ("日本", 4), ("Кириллица", 9), ("🎉", 2), ("e\u{301}", 1), ("🇵🇰", 2), ("👩‍👩‍👧", 2),
        ("한국어", 6), ("ＡＢ", 4), ("☺︎", 1), ("❤️", 2), ("", 0),
    ])
    func widths(_ text: String, _ width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test("Truncation ends with … at the right column and never splits a character")
    func truncation() {
        #expect(DisplayWidth.truncate("Friendship 2017", to: 10) == "Friendshi…")
        #expect(DisplayWidth.truncate("日本語のタイトル", to: 7) == "日本語…")
        #expect(DisplayWidth.truncate("日本語のタイトル", to: 6) == "日本…")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.truncate("🎉🎉🎉", to: 4) == "🎉…")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
        #expect(DisplayWidth.truncate("abcdef", to: 1) == "…")
        for width in 0...20 {
            #expect(DisplayWidth.of(DisplayWidth.truncate("日本語 and Кириллица 🎉 mixed", to: width)) <= width)
        }
        #expect(DisplayWidth.fit("日本", to: 5) == "日本 ")
    }

    @Test("Controls, escapes and bidi overrides become visible placeholders")
    func sanitizer() {
        #expect(Sanitizer.line("\u{1B}[31mred\u{1B}[0m") == "␛[31mred␛[0m")
        #expect(Sanitizer.line("bell\u{07}") == "bell␇")
        #expect(Sanitizer.line("a\u{7F}b") == "a␡b")
        #expect(Sanitizer.line("csi\u{9B}31m") == "csi␦31m")
        #expect(Sanitizer.line("\u{202E}desrever") == "␦desrever")
        #expect(Sanitizer.line("two\nlines") == "two␊lines")
        #expect(Sanitizer.paragraph("two\r\nlines") == "two\nlines")
        #expect(Sanitizer.line("a\tb") == "a       b")
        #expect(Sanitizer.line("Кириллица 日本 🎉") == "Кириллица 日本 🎉")
        #expect(Sanitizer.line(bytes: [0x61, 0xFF, 0x62]) == "a\u{FFFD}b")
        let hostile = "\u{1B}]0;title\u{07}\u{1B}]52;c;aGk=\u{07}\u{1B}P\u{1B}\\\u{9D}\u{2066}x\u{2069}"
        let cleaned = Sanitizer.line(hostile)
        #expect(!cleaned.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x2066...0x2069).contains($0.value) })
    }

    @Test("Wrapping by display width")
    func wrapping() {
        #expect(TextWrap.wrap("the quick brown fox jumps", width: 10) == ["the quick", "brown fox", "jumps"])
        #expect(TextWrap.wrap("日本語日本語", width: 5) == ["日本", "語日", "本語"])
        #expect(TextWrap.wrap("one\n\ntwo", width: 10) == ["one", "", "two"])
        #expect(TextWrap.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextWrap.wrap("日", width: 1) == [""], "nothing fits: one empty line, no split character")
        #expect(TextWrap.wrap("anything", width: 0) == [])
    }
}

@Suite("Search highlighting")
struct HighlighterTests {
    private func marked(_ text: String, _ term: String) -> [String] {
        Highlighter.highlight(StyledLine(text), term: term).spans.filter { $0.style == .match }.map(\.text)
    }

    @Test("Each word is marked where it begins a word, with case and accents folded")
    func wordsAtWordStarts() {
        #expect(marked("Zürich talks; envoys and Envoy", "zuri ENVOY") == ["Züri", "envoy", "Envoy"])
        #expect(marked("Helicopters", "copter") == [], "inside a word is not a match, as in the store")
        #expect(marked("Mi-35M deal", "35m") == ["35M"])
        #expect(marked("nothing here", "") == [])
    }
}
