/// Makes untrusted text safe to put on a terminal: nothing in a dataset may move the
/// cursor, change colours, set the title or reorder text. Controls become visible
/// placeholders, tabs become spaces, and each line is one visual line.
public enum Sanitizer {
    /// Shown for C1 controls and bidirectional overrides.
    public static let substitute: Character = "\u{2426}" // ␦

    /// One line of display text: newlines are shown as ␤ rather than breaking the line.
    public static func line(_ text: String) -> String {
        clean(text, keepNewlines: false)
    }

    /// Text that may span lines (a summary): newlines are kept, everything else as `line`.
    public static func paragraph(_ text: String) -> String {
        clean(text, keepNewlines: true)
    }

    /// Raw bytes of unknown encoding: invalid UTF-8 becomes U+FFFD first.
    public static func line(bytes: [UInt8]) -> String {
        line(String(decoding: bytes, as: UTF8.self))
    }

    static func clean(_ text: String, keepNewlines: Bool) -> String {
        // Fast path: printable ASCII needs nothing.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var result = String.UnicodeScalarView()
        var column = 0
        let scalars = text.unicodeScalars
        for (index, scalar) in zip(scalars.indices, scalars) {
            let value = scalar.value
            let next = scalars.index(after: index)
            switch value {
            case 0x09:
                let spaces = 8 - column % 8
                result.append(contentsOf: repeatElement(" ", count: spaces))
                column += spaces
                continue
            case 0x0A where keepNewlines:
                result.append(scalar)
                column = 0
                continue
            case 0x0D where keepNewlines && next < scalars.endIndex && scalars[next] == "\n":
                continue // CR LF reads as one newline; a lone CR is shown as ␍ below
            case 0x00...0x1F:
                result.append(Unicode.Scalar(0x2400 + value)!) // control pictures: ␀ … ␛ …
            case 0x7F:
                result.append("\u{2421}") // ␡
            case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
                result.append(contentsOf: substitute.unicodeScalars)
            case 0x2028, 0x2029:
                if keepNewlines { result.append("\n"); column = 0; continue }
                result.append(" ")
            default:
                result.append(scalar)
            }
            column += 1
        }
        return String(result)
    }
}
