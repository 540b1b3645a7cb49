import DatasetFormats
import ReferenceStore
import SQLiteStore
import Testing
import TimelineKit
@testable import TimelineUI

@Suite("Rendering into a grid")
struct RenderTests {
    static let sizes = [(80, 24), (120, 40), (40, 12)]

    @Test("Opening screen", arguments: sizes)
    func opening(_ width: Int, _ height: Int) {
        Snapshot.assert(Renderer.render(Fixtures.state(width: width, height: height)), named: "opening-\(width)x\(height)")
    }

    @Test("Pair picker", arguments: sizes)
    func pairPicker(_ width: Int, _ height: Int) {
        var state = Fixtures.state(width: width, height: height)
        state.apply(.openPairPicker)
        state.type("pak")
        Snapshot.assert(Renderer.render(state), named: "picker-\(width)x\(height)")
    }

    @Test("Search with highlights", arguments: sizes)
    func search(_ width: Int, _ height: Int) {
        var state = Fixtures.state(width: width, height: height)
        state.apply(.beginSearch)
        state.type("drills")
        Snapshot.assert(Renderer.render(state), named: "search-\(width)x\(height)")
    }

    @Test("Quote view", arguments: sizes)
    func quoteView(_ width: Int, _ height: Int) {
        var state = Fixtures.state(width: width, height: height)
        state.apply(.last, .moveUp, .focusNext, .focusNext) // Friendship 2017, quotes focused
        Snapshot.assert(Renderer.render(state), named: "quotes-\(width)x\(height)")
    }

    @Test("Help", arguments: sizes)
    func help(_ width: Int, _ height: Int) {
        var state = Fixtures.state(width: width, height: height)
        state.apply(.toggleHelp)
        Snapshot.assert(Renderer.render(state), named: "help-\(width)x\(height)")
    }

    @Test("Search matches are styled in rows and panes")
    func highlightStyles() {
        var state = Fixtures.state(width: 120, height: 40)
        state.apply(.beginSearch)
        state.type("friendship")
        let grid = Renderer.render(state)
        func matchedText(in rect: Rect) -> String {
            var text = ""
            for y in rect.y..<rect.maxY { for x in rect.x..<rect.maxX where grid[x, y].style.role == .match { text.append(grid[x, y].character) } }
            return text.lowercased()
        }
        #expect(matchedText(in: state.layout.timeline).components(separatedBy: "friendship").count - 1 == 2, "both drills' rows")
        #expect(matchedText(in: state.layout.detail).contains("friendship"), "the detail pane")
    }

    @Test("The selected row is reversed when the timeline has focus")
    func selectionStyle() {
        let state = Fixtures.state(width: 80, height: 24)
        let grid = Renderer.render(state)
        let row = grid.lines.firstIndex { $0.contains("Russia lifts its arms-sale") }!
        #expect(grid[5, row].style.reverse)
        #expect(!grid[5, row + 2].style.reverse)
    }

    @Test("Every size from 1×1 to 400×120 shows the too-small message or a usable screen", arguments: [
        (1, 1), (2, 1), (1, 5), (10, 3), (39, 9), (39, 30), (40, 9), (40, 10), (41, 11), (60, 13), (109, 30),
        (110, 30), (200, 60), (400, 120),
    ])
    func everySize(_ width: Int, _ height: Int) {
        var state = Fixtures.state(width: width, height: height)
        for action: Action in [.last, .focusNext, .last, .focusNext, .toggleQuoteView, .last, .openPairPicker] {
            state.apply(action)
            Screen.expectUsable(state)
        }
        state.apply(.back, .toggleHelp)
        let help = Renderer.render(state).text
        #expect(state.layout.mode == .tooSmall || help.contains("Help"), "the help at \(width)×\(height)")
    }

    @Test("The ruler marks the selection's place in time")
    func rulerSelection() {
        var state = Fixtures.state(width: 80, height: 24)
        func markerColumn() -> Int? { Array(Renderer.render(state).lines[1]).firstIndex(of: "▼") }
        let first = markerColumn()
        state.apply(.last)
        let last = markerColumn()
        #expect(first != nil && last != nil)
        #expect(first! < last!)
        #expect(last! > 60, "Oct 2017 sits near the right end of a 2014–2017 ruler")
    }

