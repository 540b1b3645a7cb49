/// Marks every occurrence of the search term in styled lines, ignoring case.
public enum Highlighter {
    public static func highlight(_ lines: [StyledLine], term: String) -> [StyledLine] {
        guard !term.isEmpty else { return lines }
        let needle = Array(term).map(lowered)
        return lines.map { highlight($0, needle: needle) }
    }

    public static func highlight(_ line: StyledLine, term: String) -> StyledLine {
        term.isEmpty ? line : highlight(line, needle: Array(term).map(lowered))
    }

    private static func highlight(_ line: StyledLine, needle: [Character]) -> StyledLine {
        var result: [Span] = []
        for span in line.spans {
            let characters = Array(span.text)
            let lowered = characters.map(Self.lowered)
            guard lowered.count >= needle.count else { result.append(span); continue }
            var start = 0, index = 0
            while index + needle.count <= lowered.count {
                if Array(lowered[index..<(index + needle.count)]) == needle {
                    if index > start { result.append(Span(String(characters[start..<index]), span.style)) }
                    var style = Style.match
                    style.reverse = span.style.reverse
                    result.append(Span(String(characters[index..<(index + needle.count)]), style))
                    index += needle.count
                    start = index
                } else {
                    index += 1
                }
            }
            if start < characters.count { result.append(Span(String(characters[start...]), span.style)) }
        }
        return StyledLine(result)
    }

    /// One character lower-cased, kept as it is if lower-casing would change its length.
    private static func lowered(_ character: Character) -> Character {
        let text = character.lowercased()
        return text.count == 1 ? Character(text) : character
    }
}
