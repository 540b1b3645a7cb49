import Foundation

/// A search as the stores understand it: the text is folded (case and accents) and split into
/// words at every character that is not a letter or digit, and an event matches when each word
/// begins some word of its title, summary, place, quotes or quote speakers. This is what SQLite's
/// FTS5 `unicode61 remove_diacritics 2` tokenizer with prefix queries does, so the in-memory
/// reference and the SQLite store agree: a letter or digit is what `unicode61` takes for one, a
/// code point of Unicode's categories L*, N* or Co (by its Unicode 6.1 tables where Swift's newer
/// ones differ: `unicode61Separators`). (Swift's `Character.isLetter` also takes a
/// letter with its vowel sign, so "भारत" was one word to it and the two terms "भ" and "रत" to the
/// index, whose `detail=none` then refused the search as a phrase.)
public struct SearchText: Sendable, Hashable {
    public let text: String
    public let words: [String]

    public init(_ text: String) {
        self.text = text
        words = Self.words(in: text)
    }

    /// No words: matches nothing as a search, everything as a filter.
    public var isEmpty: Bool { words.isEmpty }

    /// Folded words, in order. ASCII text is split byte by byte: Character properties cost a
    /// Unicode table lookup each, a third of a whole load's time when every event's text passed here.
    public static func words(in text: String) -> [String] {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            return utf8.withContiguousStorageIfAvailable(asciiWords) ?? Array(utf8).withUnsafeBufferPointer(asciiWords)
        }
        var words: [String] = []
        var word = String.UnicodeScalarView()
        for scalar in fold(text).unicodeScalars {
            if isWordScalar(scalar) {
                word.append(scalar)
            } else if !word.isEmpty {
                words.append(String(word))
                word = String.UnicodeScalarView()
            }
        }
        if !word.isEmpty { words.append(String(word)) }
        return words
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .otherLetter:
            return !unicode61Separators.contains { $0.contains(scalar.value) }
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse:
            return true
        default:
            return false
        }
    }

    /// Letters (Lo) to Swift's Unicode tables that `unicode61`'s older ones (Unicode 6.1) file as
    /// spacing marks (Mc), and so split words at: New Tai Lue's vowel signs and tone marks, and
    /// two Vedic signs. Taken for letters here, "alphaᦰbeta" was one word to the store's search
    /// bitmaps and two terms to the index, so a count left out events (and the search was refused
    /// as a phrase). Every code point is compared with the index's terms by
    /// `TokenizerAgreementTests`.
    private static let unicode61Separators: [ClosedRange<UInt32>] = [0x19B0...0x19C0, 0x19C8...0x19C9, 0x1CF2...0x1CF3]

    /// An ASCII byte as the words hold it: a digit or lowercase letter as it is, an uppercase
    /// letter lowered, nil for a separator (what `unicode61` does to ASCII). The one definition of
    /// the rule for every writer that splits ASCII text itself, byte by byte.
    @inlinable @inline(__always)
    public static func asciiWordByte(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39, 0x61...0x7A: return byte
        case 0x41...0x5A: return byte + 32
        default: return nil
        }
    }

    private static func asciiWords(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        for byte in bytes {
            if let letter = asciiWordByte(byte) {
                word.append(letter)
            } else if !word.isEmpty {
                words.append(String(decoding: word, as: UTF8.self))
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// Lower-cased, accents removed; ASCII takes a fast path.
    public static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }
}

extension SearchText {
    /// Whether each of the search's words begins some word of these texts (nothing matches an empty search).
    public func matches(words texts: [String]) -> Bool {
        guard !isEmpty else { return false }
        let candidates = texts.flatMap(Self.words(in:))
        return words.allSatisfy { word in candidates.contains { $0.hasPrefix(word) } }
    }
}
