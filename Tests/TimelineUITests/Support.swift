import DatasetFormats
import Foundation
import ReferenceStore
import SQLiteStore
import TerminalText
import TestSupport
import Testing
import TimelineKit
@testable import TimelineUI

enum Fixtures {
    static let timeline = try! DatasetLoader.load(path: Repository.articleFixture)

    /// The UI runs over the SQLite store, as the app does.
    static let store: any EventStore = try! StoreWriter.inMemory(dataset: timeline.dataset)

    static func state(width: Int = 80, height: Int = 24, query: TimelineQuery = TimelineQuery(),
                      options: DisplayOptions = DisplayOptions()) -> AppState {
        AppState(store: store, width: width, height: height, query: query, options: options)
    }

    static func pair(_ text: String) -> CountryPair { try! CountryPair.parse(text) }
}

extension AppState {
    /// Applies actions in order, as a user's key presses would (trend reads answered at once).
    mutating func apply(_ actions: Action...) {
        for action in actions { answerReads(update(action)) }
    }

    /// Presses keys as the browser's loop does: each read through the key table in the
    /// current state, then applied, and the trend reads it asks for answered before the next key,
    /// as the loop's worker would. Returns the effects of the last, less the reads answered.
    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects = answerReads(action(for: key).map { update($0) } ?? []) }
        return effects
    }

    /// Answers `.readTrend` effects from the store, here, as `BackgroundReader` does on a worker;
    /// returns the other effects.
    @discardableResult
    mutating func answerReads(_ effects: [Effect]) -> [Effect] {
        var others: [Effect] = []
        for effect in effects {
            guard case .readTrend(let request) = effect else { others.append(effect); continue }
            let store = self.store
            let answer: TrendAnswer
            do { answer = .read(try store.trend(request.query)) } catch { answer = .failed(String(describing: error)) }
            others += answerReads(update(.trendRead(generation: request.generation, answer: answer)))
        }
        return others
    }

    mutating func type(_ text: String) {
        for character in text { update(.insert(character)) }
    }

    var selectedID: String? { selectedRow?.id }

    /// Every quote the quote pane lists (the fixtures are small): read through its selection.
    var quoteItems: [QuoteDetail] { (try? quotes.quotes(0..<quotes.count)) ?? [] }
}

/// Compares a rendered grid with a text file beside the tests: its text, then a block of its
/// styles, one character per cell (see `StyleLegend`). A missing or changed snapshot fails.
/// `UPDATE_SNAPSHOTS=1 swift test` rewrites the changed ones and still fails, naming each, so a
/// person reviews them and reruns without it; with `CI` set it never writes and always fails.
enum Snapshot {
    static let directory = Repository.root.appendingPathComponent("Tests/TimelineUITests/Snapshots")

    static func assert(_ grid: Grid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        let actual = grid.text + "\n" + StyleLegend.separator + "\n" + StyleLegend.text(of: grid) + "\n"
        let expected = try? String(contentsOf: url, encoding: .utf8)
        let environment = ProcessInfo.processInfo.environment
        if environment["UPDATE_SNAPSHOTS"] != nil {
            if environment["CI"] != nil {
                Issue.record("UPDATE_SNAPSHOTS is set in CI: snapshots are only compared there", sourceLocation: sourceLocation)
            } else {
                if actual != expected {
                    try? actual.write(to: url, atomically: true, encoding: .utf8)
                    Issue.record("snapshot \(name).txt rewritten: review it, then run again without UPDATE_SNAPSHOTS", sourceLocation: sourceLocation)
                }
                return
            }
        }
        guard let expected else {
            Issue.record("missing snapshot \(name).txt; run UPDATE_SNAPSHOTS=1 swift test and review it", sourceLocation: sourceLocation)
            return
        }
        if let difference = LineDiff.difference(expected: expected, actual: actual) {
            Issue.record("snapshot \(name).txt differs (-snapshot +rendered):\n\(difference)", sourceLocation: sourceLocation)
        }
    }
}

