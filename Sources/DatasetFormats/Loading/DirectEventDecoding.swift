import TimelineKit

extension DatasetDecoder {
    /// One streamed event decoded straight from its bytes (see `DirectEventReader`), or nil when it
    /// is not plainly right: then nothing has changed, the parser included, and the caller decodes
    /// it the usual way (`decodeStreamedEvent`) from the same offset, so that every problem is
    /// reported by one decoder, in the same words at the same offsets.
    mutating func decodeDirectEvent(_ parser: inout JSONParser, index: Int) -> Event? {
        var reader = DirectEventReader(parser: parser, sourceIDs: sourceIDs.indices, peopleIDs: peopleIDs.indices)
        // A repeated id is not added (`insert` gives the index it has): the usual way reports it.
        guard let event = reader.event(), eventIDs.insert(event.id, index: index) == nil else { return nil }
        parser = reader.parser
        return event
    }
}

/// Reads an event of our JSON format from its bytes without the tree (`JSONNode`) and the
/// `ObjectReader`s that `DatasetDecoder.decodeEvent` goes through: on a million events their
/// allocations and bookkeeping were most of the reading thread's time (BENCHMARKS.md).
///
/// It takes only an event that `decodeEvent` would take without a word: every member one it
/// knows, given once, of its type and valid; every reference known. Anything else, a problem or
/// merely something unusual (a null, an `x-` member, a country with its actor, an escaped member
/// name), makes it give up with nil, and the event goes the usual way. So it need not know any
/// message, and what it returns must equal what `decodeEvent` returns for the same bytes
/// (`DirectEventTests` compares them over mutated files).
struct DirectEventReader {
    var parser: JSONParser
    let sourceIDs: [String: Int]
    let peopleIDs: [String: Int]

    /// An event's members, one bit each for "given already".
    private enum Member: UInt32 {
        case id, date, title, summary, participants, kind, cameo, place, status, tags, sources, people, notes, attributes

        var bit: UInt32 { 1 << rawValue }

        init?(_ name: UnsafeBufferPointer<UInt8>) {
            // By length first: most names are then told apart by one comparison.
            let found: Member?
            switch name.count {
            case 2: found = Self.match(name, ["id": .id])
            case 4: found = Self.match(name, ["date": .date, "kind": .kind, "tags": .tags])
            case 5: found = Self.match(name, ["title": .title, "place": .place, "cameo": .cameo, "notes": .notes])
            case 6: found = Self.match(name, ["status": .status, "people": .people])
            case 7: found = Self.match(name, ["summary": .summary, "sources": .sources])
            case 10: found = Self.match(name, ["attributes": .attributes])
            case 12: found = Self.match(name, ["participants": .participants])
            default: found = nil
            }
            guard let found else { return nil }
            self = found
        }

        private static func match(_ name: UnsafeBufferPointer<UInt8>, _ candidates: KeyValuePairs<StaticString, Member>) -> Member? {
            candidates.first { DirectEventReader.equals(name, $0.key) }?.value
        }
    }

    static func equals(_ name: UnsafeBufferPointer<UInt8>, _ expected: StaticString) -> Bool {
        name.elementsEqual(UnsafeBufferPointer(start: expected.utf8Start, count: expected.utf8CodeUnitCount))
    }

    mutating func event() -> Event? {
        var given: UInt32 = 0
        var id: String?, date: EDTFDate?, title: String?, kind: String?, status: EventStatus?, sources: [Int]?
        var summary = "", participants = Participants.none, place: Place?, cameo: String?
        var tags: [String] = [], people: [Int] = [], notes: [EventNote] = [], attributes: [Attribute] = []
        let complete = object { reader, name in
            guard let member = Member(name), given & member.bit == 0 else { return false }
            given |= member.bit
            switch member {
            case .id: id = reader.identifier(); return id != nil
            case .date: date = reader.text().flatMap { try? EDTFDate(parsing: $0) }; return date != nil
            case .title: title = reader.text(); return title != nil
            case .kind: kind = reader.text().flatMap { DatasetDecoder.isKindName($0) ? $0 : nil }; return kind != nil
            case .status: status = reader.text().flatMap(EventStatus.init(rawValue:)); return status != nil
            case .sources: sources = reader.references(reader.sourceIDs).flatMap { $0.isEmpty ? nil : $0 }; return sources != nil
            case .summary: return reader.take(reader.anyText(), into: &summary)
            case .participants: return reader.take(reader.participants(), into: &participants)
            case .cameo:
                cameo = reader.anyText().flatMap { EventClassification.isCAMEOCode($0) ? $0 : nil }
                return cameo != nil
            case .place: place = reader.place(); return place != nil
            case .tags: return reader.take(reader.list { $0.anyText() }, into: &tags)
            case .people: return reader.take(reader.references(reader.peopleIDs), into: &people)
            case .notes: return reader.take(reader.list { $0.note() }, into: &notes)
            case .attributes: return reader.take(reader.attributes(), into: &attributes)
            }
        }
        guard complete, let id, let date, let title, let kind, let status, let sources else { return nil }
        return Event(id: id, date: date, title: title, summary: summary, participants: participants, kind: kind, place: place,
                     status: status, tags: tags, sources: sources, people: people, notes: notes, attributes: attributes, cameo: cameo)
    }

