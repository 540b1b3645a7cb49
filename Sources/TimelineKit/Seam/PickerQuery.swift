/// A page of a picker: what is typed, and which part of the busiest-first list.
public struct PickerQuery: Sendable, Hashable {
    /// As typed; matched through `PickerKeys.normalized`.
    public var text: String
    public var offset: Int
    public var limit: Int

    public init(text: String = "", offset: Int = 0, limit: Int = 100) {
        self.text = text
        self.offset = max(0, offset)
        self.limit = max(0, limit)
    }
}

/// What a picker's typed text matches, the same in every store: the text normalized
/// (`normalized`) must begin one of the entry's keys. Keys are folded (case and accents, as
/// `SearchText.fold`) with every run of other characters than letters and digits made one "-".
public enum PickerKeys {
    /// The typed text as keys are written: folded, separators made one "-", none at either end.
    /// "RUS–pak", "rus pak" and "rus-pak" are all "rus-pak". Empty: everything matches.
    public static func normalized(_ text: String) -> String {
        SearchText.words(in: text).joined(separator: "-")
    }

    /// A pair's keys: its label both ways round ("rus-pak", "pak-rus"), the alpha-2 codes both ways
    /// ("ru-pk", "pk-ru"), and the two names both ways ("russia-pakistan", "pakistan-russia"):
    /// so a prefix of either code, of either country's name, or of the label finds it.
    public static func pair(_ first: Country, _ second: Country) -> [String] {
        let a = normalized(first.name), b = normalized(second.name)
        let codes = [first.alpha3 + "-" + second.alpha3, second.alpha3 + "-" + first.alpha3,
                     first.alpha2 + "-" + second.alpha2, second.alpha2 + "-" + first.alpha2].map { $0.lowercased() }
        return unique(codes + [a + "-" + b, b + "-" + a])
    }

    /// A country's keys: its alpha-3 and alpha-2 codes and its name.
    public static func country(_ country: Country) -> [String] {
        unique([country.alpha3.lowercased(), country.alpha2.lowercased(), normalized(country.name)])
    }

    /// A speaker's keys: the name from each of its words on ("vladimir-putin", "putin"), so a prefix
    /// of the first name or of the last finds them.
    public static func speaker(_ person: Person) -> [String] {
        let words = SearchText.words(in: person.name)
        return unique(words.indices.map { words[$0...].joined(separator: "-") })
    }

    /// Whether typed text (already `normalized`) begins one of the keys.
    public static func matches(_ normalizedText: String, keys: [String]) -> Bool {
        normalizedText.isEmpty || keys.contains { $0.hasPrefix(normalizedText) }
    }

    /// Every prefix of the keys, up to `length` characters, each once: what a store indexes so that
    /// a picker's page is one range scan (typed text longer than `length` is looked up by its first
    /// `length` characters, and the few entries found checked in full with `matches`).
    public static func prefixes(of keys: [String], upTo length: Int) -> Set<String> {
        var prefixes = Set<String>()
        for key in keys {
            var prefix = ""
            for character in key.prefix(length) {
                prefix.append(character)
                prefixes.insert(prefix)
            }
        }
        return prefixes
    }

    private static func unique(_ keys: [String]) -> [String] {
        var seen = Set<String>()
        return keys.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}

extension EventStore {
    /// Every pair, busiest first, a page at a time: for the commands that list them all (`pairs`,
    /// the import summary), never for a key.
    public func allPairs() throws -> [PairSummary] {
        try allPages { try pairs(PickerQuery(offset: $0, limit: $1)) }
    }

    /// Every country, busiest first, a page at a time (commands, not keys).
    public func allCountries() throws -> [CountryCount] {
        try allPages { try countries(PickerQuery(offset: $0, limit: $1)) }
    }

    /// One pair's summary (its label in the dataset's order of the two countries), found through
    /// the pair picker's index by its codes: a page of a few entries, whatever the number of pairs.
    public func summary(of pair: CountryPair) throws -> PairSummary? {
        let text = pair.first.alpha3 + "-" + pair.second.alpha3
        var offset = 0
        while true {
            let page = try pairs(PickerQuery(text: text, offset: offset, limit: 8))
            if let found = page.first(where: { $0.pair == pair }) { return found }
            if page.count < 8 { return nil }
            offset += page.count
        }
    }

    /// The busiest `limit` pairs, of those `country` takes part in when it is given: the country's
    /// code is a prefix of its pairs' keys, so this reads pages of the picker's index until enough
    /// of them are the country's (other keys the code begins, such as a name, are skipped).
    public func busiestPairs(involving country: Country?, limit: Int) throws -> [PairSummary] {
        var found: [PairSummary] = [], offset = 0
        let text = country?.alpha3 ?? ""
        while found.count < limit {
            let page = try pairs(PickerQuery(text: text, offset: offset, limit: 64))
            found += page.filter { country.map($0.pair.contains) ?? true }
            if page.count < 64 { break }
            offset += page.count
        }
        return Array(found.prefix(limit))
    }

    private func allPages<T>(_ page: (_ offset: Int, _ limit: Int) throws -> [T]) throws -> [T] {
        var all: [T] = []
        let size = 4096
        while true {
            let next = try page(all.count, size)
            all += next
            if next.count < size { return all }
        }
    }
}
