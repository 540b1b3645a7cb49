import Foundation
import TimelineKit

/// TimelineJS's HTML text to plain text and back: tags dropped, paragraph breaks kept, entities
/// decoded; and plain text escaped for HTML.
enum HTMLText {
    /// Tags that end a paragraph or a line: their text is kept apart from what follows.
    private static let blockTags: Set<String> = ["p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                                                 "blockquote", "tr", "table", "hr"]

    static func plainText(_ html: String) -> String {
        var paragraphs: [String] = []
        var lines: [String] = []
        var current = ""
        // Source line breaks are white space in HTML; only <br> breaks a line.
        func endLine() {
            let text = current.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
            if !text.isEmpty { lines.append(text) }
            current = ""
        }
        func endParagraph() {
            endLine()
            if !lines.isEmpty { paragraphs.append(lines.joined(separator: "\n")) }
            lines = []
        }
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let close = html[index...].firstIndex(of: ">") {
                let tag = html[html.index(after: index)..<close].drop { $0 == "/" }
                    .prefix { $0.isLetter || $0.isNumber }.lowercased()
                if tag == "br" { endLine() } else if blockTags.contains(tag) { endParagraph() }
                index = html.index(after: close)
            } else if character == "&", let (decoded, next) = entity(in: html, at: index) {
                current += decoded
                index = next
            } else {
                current.append(character)
                index = html.index(after: index)
            }
        }
        endParagraph()
        return paragraphs.joined(separator: "\n\n")
    }

    private static let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
                                                  "ndash": "–", "mdash": "—", "hellip": "…", "lsquo": "‘", "rsquo": "’",
                                                  "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»", "copy": "©", "deg": "°"]

    /// `&amp;`, `&#8212;`, `&#x2014;` at `index`; nil when it is not an entity we know (the `&` stays).
    private static func entity(in html: String, at index: String.Index) -> (String, String.Index)? {
        guard let semicolon = html[index...].prefix(12).firstIndex(of: ";") else { return nil }
        let body = html[html.index(after: index)..<semicolon]
        let next = html.index(after: semicolon)
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            // A numeric reference to a control character is kept as the character: the sanitizer shows it.
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return (String(Character(scalar)), next)
        }
        return named[String(body)].map { ($0, next) }
    }

    /// Text for an HTML text node or attribute.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Plain text as HTML paragraphs: blank lines part paragraphs, single line breaks become `<br>`.
    static func paragraphs(_ text: String) -> String {
        text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            .map { "<p>" + escape($0).replacingLineBreaks() + "</p>" }.joined()
    }
}

private extension String {
    func replacingLineBreaks() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "<br>")
    }

}
