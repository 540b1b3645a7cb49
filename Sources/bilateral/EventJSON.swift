import DatasetFormats
import TimelineKit

/// `EventRecord` as JSON text written straight into bytes: the very text `JSONOutput.encode` gives
/// (Foundation's JSONEncoder with sorted keys, pretty printed, slashes unescaped, then terminal
/// controls escaped), without building the encoder's tree for each of a million events.
/// `show --format json` still goes through the encoder, and the tests hold the two to the same bytes.
///
/// The encoder's layout: `"key" : value`, members and elements each on their own line indented
/// two spaces a level, an empty container as its brackets around an empty line, keys in the
/// order of their UTF-8 bytes, a whole number without `.0`.
struct EventJSON {
    private(set) var bytes: [UInt8] = []
    /// Written after every line break: what the caller indents the whole record by.
    private let margin: [UInt8]

    init(margin: String = "") {
        self.margin = Array(margin.utf8)
        bytes.reserveCapacity(1 << 16)
    }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func append(raw text: String) { bytes.append(contentsOf: text.utf8) }

    /// One record, its first line unindented (after what the caller wrote), its last line `}`.
    /// False, with nothing written, for a record the encoder would refuse (a number that is not
    /// finite), so the caller can ask the encoder for its error.
    mutating func append(_ record: EventRecord) -> Bool {
        for attribute in record.attributes.attributes {
            if case .number(let number) = attribute.value, !number.isFinite { return false }
        }
        var members = Members(level: 0)
        openObject()
        member(&members, "actors") { json in
            json.array(record.actors, level: 1) { json, actor in
                var fields = Members(level: 2)
                json.openObject()
                json.member(&fields, "actor") { $0.string(actor.actor) }
                json.member(&fields, "country") { $0.string(actor.country) }
                json.closeObject(fields)
            }
        }
        member(&members, "approximate") { $0.bool(record.approximate) }
        member(&members, "attributes") { $0.attributes(record.attributes.attributes, level: 1) }
        if let cameo = record.cameo { member(&members, "cameo") { $0.string(cameo) } }
        member(&members, "category") { $0.string(record.category) }
        member(&members, "date") { $0.string(record.date) }
        member(&members, "dateText") { $0.string(record.dateText) }
        if let earliest = record.earliest { member(&members, "earliest") { $0.string(earliest) } }
        member(&members, "id") { $0.string(record.id) }
        member(&members, "kind") { $0.string(record.kind) }
        if let latest = record.latest { member(&members, "latest") { $0.string(latest) } }
        member(&members, "notes") { json in
            json.array(record.notes, level: 1) { json, note in
                var fields = Members(level: 2)
                json.openObject()
                json.member(&fields, "sources") { $0.strings(note.sources, level: 3) }
                json.member(&fields, "text") { $0.string(note.text) }
                json.closeObject(fields)
            }
        }
        member(&members, "pairs") { $0.strings(record.pairs, level: 1) }
        member(&members, "participants") { json in
            let participants = record.participants
            var fields = Members(level: 1)
            json.openObject()
            if let countries = participants.countries { json.member(&fields, "countries") { $0.strings(countries, level: 2) } }
            if let from = participants.from { json.member(&fields, "from") { $0.strings(from, level: 2) } }
            if let hub = participants.hub { json.member(&fields, "hub") { $0.string(hub) } }
            json.member(&fields, "mode") { $0.string(participants.mode) }
            if let spokes = participants.spokes { json.member(&fields, "spokes") { $0.strings(spokes, level: 2) } }
            if let to = participants.to { json.member(&fields, "to") { $0.strings(to, level: 2) } }
            json.closeObject(fields)
        }
        member(&members, "people") { $0.strings(record.people, level: 1) }
        if let place = record.place {
            member(&members, "place") { json in
                var fields = Members(level: 1)
                json.openObject()
                if let country = place.country { json.member(&fields, "country") { $0.string(country) } }
                json.member(&fields, "name") { $0.string(place.name) }
                json.closeObject(fields)
            }
        }
        member(&members, "precision") { $0.string(record.precision) }
        member(&members, "quotes") { $0.strings(record.quotes, level: 1) }
        member(&members, "sources") { $0.strings(record.sources, level: 1) }
        member(&members, "status") { $0.string(record.status) }
        member(&members, "summary") { $0.string(record.summary) }
        member(&members, "tags") { $0.strings(record.tags, level: 1) }
        member(&members, "title") { $0.string(record.title) }
        member(&members, "uncertain") { $0.bool(record.uncertain) }
        closeObject(members)
        return true
    }