    /// Sets `target` to a value that was read; false when it was not.
    private func take<T>(_ value: T?, into target: inout T) -> Bool {
        guard let value else { return false }
        target = value
        return true
    }

    // MARK: - Values

    /// A string, blank or not.
    mutating func anyText() -> String? {
        parser.skipWhitespace()
        guard parser.current == UInt8(ascii: "\""), let text = try? parser.parseString() else { return nil }
        return text
    }

    /// A string that is not blank (a required member).
    mutating func text() -> String? {
        anyText().flatMap { ObjectReader.isBlank($0) ? nil : $0 }
    }

    /// An id (`ObjectReader.isIdentifier`).
    mutating func identifier() -> String? {
        text().flatMap { ObjectReader.isIdentifier($0) ? $0 : nil }
    }

    /// A country written as its alpha-3 code (a country with its actor goes the usual way).
    mutating func country() -> Country? {
        anyText().flatMap { Country(alpha3: $0) }
    }

    /// Ids that all resolve in `ids`.
    mutating func references(_ ids: [String: Int]) -> [Int]? {
        list { reader in reader.anyText().flatMap { ids[$0] } }
    }

    /// Countries, each given once, at least one.
    mutating func countries() -> [Country]? {
        guard let countries = list({ $0.country() }), !countries.isEmpty else { return nil }
        for (index, country) in countries.enumerated() where countries[..<index].contains(country) { return nil }
        return countries
    }

    private static let placeMembers: [StaticString] = ["name", "country"]
    private static let noteMembers: [StaticString] = ["text", "sources"]

    /// `{"name": …, "country": …}`, the country optional.
    mutating func place() -> Place? {
        var name: String?, country: Country?
        let given = object(named: Self.placeMembers) { reader, member in
            if member == 0 { name = reader.text(); return name != nil }
            country = reader.country()
            return country != nil
        }
        guard given != nil, let name else { return nil }
        return Place(name: name, country: country)
    }

    /// `{"text": …, "sources": […]}`, the sources optional.
    mutating func note() -> EventNote? {
        var text: String?, sources: [Int] = []
        let given = object(named: Self.noteMembers) { reader, member in
            if member == 0 { text = reader.text(); return text != nil }
            return reader.take(reader.references(reader.sourceIDs), into: &sources)
        }
        guard given != nil, let text else { return nil }
        return EventNote(text: text, sources: sources)
    }

    /// Names to strings or finite numbers, in the file's order, each name given once and not empty.
    mutating func attributes() -> [Attribute]? {
        var attributes: [Attribute] = []
        // Repeats found by a scan while there are few names, by a set beyond (as `ObjectReader` does):
        // an event may hold thousands, and a scan of them all for each would be quadratic.
        var names = Set<String>()
        let complete = object { reader, name in
            let key = String(decoding: name, as: UTF8.self)
            guard !key.isEmpty else { return false }
            if attributes.count < 16 {
                guard !attributes.contains(where: { $0.name == key }) else { return false }
            } else {
                if names.isEmpty { names = Set(attributes.map(\.name)) }
                guard names.insert(key).inserted else { return false }
            }
            reader.parser.skipWhitespace()
            guard let first = reader.parser.current else { return false }
            switch first {
            case UInt8(ascii: "\""):
                guard let value = reader.anyText() else { return false }
                attributes.append(Attribute(key, .string(value)))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard let node = try? reader.parser.parseValue(depth: 4), case .number(let number) = node.value,
                      number.isFinite else { return false }
                attributes.append(Attribute(key, .number(number)))
            default:
                return false
            }
            return true
        }
        return complete ? attributes : nil
    }

    /// The participants' members, in the order `participants` names them.
    private enum ParticipantsMember: Int {
        case mode, countries, from, to, hub, spokes