    @Test("Too small a terminal says what it needs, centred")
    func tooSmall() {
        let grid = Renderer.render(Fixtures.state(width: 39, height: 9))
        #expect(grid.text.contains("terminal too small (need 40×10)"))
        #expect(grid.lines.firstIndex { !$0.allSatisfy(\.isWhitespace) } == 4, "centred vertically")
        Screen.expectUsable(Fixtures.state(width: 5, height: 2))
    }

    @Test("No color still carries the meaning: ASCII borders when asked")
    func ascii() {
        let grid = Renderer.render(Fixtures.state(options: DisplayOptions(color: false, ascii: true, mouse: true)))
        #expect(grid.lines[3].hasPrefix("+- Timeline (13) -"))
        #expect(!grid.text.contains("─"))
        #expect(!grid.text.contains("│"))
    }
}

@Suite("Grid")
struct GridTests {
    @Test("Wide characters take two cells and are clipped whole")
    func wide() {
        var grid = Grid(width: 6, height: 1)
        let end = grid.put("日本語", x: 0, y: 0)
        #expect(end == 6)
        #expect(grid.lines == ["日本語"])
        #expect(grid[1, 0].isContinuation)
        var clipped = Grid(width: 5, height: 1)
        clipped.put("日本語", x: 0, y: 0)
        #expect(clipped.lines == ["日本 "], "a wide character that would straddle the edge becomes a space")
        clipped.put("a", x: 1, y: 0)
        #expect(clipped.lines == [" a本 "], "overwriting half a wide character blanks the other half")
    }

    @Test("Text is clipped to a rectangle")
    func clipping() {
        var grid = Grid(width: 10, height: 2)
        grid.put("abcdefghij", x: 2, y: 1, clip: Rect(x: 3, y: 0, width: 4, height: 2))
        #expect(grid.lines == ["          ", "   bcde   "])
        let before = grid
        grid.put("zzz", x: 0, y: 5)
        grid.put("zzz", x: -5, y: 0)
        grid.put("zzz", x: 10, y: 1)
        grid.put("zzz", x: 0, y: -1)
        #expect(grid == before, "nothing is drawn outside the grid")
    }
}

@Suite("Hostile datasets on screen")
struct HostileRenderTests {
    static let hostile: Timeline = {
        let people = [Person(id: "p", name: "Mallory \u{1B}[31mRed", role: nil, affiliation: "\u{202E}evil")]
        let sources = [Source(id: "s", title: "T\u{1B}]0;title\u{07}", publisher: "Pub\u{9B}2J", url: "https://x.invalid/\u{1B}[5m", published: nil, note: nil)]
        let event = Event(id: "evil", date: try! EDTFDate(parsing: "2017"), title: "\u{1B}[2J\u{1B}[HCleared?\u{07} 日本語 🎉 Кириллица",
                          summary: "Line\r\nTwo\u{1B}]52;c;aGk=\u{07}\ttab\u{0}nul", participants: .mutual([Country(alpha3: "RUS")!, Country(alpha3: "JPN")!]),
                          kind: "visit", place: Place(name: "\u{1B}[1mBold", country: nil), status: .occurred, tags: ["\u{1B}"],
                          sources: [0], people: [0], notes: [EventNote(text: "\u{1B}P\u{1B}\\", sources: [0])])
        let quote = Quote(id: "q", speaker: 0, text: "\u{1B}[31mquote\u{85}", context: nil, events: [0], source: 0)
        return Timeline(dataset: Dataset(title: "\u{1B}]2;pwned\u{07}Evil", description: "", people: people, sources: sources,
                                         events: [event], quotes: [quote]))
    }()

    @Test("No control, escape or bidi character reaches the grid", arguments: [(80, 24), (160, 50), (40, 12)])
    func noControls(_ width: Int, _ height: Int) {
        var state = AppState(store: try! StoreWriter.inMemory(dataset: Self.hostile.dataset), width: width, height: height)
        for action: Action in [.activate, .focusNext, .toggleQuoteView, .focusNext, .toggleHelp, .back, .openPairPicker] {
            state.apply(action)
            let grid = Renderer.render(state)
            for cell in grid.cells {
                for scalar in cell.character.unicodeScalars {
                    let value = scalar.value
                    #expect(!(value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)),
                            "control U+\(String(value, radix: 16)) reached the grid")
                }
            }
        }
        let opening = Renderer.render(AppState(store: try! StoreWriter.inMemory(dataset: Self.hostile.dataset), width: width, height: height)).text
        #expect(opening.contains("␛"))
    }
}
