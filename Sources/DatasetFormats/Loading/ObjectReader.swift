import TimelineKit

/// Reads the members of one JSON object by name for `DatasetDecoder`, reporting wrong
/// types, missing required members, duplicate names and unknown names (`x-` names are
/// left for extensions).
struct ObjectReader {
    let node: JSONNode
    let basePath: String
    private let members: [JSONMember]
    /// Which members a reader asked for, by position: a flag array, not a set of strings,
    /// because a million events each have a dozen members.
    private var used: [Bool]
    /// Every name asked for, present or not: the candidates for "did you mean".
    private var asked: [String] = []

    init?(_ node: JSONNode, path: String, decoder: inout DatasetDecoder) {
        guard case .object(let members) = node.value else {
            decoder.report(node, path.isEmpty ? "(document)" : path, "expected an object, found \(node.typeName)")
            return nil
        }
        self.node = node
        self.basePath = path
        self.members = members
        used = Array(repeating: false, count: members.count)
        // One allocation for the names a decoder asks for, not one per doubling (a dozen per object).
        asked.reserveCapacity(16)
        // A set only for big objects: most have a dozen members, where a scan is cheaper.
        let big = members.count > 16
        var seen = Set<String>()
        for (index, member) in members.enumerated() {
            let repeated = big ? !seen.insert(member.key).inserted : members[..<index].contains { $0.key == member.key }
            if repeated {
                decoder.report(at: member.keyOffset, self.path(member.key), "duplicate member \(MessageText.quoted(member.key))")
            }
        }
    }

    /// `events[0].title`; an empty name is written `events[0][""]` so the path still names it,
    /// and a long name is cut short like any echoed value.
    func path(_ key: String) -> String {
        if key.isEmpty { return basePath + "[\"\"]" }
        return basePath.isEmpty ? MessageText.shortened(key) : "\(basePath).\(MessageText.shortened(key))"
    }

    func member(_ key: String) -> JSONMember? { members.first { $0.key == key } }

    /// The member if present; a missing required member is reported.
    mutating func node(_ key: String, required: Bool = true, decoder: inout DatasetDecoder) -> JSONNode? {
        asked.append(key)
        guard let index = members.firstIndex(where: { $0.key == key }) else {
            if required { decoder.report(node, path(key), "required field is missing") }
            return nil
        }
        used[index] = true
        let member = members[index]
        if case .null = member.value.value, !required { return nil }
        return member.value
    }

    mutating func string(_ key: String, required: Bool = true, decoder: inout DatasetDecoder) -> String? {
        guard let value = node(key, required: required, decoder: &decoder) else { return nil }
        guard case .string(let text) = value.value else {
            decoder.report(value, path(key), "expected a string, found \(value.typeName)")
            return nil
        }
        if required && Self.isBlank(text) {
            decoder.report(value, path(key), "must not be empty")
            return nil
        }
        return text
    }

    /// Whether a text is empty or only whitespace. Most texts begin with an ASCII character that
    /// is not a space: that byte answers without Unicode's character properties (which cost 3%
    /// of decoding a million events).
    static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first < 0x80, first != 0x20, !(0x09...0x0D).contains(first) { return false }
        return text.allSatisfy(\.isWhitespace)
    }

    /// Whether `id` uses only ASCII letters, digits, '-', '_', '.' and ':' (and so is valid as an id).
    static func isIdentifier(_ id: String) -> Bool {
        id.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"): return true
            default: return false
            }
        }
    }

    mutating func identifier(decoder: inout DatasetDecoder) -> String? {
        guard let id = string("id", decoder: &decoder) else { return nil }
        if !Self.isIdentifier(id) {
            decoder.report(member("id")!.value, path("id"), "id \(MessageText.quoted(id)) may use only ASCII letters, digits, '-', '_', '.' and ':'")
            return nil
        }
        return id
    }

    mutating func array(_ key: String, required: Bool = true, decoder: inout DatasetDecoder) -> [JSONNode]? {
        guard let value = node(key, required: required, decoder: &decoder) else { return nil }
        guard case .array(let elements) = value.value else {
            decoder.report(value, path(key), "expected an array, found \(value.typeName)")
            return nil
        }
        return elements
    }

    mutating func stringArray(_ key: String, decoder: inout DatasetDecoder) -> [String]? {
        guard let elements = array(key, required: false, decoder: &decoder) else { return nil }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element.value else {
                decoder.report(element, path(key) + "[\(index)]", "expected a string, found \(element.typeName)")
                continue
            }
            result.append(text)
        }
        return result
    }

    mutating func date(_ key: String, required: Bool = true, decoder: inout DatasetDecoder) -> EDTFDate? {
        guard let text = string(key, required: required, decoder: &decoder) else { return nil }
        do {
            return try EDTFDate(parsing: text)
        } catch {
            decoder.report(member(key)!.value, path(key), "invalid EDTF date: \(error.message)")
            return nil
        }
    }

    /// Reports members that no reader asked for: most are typos of a known name.
    func finish(decoder: inout DatasetDecoder) {
        // A name that was asked for is a known one repeated, already reported as a duplicate.
        for (index, member) in members.enumerated() where !used[index] && !member.key.hasPrefix("x-") && !asked.contains(member.key) {
            var message = "unknown field \(MessageText.quoted(member.key))"
            if decoder.maySuggest(), let guess = EditDistance.closest(to: member.key, in: asked) { message += "; did you mean '\(guess)'?" }
            decoder.report(at: member.keyOffset, path(member.key), message)
        }
    }
}