/// One character per cell naming its style, so snapshots catch a lost highlight or selection:
///
///     (space) normal   t title    l label    m muted    b badge    a accent   w warning
///     q quote          k link     x match    s selection h header  y year     f focused border
///     c verbal cooperation  d material cooperation (deeds)  r verbal conflict  z material conflict  o other (trend)
///
/// A reversed cell shows its letter in upper case (`#` for normal text reversed: a focused
/// selection bar); underline added to a role that is not underlined shows `_` (the selection
/// bar of a pane without focus). Bold and dim follow from the role and are not shown.
enum StyleLegend {
    static let separator = "--- styles"

    static func character(for style: Style) -> Character {
        let letter: Character
        switch style.role {
        case .normal: letter = " "
        case .title: letter = "t"
        case .label: letter = "l"
        case .muted: letter = "m"
        case .badge: letter = "b"
        case .accent: letter = "a"
        case .warning: letter = "w"
        case .quote: letter = "q"
        case .link: letter = "k"
        case .match: letter = "x"
        case .selection: letter = "s"
        case .header: letter = "h"
        case .year: letter = "y"
        case .focusBorder: letter = "f"
        case .verbalCooperation: letter = "c"
        case .materialCooperation: letter = "d"
        case .verbalConflict: letter = "r"
        case .materialConflict: letter = "z"
        case .otherCategory: letter = "o"
        }
        if style.underline && style.role != .match && style.role != .link && !style.reverse { return "_" }
        if style.reverse { return letter == " " ? "#" : Character(letter.uppercased()) }
        return letter
    }

    /// The grid's styles as lines (a wide character's second cell repeats its style), trailing
    /// blanks trimmed.
    static func text(of grid: Grid) -> String {
        (0..<grid.height).map { y in
            var line = String((0..<grid.width).map { character(for: grid[$0, y].style) })
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}

/// What a user sees on a rendered screen, checked without reference to how it was drawn.
enum Screen {
    /// Below the minimum size: as much of the too-small message as fits, and nothing else.
    /// Otherwise: the timeline's title, the footer's "N/M" and the selected event's row, marked.
    static func expectUsable(_ state: AppState, sourceLocation: SourceLocation = #_sourceLocation) {
        let grid = Renderer.render(state)
        let size = "\(state.width)×\(state.height)"
        let message = "terminal too small (need 40×10)"
        if state.width < 40 || state.height < 10 {
            let shown = grid.text.filter { !$0.isWhitespace }
            let whole = message.filter { !$0.isWhitespace }
            #expect(!shown.isEmpty && whole.contains(shown), "at \(size) the screen shows “\(grid.text)”", sourceLocation: sourceLocation)
            if state.width >= message.count && state.height >= 1 {
                #expect(grid.text.contains(message), "at \(size)", sourceLocation: sourceLocation)
            }
            return
        }
        let count = state.visibleCount
        #expect(grid.lines.last?.hasSuffix("\(state.selectedIndex + 1)/\(count) ") == true,
                "the footer at \(size) ends with the position: “\(grid.lines.last ?? "")”", sourceLocation: sourceLocation)
        if case .picker = state.overlay {
            #expect(grid.text.contains("Pairs · type to narrow"), "the picker at \(size)", sourceLocation: sourceLocation)
            return
        }
        guard let title = state.selectedRow?.title else { return }
        let start = String(Sanitizer.line(title).prefix(8))
        let timeline = state.layout.timeline
        guard !timeline.isEmpty else {
            #expect(grid.text.contains(start), "the zoomed detail at \(size) names the event", sourceLocation: sourceLocation)
            return
        }
        #expect(grid.lines[timeline.y].contains("Timeline (\(count))"), "the timeline's title at \(size)", sourceLocation: sourceLocation)
        let content = ScreenLayout.content(of: timeline)
        let marked = (content.y..<content.maxY).filter { grid[content.x, $0].character == "▶" }
        #expect(marked.count == 1, "one selection marker at \(size)", sourceLocation: sourceLocation)
        if let row = marked.first {
            #expect(grid.lines[row].contains(start), "the marker is on “\(start)…” at \(size)", sourceLocation: sourceLocation)
            let style = grid[content.x + 2, row].style
            #expect(style.reverse || (style.bold && style.underline), "the selected row stands out at \(size)", sourceLocation: sourceLocation)
        }
    }
}
