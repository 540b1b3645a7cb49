import Foundation

/// A search as the stores understand it: the text is folded (case and accents) and split into
/// words at every character that is not a letter or digit, and an event matches when each word
/// begins some word of its title, summary, place, quotes or quote speakers. This is what SQLite's
/// FTS5 `unicode61 remove_diacritics 2` tokenizer with prefix queries does, so the in-memory
/// reference and the SQLite store agree.
public struct SearchText: Sendable, Hashable {
    public let text: String
    public let words: [String]

    public init(_ text: String) {
        self.text = text
        words = Self.words(in: text)
    }

    /// No words: matches nothing as a search, everything as a filter.
    public var isEmpty: Bool { words.isEmpty }

    /// Folded words, in order.
    public static func words(in text: String) -> [String] {
        fold(text).split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Lower-cased, accents removed; ASCII takes a fast path.
    public static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }
}
