import DatasetFormats
import ReferenceStore
import TerminalText
import Testing
import TimelineKit
@testable import TimelineUI

/// The quote pane as a user sees it: the marker sits beside the selected quote's words, and a
/// click on a quote's words selects that quote, at every size.
@Suite("Quote pane")
struct QuotePaneTests {
    static let sizes = [(40, 12), (80, 24), (120, 40)]

    /// Friendship 2017 (19 quotes), with the quote pane focused.
    static func friendshipQuotes(_ width: Int, _ height: Int, allBySpeaker: Bool = false) -> AppState {
        var state = Fixtures.state(width: width, height: height)
        state.apply(.last, .moveUp)
        if allBySpeaker { state.apply(.toggleQuoteView) }
        while state.focus != .quotes { state.apply(.focusNext) }
        return state
    }

    /// The words on a screen row of the quote pane, right of the marker column.
    static func words(_ grid: Grid, row y: Int, in content: Rect) -> [String] {
        let text = String(((content.x + 1)..<content.maxX).filter { !grid[$0, y].isContinuation }.map { grid[$0, y].character })
        return text.split(separator: " ").map(String.init)
    }

    /// Whether a row shows the start of a quote: its opening mark and first words.
    static func startsQuote(_ words: [String], _ quote: QuoteDetail) -> Bool {
        let quoteWords = ("“" + Sanitizer.paragraph(quote.text) + "”").split(whereSeparator: \.isWhitespace).map(String.init)
        return !words.isEmpty && quoteWords.starts(with: words.dropLast()) && quoteWords.count >= words.count
            && quoteWords[words.count - 1].hasPrefix(words.last!.replacingOccurrences(of: "…", with: ""))
    }

    @Test("j puts the marker beside each quote's first line", arguments: sizes)
    func markerFollowsSelection(_ width: Int, _ height: Int) {
        var state = Self.friendshipQuotes(width, height)
        let content = ScreenLayout.content(of: state.layout.quotes)
        #expect(state.quoteItems.count == 19, "Friendship 2017's quotes")
        for index in state.quoteItems.indices {
            if index > 0 { state.apply(.moveDown) }
            #expect(state.selectedQuoteIndex == index)
            let grid = Renderer.render(state)
            let marked = (content.y..<content.maxY).filter { grid[content.x, $0].character == "▌" }
            guard let first = marked.first else {
                Issue.record("no marker beside quote \(index) at \(width)×\(height)")
                continue
            }
            let words = Self.words(grid, row: first, in: content)
            #expect(Self.startsQuote(words, state.quoteItems[index]),
                    "quote \(index) at \(width)×\(height): the marker starts beside “\(grid.lines[first])”")
        }
    }

    @Test("A click on any line of a quote selects that quote", arguments: sizes)
    func clickSelects(_ width: Int, _ height: Int) {
        var state = Self.friendshipQuotes(width, height, allBySpeaker: true)
        let content = ScreenLayout.content(of: state.layout.quotes)
        var clicked = 0
        var previousScroll: QuoteScroll?
        while state.quoteScroll != previousScroll {
            previousScroll = state.quoteScroll
            let grid = Renderer.render(state)
            for y in content.y..<content.maxY {
                let words = Self.words(grid, row: y, in: content)
                // A quote's words start one column in; its context's lines start three in.
                guard grid[content.x + 2, y].character == "“",
                      let index = state.quoteItems.indices.first(where: { Self.startsQuote(words, state.quoteItems[$0]) }) else { continue }
                // Every line of the quote down to the blank line after it: words, speaker, context.
                for line in y..<content.maxY {
                    if line > y && Self.words(grid, row: line, in: content).isEmpty { break }
                    var clicking = state
                    clicking.apply(.mouse(MouseEvent(.press, x: content.x + 2, y: line)))
                    #expect(clicking.selectedQuoteIndex == index, "a click on “\(grid.lines[line])” at \(width)×\(height)")
                    clicked += 1
                }
            }
            state.apply(.pageDown)
        }
        #expect(clicked > 0, "some quote's first line was on screen")
    }
}
