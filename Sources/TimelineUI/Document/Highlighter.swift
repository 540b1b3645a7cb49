import TimelineKit

/// Marks what a search matched in styled lines: each search word where it begins a word,
/// with case and accents folded, as the store matches (`SearchText`).
public enum Highlighter {
    public static func highlight(_ lines: [StyledLine], term: String) -> [StyledLine] {
        let words = SearchText.words(in: term).map(Array.init)
        guard !words.isEmpty else { return lines }
        return lines.map { highlight($0, words: words) }
    }

    public static func highlight(_ line: StyledLine, term: String) -> StyledLine {
        let words = SearchText.words(in: term).map(Array.init)
        return words.isEmpty ? line : highlight(line, words: words)
    }

    private static func highlight(_ line: StyledLine, words: [[Character]]) -> StyledLine {
        var result: [Span] = []
        var previousIsWordCharacter = false
        for span in line.spans {
            let characters = Array(span.text)
            let folded = characters.map(Self.folded)
            var marked = [Bool](repeating: false, count: characters.count)
            for index in characters.indices {
                let startsWord = !previousIsWordCharacter
                previousIsWordCharacter = characters[index].isLetter || characters[index].isNumber
                guard startsWord && previousIsWordCharacter else { continue }
                for word in words where index + word.count <= folded.count && Array(folded[index..<(index + word.count)]) == word {
                    for offset in 0..<word.count { marked[index + offset] = true }
                }
            }
            // Runs of marked and unmarked characters become spans.
            var start = 0
            while start < characters.count {
                var end = start
                while end < characters.count && marked[end] == marked[start] { end += 1 }
                var style = span.style
                if marked[start] {
                    style = Style.match
                    style.reverse = span.style.reverse
                }
                result.append(Span(String(characters[start..<end]), style))
                start = end
            }
        }
        return StyledLine(result)
    }

    /// One character folded as search text is, kept as it is if folding would change its length.
    private static func folded(_ character: Character) -> Character {
        let text = SearchText.fold(String(character))
        return text.count == 1 ? Character(text) : character
    }
}
