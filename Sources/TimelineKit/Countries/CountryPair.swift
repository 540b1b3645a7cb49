/// An undirected pair of countries: `RUS-PAK` and `PAK-RUS` are the same pair.
/// The stored order is canonical (by alpha-3) so pairs hash and compare as sets.
public struct CountryPair: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let first: Country
    public let second: Country

    public init(_ a: Country, _ b: Country) {
        if a.alpha3 <= b.alpha3 { first = a; second = b } else { first = b; second = a }
    }

    public func contains(_ country: Country) -> Bool { first == country || second == country }

    public static func < (lhs: CountryPair, rhs: CountryPair) -> Bool {
        (lhs.first.alpha3, lhs.second.alpha3) < (rhs.first.alpha3, rhs.second.alpha3)
    }

    /// "PAK–RUS" in canonical order; a timeline may prefer another order for display.
    public var description: String { "\(first.alpha3)–\(second.alpha3)" }

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Parses "RUS-PAK", "pk-ru", "Russia–Pakistan", "Russia/Pakistan" (any case; '-', '–', '—' or '/').
    /// Names that contain a hyphen ("Guinea-Bissau") are tried at every separator.
    public static func parse(_ text: String) throws(ParseError) -> CountryPair {
        let characters = Array(text)
        let separators: Set<Character> = ["-", "–", "—", "/"]
        let positions = characters.indices.filter { separators.contains(characters[$0]) }
        guard !positions.isEmpty else {
            throw ParseError(description: "\(MessageText.quoted(text)) is not a pair; write two countries like RUS-PAK")
        }
        var firstUnknown: String?
        for position in positions {
            let left = String(characters[..<position]).trimmingWhitespace()
            let right = String(characters[(position + 1)...]).trimmingWhitespace()
            let a = Country(lenient: left), b = Country(lenient: right)
            if let a, let b {
                guard a != b else { throw ParseError(description: "\(MessageText.quoted(text)) names \(a.alpha3) twice; a pair needs two countries") }
                return CountryPair(a, b)
            }
            if firstUnknown == nil { firstUnknown = a == nil ? left : right }
        }
        throw ParseError(description: Country.unknownMessage(for: firstUnknown ?? text))
    }
}

extension String {
    /// The string without leading and trailing white space (no Foundation needed).
    public func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
