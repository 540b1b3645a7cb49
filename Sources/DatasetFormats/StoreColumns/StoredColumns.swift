import TimelineKit

/// The text both stores (SQLite and PostgreSQL) hold in an event's columns, read back: dates,
/// statuses, lists, participants, attributes and actors. One definition, so the two stores cannot
/// drift; each store names its own error for a value that does not decode (a damaged store is bad
/// input, never a trap).
public struct StoredColumns: Sendable {
    private let damaged: @Sendable (String) -> any Error

    /// `damaged`: the store's error for a column that does not decode, given what is wrong.
    public init(damaged: @escaping @Sendable (String) -> any Error) {
        self.damaged = damaged
    }

    /// Text from a store, safe to put in a message: controls shown as `\u{…}`, at most 60 characters.
    public static func shown(_ text: String) -> String {
        var out = ""
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index == 60 { return out + "…" }
            switch scalar.value {
            case 0..<0x20, 0x7F..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public static func list(_ text: String, _ separator: Character = ",") -> [String] {
        text.isEmpty ? [] : text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }

    private func shown(_ text: String) -> String { Self.shown(text) }

    public func date(_ text: String) throws -> EDTFDate {
        do { return try EDTFDate(parsing: text) } catch { throw damaged("bad date '\(shown(text))'") }
    }

    public func status(_ text: String) throws -> EventStatus {
        guard let status = EventStatus(rawValue: text) else { throw damaged("bad status '\(shown(text))'") }
        return status
    }

    /// A list of dataset indices (sources, people), each in `valid`.
    public func indices(_ text: String, valid: Range<Int>) throws -> [Int] {
        try Self.list(text).map {
            guard let value = Int($0), valid.contains(value) else { throw damaged("bad index list '\(shown(text))'") }
            return value
        }
    }

    /// A pair from its `key` ("PAK-RUS", canonical) and `label` ("RUS–PAK", as first shown).
    public func pair(key: String, label: String) throws -> (pair: CountryPair, displayOrder: (Country, Country)) {
        let canonical = Self.list(key, "-"), shown = Self.list(label, "–")
        guard canonical.count == 2, shown.count == 2,
              let a = Country(alpha3: canonical[0]), let b = Country(alpha3: canonical[1]),
              let x = Country(alpha3: shown[0]), let y = Country(alpha3: shown[1]) else {
            throw damaged("bad pair '\(self.shown(key))' '\(self.shown(label))'")
        }
        return (CountryPair(a, b), (x, y))
    }

    public func countries(_ text: String) throws -> [Country] {
        try Self.list(text).map {
            guard let country = Country(alpha3: $0) else { throw damaged("unknown country '\(shown($0))'") }
            return country
        }
    }

    /// The `mode` and `participants` columns: sides split at ">", each a list of codes.
    public func participants(mode: String, text: String) throws -> Participants {
        let sides = text.split(separator: ">", omittingEmptySubsequences: false).map(String.init)
        switch (mode, sides.count) {
        case ("mutual", 1): return .mutual(try countries(sides[0]))
        case ("directed", 2): return .directed(from: try countries(sides[0]), to: try countries(sides[1]))
        case ("none", 1) where text.isEmpty: return .none
        case ("hub", 2):
            let hub = try countries(sides[0])
            guard hub.count == 1 else { throw damaged("bad hub '\(shown(text))'") }
            return .hub(hub[0], spokes: try countries(sides[1]))
        default: throw damaged("bad participants '\(shown(mode))' '\(shown(text))'")
        }
    }

    /// The `attributes` column: a compact JSON object, or NULL for none.
    public func attributes(_ text: String?) throws -> [Attribute] {
        guard let text else { return [] }
        guard let attributes = JSONWriter.parseAttributes(text) else { throw damaged("bad attributes '\(shown(text))'") }
        return attributes
    }

    /// The `actors` column: a JSON object of country code → the actor named within it.
    public func actors(_ text: String) throws -> [CountryActor] {
        guard let pairs = JSONWriter.parseAttributes(text) else { throw damaged("bad actors '\(shown(text))'") }
        return try pairs.map { pair in
            guard let country = Country(alpha3: pair.name), case .string(let name) = pair.value else {
                throw damaged("bad actors '\(shown(text))'")
            }
            return CountryActor(country: country, name: name)
        }
    }
}