        static let names: [StaticString] = ["mode", "countries", "from", "to", "hub", "spokes"]
        /// The members a mode needs, exactly, as `object(named:)`'s bits.
        static func given(_ members: ParticipantsMember...) -> UInt64 { members.reduce(0) { $0 | 1 << $1.rawValue } }
    }

    /// `{"mode": …}` with exactly the members its mode needs, and what each mode requires of them.
    mutating func participants() -> Participants? {
        var mode: String?, countries: [Country]?, from: [Country]?, to: [Country]?, hub: Country?, spokes: [Country]?
        let given = object(named: ParticipantsMember.names) { reader, index in
            switch ParticipantsMember(rawValue: index)! {
            case .mode: mode = reader.text(); return mode != nil
            case .countries: countries = reader.countries(); return countries != nil
            case .from: from = reader.countries(); return from != nil
            case .to: to = reader.countries(); return to != nil
            case .hub: hub = reader.country(); return hub != nil
            case .spokes: spokes = reader.countries(); return spokes != nil
            }
        }
        guard let given, let mode else { return nil }
        typealias M = ParticipantsMember
        switch mode {
        case "mutual" where given == M.given(.mode, .countries):
            guard let countries, countries.count >= 2 else { return nil }
            return .mutual(countries)
        case "directed" where given == M.given(.mode, .from, .to):
            guard let from, let to, !from.contains(where: to.contains) else { return nil }
            return .directed(from: from, to: to)
        case "hub" where given == M.given(.mode, .hub, .spokes):
            guard let hub, let spokes, !spokes.contains(hub) else { return nil }
            return .hub(hub, spokes: spokes)
        default:
            return nil
        }
    }

    // MARK: - Structure

    /// `[a, b, …]`, each element read by `element` (nil: give up).
    mutating func list<T>(_ element: (inout DirectEventReader) -> T?) -> [T]? {
        parser.skipWhitespace()
        guard parser.current == UInt8(ascii: "[") else { return nil }
        parser.index += 1
        var result: [T] = []
        parser.skipWhitespace()
        if parser.current == UInt8(ascii: "]") {
            parser.index += 1
            return result
        }
        while true {
            guard let value = element(&self) else { return nil }
            result.append(value)
            parser.skipWhitespace()
            if parser.current == UInt8(ascii: ",") { parser.index += 1; continue }
            guard parser.current == UInt8(ascii: "]") else { return nil }
            parser.index += 1
            return result
        }
    }

    /// `{"name": value, …}`: `member` is given each name (its bytes: one with an escape gives up)
    /// with the parser at its value, reads the value and says whether to go on. False when the
    /// object is not one or a member gave up.
    mutating func object(_ member: (inout DirectEventReader, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        parser.skipWhitespace()
        guard parser.current == UInt8(ascii: "{") else { return false }
        parser.index += 1
        parser.skipWhitespace()
        if parser.current == UInt8(ascii: "}") {
            parser.index += 1
            return true
        }
        while true {
            parser.skipWhitespace()
            guard let name = plainName() else { return false }
            parser.skipWhitespace()
            guard parser.current == UInt8(ascii: ":") else { return false }
            parser.index += 1
            parser.skipWhitespace()
            guard member(&self, name) else { return false }
            parser.skipWhitespace()
            if parser.current == UInt8(ascii: ",") { parser.index += 1; continue }
            guard parser.current == UInt8(ascii: "}") else { return false }
            parser.index += 1
            return true
        }
    }

    /// `object` for members known by name: each of `names` at most once (any other name, or one
    /// repeated, gives up). `member` reads the value of `names[index]`. The members given, bit
    /// `index` each; nil when the object is not one or a member gave up.
    mutating func object(named names: [StaticString], _ member: (inout DirectEventReader, _ index: Int) -> Bool) -> UInt64? {
        var given: UInt64 = 0
        let complete = object { reader, name in
            guard let index = names.firstIndex(where: { Self.equals(name, $0) }), given & 1 << index == 0 else { return false }
            given |= 1 << index
            return member(&reader, index)
        }
        return complete ? given : nil
    }

    /// A member name's bytes when it holds no escape and no control character.
    private mutating func plainName() -> UnsafeBufferPointer<UInt8>? {
        let bytes = parser.bytes
        guard parser.current == UInt8(ascii: "\"") else { return nil }
        let start = parser.index + 1
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") {
                parser.index = end + 1
                return UnsafeBufferPointer(rebasing: bytes[start..<end])
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            end += 1
        }
        return nil
    }
}