    // MARK: Containers

    /// An open object's or array's state: its level (its closing bracket's indentation) and
    /// whether a member has been written.
    private struct Members {
        var level: Int
        var count = 0
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 64)
    private static let colon = Array(" : ".utf8)

    private mutating func newline(indent level: Int) {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: margin)
        if 2 * level <= Self.spaces.count {
            bytes.append(contentsOf: Self.spaces[..<(2 * level)])
        } else {
            bytes.append(contentsOf: repeatElement(0x20, count: 2 * level))
        }
    }

    private mutating func openObject() { bytes.append(UInt8(ascii: "{")) }

    private mutating func member(_ members: inout Members, _ key: String, _ value: (inout EventJSON) -> Void) {
        if members.count > 0 { bytes.append(UInt8(ascii: ",")) }
        newline(indent: members.level + 1)
        string(key)
        bytes.append(contentsOf: Self.colon)
        value(&self)
        members.count += 1
    }

    private mutating func closeObject(_ members: Members) {
        if members.count == 0 { newline(indent: 0) }
        newline(indent: members.level)
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func array<Element>(_ elements: [Element], level: Int, _ write: (inout EventJSON, Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        if elements.isEmpty { newline(indent: 0) }
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(indent: level + 1)
            write(&self, element)
        }
        newline(indent: level)
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func strings(_ values: [String], level: Int) {
        array(values, level: level) { json, value in json.string(value) }
    }

    /// An object of names to strings or numbers: sorted by the names' bytes, the last of a
    /// repeated name winning (the encoder keeps them in a dictionary).
    private mutating func attributes(_ attributes: [Attribute], level: Int) {
        var byName: [String: AttributeValue] = [:]
        for attribute in attributes { byName[attribute.name] = attribute.value }
        var fields = Members(level: level)
        openObject()
        for name in byName.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            member(&fields, name) { json in
                switch byName[name]! {
                case .string(let text): json.string(text)
                case .number(let number): json.number(number)
                }
            }
        }
        closeObject(fields)
    }

    // MARK: Scalars

    private mutating func bool(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }

    /// As `AttributesRecord` encodes it: a whole number as an integer, else the shortest text
    /// that reads back as the same double, without a trailing `.0`.
    private mutating func number(_ number: Double) {
        if let whole = AttributeValue.wholeNumber(number) {
            bytes.append(contentsOf: String(whole).utf8)
        } else {
            var text = number.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            bytes.append(contentsOf: text.utf8)
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// The encoder's escapes (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other C0 controls as
    /// `\u00xx`), then `JSONOutput`'s: what acts on a terminal as `\uxxxx`. Text without a byte
    /// that could need one (nearly all) is copied in one piece.
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        let plain = text.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 >= 0x7F }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if !plain { escaped(text) }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escaped(_ text: String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": bytes.append(contentsOf: [0x5C, 0x22])
            case "\\": bytes.append(contentsOf: [0x5C, 0x5C])
            case "\u{08}": bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case "\u{0C}": bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case "\n": bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case "\r": bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case "\t": bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            default:
                if scalar.value < 0x20 || JSONWriter.actsOnTerminals(scalar) {
                    let value = Int(scalar.value)
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), Self.hex[value >> 12 & 0xF], Self.hex[value >> 8 & 0xF],
                                              Self.hex[value >> 4 & 0xF], Self.hex[value & 0xF]])
                } else {
                    bytes.append(contentsOf: scalar.utf8)
                }
            }
        }
    }
}
