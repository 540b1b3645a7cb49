import Foundation
import Testing
import SQLiteStore
import TimelineKit
@testable import TimelineUI

enum Fixtures {
    static let timeline = try! DatasetLoader.load(path: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/article-2017.json").standardized.path)

    /// The UI runs over the SQLite store, as the app does.
    static let store: any EventStore = try! StoreWriter.inMemory(timeline: timeline)

    static func state(width: Int = 80, height: Int = 24, query: TimelineQuery = TimelineQuery(),
                      options: DisplayOptions = DisplayOptions()) -> AppState {
        AppState(store: store, width: width, height: height, query: query, options: options)
    }

    static func pair(_ text: String) -> CountryPair { try! CountryPair.parse(text) }
}

extension AppState {
    /// Applies actions in order, as a user's key presses would.
    mutating func apply(_ actions: Action...) {
        for action in actions { update(action) }
    }

    mutating func type(_ text: String) {
        for character in text { update(.insert(character)) }
    }

    var selectedID: String? { selectedRow?.id }
}

/// Compares a rendered grid with a text file beside the tests. A missing or changed
/// snapshot fails; `UPDATE_SNAPSHOTS=1 swift test` rewrites them for a person to review.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func assert(_ grid: Grid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        let actual = grid.text + "\n"
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] != nil {
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing snapshot \(name).txt; run UPDATE_SNAPSHOTS=1 swift test and review it", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "snapshot \(name) differs:\n\(actual)", sourceLocation: sourceLocation)
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
        #expect(grid.lines.last?.hasSuffix("\(state.selection + 1)/\(count) ") == true,
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
