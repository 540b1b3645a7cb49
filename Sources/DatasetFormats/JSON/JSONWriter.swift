import TimelineKit

/// Compact JSON text for the writers (our format, JSON Lines, TimelineJS) and the store's attribute
/// column: the encoder sorts or reorders keys, and these outputs keep the order they are given.
public enum JSONWriter {
    /// A JSON string literal. Besides what JSON requires, DEL, C1 and bidirectional controls and
    /// line separators are escaped too, so the file shown on a terminal cannot act on it.
    public static func string(_ text: String) -> String {
        // Most text needs no escape: one pass over the bytes decides (a million events' attributes).
        if !text.utf8.contains(where: needsEscape) { return "\"" + text + "\"" }
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || actsOnTerminals(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Beyond C0 controls, what a terminal acts on when JSON is shown raw: DEL, C1 controls (U+009B
    /// is a one-byte CSI), bidirectional marks and overrides, and line/paragraph separators. Every
    /// JSON this project writes escapes these as `\u…`, which means the same character.
    public static func actsOnTerminals(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x7F...0x9F, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// A JSON number; JSON has no infinity or NaN, so those become null.
    public static func number(_ value: Double) -> String {
        value.isFinite ? AttributeValue.format(value) : "null"
    }

    /// `{"a": 1, "b": "x"}` in the given order.
    public static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }

    public static func array(_ elements: [String]) -> String { "[" + elements.joined(separator: ", ") + "]" }

    /// Built as bytes in one buffer: concatenating strings was a visible part of a GDELT import
    /// (ten attributes an event).
    public static func attributes(_ attributes: [Attribute]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(attributes.count * 24)
        for (index, attribute) in attributes.enumerated() {
            if index > 0 { out.append(contentsOf: ", ".utf8) }
            appendString(attribute.name, to: &out)
            out.append(contentsOf: ": ".utf8)
            switch attribute.value {
            case .string(let text): appendString(text, to: &out)
            case .number(let number): out.append(contentsOf: JSONWriter.number(number).utf8)
            }
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `string(text)`'s bytes.
    private static func appendString(_ text: String, to out: inout [UInt8]) {
        if text.utf8.contains(where: needsEscape) {
            out.append(contentsOf: string(text).utf8)
        } else {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C || byte >= 0x7F }

    /// The inverse of `attributes(_:)`, for the store's column; nil when the text is not such an object.
    public static func parseAttributes(_ text: String) -> [Attribute]? {
        guard let node = try? JSONParser.parse(Array(text.utf8)), case .object(let members) = node.value else { return nil }
        var result: [Attribute] = []
        for member in members {
            switch member.value.value {
            case .string(let text): result.append(Attribute(member.key, .string(text)))
            case .number(let number): result.append(Attribute(member.key, .number(number)))
            default: return nil
            }
        }
        return result
    }
}
