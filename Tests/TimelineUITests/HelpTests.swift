import DatasetFormats
import ReferenceStore
import Testing
import TimelineKit
@testable import TimelineUI

/// The help as a newcomer reads it, checked against a hand-written list of what they must find,
/// not against the key table it is generated from.
@Suite("Help screen")
struct HelpTests {
    /// What a newcomer looks for first: a key and words its row must contain.
    static let essentials: [(key: String, words: String)] = [
        ("q", "quit"), ("?", "help"), ("p", "country pair"), ("c", "by country"), ("/", "search"),
        ("n", "next match"), ("N", "previous match"), ("v", "quotes"), ("o", "source"), (":", "date"),
        ("[", "previous year"), ("]", "next year"), ("Enter", "open"), ("Tab", "pane"), ("Esc", "back"),
    ]

    /// The rest of the README's key table.
    static let others: [(key: String, words: String)] = [
        ("j", "down"), ("↓", "down"), ("k", "up"), ("PgDn", "page down"), ("Space", "page down"), ("Ctrl-B", "page up"),
        ("Ctrl-D", "half a page down"), ("Ctrl-U", "half a page up"), ("g", "top"), ("Home", "top"), ("G", "end"),
        ("P", "clear"), ("Shift-Tab", "previous pane"), ("Ctrl-C", "quit"), ("*", "all"), ("a", "before typing"),
    ]

    /// The help's text rows from the top to the end, as scrolling shows them, one by one.
    static func helpLines(width: Int, height: Int) -> (firstPage: [String], all: [String]) {
        var state = Fixtures.state(width: width, height: height)
        state.apply(.toggleHelp)
        func page() -> [String] { Array(Renderer.render(state).lines[2..<(height - 2)]) }
        let first = page()
        var all = first
        var previous = first
        for _ in 0..<500 {
            state.apply(.moveDown)
            let next = page()
            if next == previous { break }
            all.append(next.last!)
            previous = next
        }
        return (first, all)
    }

    /// Whether a line holds a row for `key` (alone or among alternatives, "j/↓") followed by
    /// `words`, on the line or, when the keys fill their line, on the next.
    static func hasRow(_ lines: [String], key: String, words: String) -> Bool {
        zip(lines, lines.dropFirst() + [""]).map { $0 + " " + $1 }.contains { line in
            let tokens = line.split(whereSeparator: { $0 == " " || $0 == "│" }).map(String.init)
            return tokens.indices.contains { index in
                let token = tokens[index]
                let keys = token == "/" ? ["/"] : token.split(separator: "/").map(String.init)
                return keys.contains(key) && (words.isEmpty || tokens[(index + 1)...].joined(separator: " ").contains(words))
            }
        }
    }

    @Test("At 80×24 the first page shows quit, help, filters, search, quotes, source and jumps")
    func firstPage() {
        let help = Self.helpLines(width: 80, height: 24)
        for item in Self.essentials {
            #expect(Self.hasRow(help.firstPage, key: item.key, words: item.words), "\(item.key) \(item.words) on the first page")
        }
        for item in Self.others {
            #expect(Self.hasRow(help.all, key: item.key, words: item.words), "\(item.key) \(item.words) in the help")
        }
        #expect(help.all.contains { $0.contains("mouse") })
    }

    @Test("Moving keys are listed once, for every pane", arguments: [(80, 24), (40, 12), (120, 40)])
    func movingOnce(_ width: Int, _ height: Int) {
        let all = Self.helpLines(width: width, height: height).all
        for key in ["j", "k", "Space", "Ctrl-D", "g", "G"] {
            let rows = all.filter { Self.hasRow([$0], key: key, words: "") }.count
            #expect(rows == 1, "\(key) is listed \(rows) times at \(width)×\(height)")
        }
        #expect(all.contains { $0.contains("every pane") })
    }

    @Test("A wide screen shows the whole help at once, in two columns")
    func twoColumns() {
        let help = Self.helpLines(width: 120, height: 40)
        #expect(help.all == help.firstPage, "nothing to scroll")
        for item in Self.essentials + Self.others {
            #expect(Self.hasRow(help.firstPage, key: item.key, words: item.words), "\(item.key) \(item.words)")
        }
        #expect(help.firstPage.contains { $0.contains("Start here") && $0.contains("More") }, "sections side by side")
    }

    @Test("Help scrolled past its end comes back with one k", arguments: [(40, 12), (80, 24)])
    func scrollClamped(_ width: Int, _ height: Int) {
        var state = Fixtures.state(width: width, height: height)
        state.apply(.toggleHelp)
        let top = Renderer.render(state).text
        for _ in 0..<200 { state.apply(.moveDown) }
        let bottom = Renderer.render(state).text
        #expect(bottom != top, "the help scrolls")
        state.apply(.moveUp)
        #expect(Renderer.render(state).text != bottom, "one k scrolls back")
        for _ in 0..<200 { state.apply(.moveUp) }
        #expect(Renderer.render(state).text == top)
        for _ in 0..<200 { state.apply(.moveDown) }
        state.apply(.resize(width: 160, height: 60), .resize(width: width, height: height))
        #expect(Renderer.render(state).text == top, "a size where it all fits clamps the scroll to the top")
    }

    @Test("The footer keeps help and quit in reach")
    func footer() {
        let footer = Renderer.render(Fixtures.state(width: 80, height: 24)).lines[23]
        #expect(footer.contains("? help"))
        #expect(footer.contains("q quit"))
        #expect(footer.contains("p pairs"))
    }
}
