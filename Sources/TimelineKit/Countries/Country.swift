import Foundation

/// An ISO 3166-1 country, stored as a small index into the built-in table so that
/// events, pairs and indexes stay compact on datasets of a million events.
public struct Country: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: UInt16

    public var alpha2: String { CountryRegistry.shared.entries[Int(index)].alpha2 }
    public var alpha3: String { CountryRegistry.shared.entries[Int(index)].alpha3 }
    /// The common English name for display ("Russia", "Iran").
    public var name: String { CountryRegistry.shared.entries[Int(index)].name }
    public var description: String { alpha3 }

    public static func < (lhs: Country, rhs: Country) -> Bool { lhs.alpha3 < rhs.alpha3 }

    public static var all: [Country] { (0..<CountryRegistry.shared.entries.count).map { Country(index: UInt16($0)) } }

    /// Exactly an upper-case alpha-3 code, as datasets must write it.
    public init?(alpha3 code: String) {
        guard let index = CountryRegistry.shared.byAlpha3[code] else { return nil }
        self.index = index
    }

    init(index: UInt16) { self.index = index }

    /// An alpha-3 code, an alpha-2 code or a name, in any case ("RUS", "ru", "Russia", "russian federation").
    public init?(lenient text: String) {
        guard let index = CountryRegistry.shared.lookup(text) else { return nil }
        self.index = index
    }

    /// The closest known country to an unknown name, for "did you mean" messages.
    public static func suggestion(for text: String) -> Country? {
        CountryRegistry.shared.closest(to: text).map { Country(index: $0) }
    }

    /// "unknown country 'PAKK'; did you mean PAK (Pakistan)?"
    public static func unknownMessage(for text: String, suggesting: Bool = true) -> String {
        var message = "unknown country \(MessageText.quoted(text))"
        if suggesting, let guess = suggestion(for: text) { message += "; did you mean \(guess.alpha3) (\(guess.name))?" }
        return message
    }
}

/// The parsed country table and its lookups, built once on first use.
final class CountryRegistry: Sendable {
    struct Entry: Sendable {
        let alpha2: String
        let alpha3: String
        let name: String
        let searchNames: [String]
    }

    static let shared = CountryRegistry()

    let entries: [Entry]
    let byAlpha3: [String: UInt16]
    private let byKey: [String: UInt16]

    /// Names people use that ISO does not list as the short or common name.
    private static let displayOverrides = ["RUS": "Russia", "BRN": "Brunei", "FSM": "Micronesia"]
    private static let aliases: [String: String] = [
        "russia": "RUS", "usa": "USA", "us": "USA", "america": "USA", "united states of america": "USA",
        "uk": "GBR", "britain": "GBR", "great britain": "GBR", "england": "GBR",
        "turkey": "TUR", "czech republic": "CZE", "ivory coast": "CIV", "burma": "MMR",
        "east timor": "TLS", "swaziland": "SWZ", "macedonia": "MKD", "vatican": "VAT",
        "palestine": "PSE", "cape verde": "CPV", "holland": "NLD", "persia": "IRN",
        "holy see": "VAT", "vatican city": "VAT", "macau": "MAC",
    ]

    private init() {
        var entries: [Entry] = []
        var byAlpha3: [String: UInt16] = [:]
        var byKey: [String: UInt16] = [:]
        // Columns: alpha-2, alpha-3, display name, ISO short name, official name (Debian's iso-codes).
        for fields in TabSeparatedTable(CountryTable.iso3166).rows {
            let alpha3 = fields[1]
            let index = UInt16(entries.count)
            // The name shown is always one that finds the country again.
            let shown = CountryRegistry.displayOverrides[alpha3].map { [$0] } ?? []
            let names = Set((fields[2...].filter { !$0.isEmpty } + shown).map(CountryRegistry.normalize))
            entries.append(Entry(alpha2: fields[0], alpha3: alpha3,
                                 name: CountryRegistry.displayOverrides[alpha3] ?? fields[2],
                                 searchNames: names.sorted()))
            byAlpha3[alpha3] = index
            byKey[alpha3.lowercased()] = index
            byKey[fields[0].lowercased()] = index
            for name in names { byKey[name] = index }
        }
        for (alias, alpha3) in CountryRegistry.aliases { byKey[alias] = byAlpha3[alpha3] }
        self.entries = entries
        self.byAlpha3 = byAlpha3
        self.byKey = byKey
    }

    /// Lower case, accents folded, punctuation dropped, spaces collapsed: "Côte d'Ivoire" → "cote divoire".
    static func normalize(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        var result = ""
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                if pendingSpace && !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            } else if scalar == " " || scalar == "," || scalar == "-" {
                pendingSpace = true
            }
        }
        return result
    }

    /// Longer than any country's name (the longest is under 60 characters): such a text is
    /// not looked up or compared at all, so a million-character code costs nothing.
    static let maxNameLength = 100

    func lookup(_ text: String) -> UInt16? {
        guard text.utf8.count <= Self.maxNameLength else { return nil }
        return byKey[CountryRegistry.normalize(text.trimmingCharacters(in: .whitespaces))]
    }

    func closest(to text: String) -> UInt16? {
        guard text.utf8.count <= Self.maxNameLength else { return nil }
        let key = CountryRegistry.normalize(text)
        guard !key.isEmpty else { return nil }
        // A guess further than half the word away is noise, not help.
        let limit = max(1, key.unicodeScalars.count / 2)
        // Every name, not only the alpha-3 codes: the best guess may be any of them.
        let candidates = entries.enumerated().lazy.flatMap { index, entry in
            ([entry.alpha3, entry.alpha2] + entry.searchNames).map { (index: UInt16(index), name: $0) }
        }
        return EditDistance.closest(to: key, in: candidates, limit: limit, name: \.name)?.index
    }
}
