import TerminalText
import TimelineKit

extension AppState {
    /// Runs a store call; a failure (a file damaged after it was opened) becomes the footer
    /// message instead of a crash.
    mutating func attempt<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch {
            message = "store error: \(Sanitizer.line(String(describing: error)))"
            return nil
        }
    }

    /// Re-reads the selection after a filter change, keeping the selected event if it is still
    /// visible, else the nearest later one.
    mutating func applyQuery(keepingEventAt position: Int?) {
        let query = self.query
        let store = self.store
        countGeneration += 1
        events = attempt { try store.selection(query) } ?? EmptySelection(query: query)
        let events = self.events
        months = attempt { try events.monthCounts() } ?? []
        if query.pairs.isEmpty {
            pairFilterLabels = []
        } else {
            let labels = Dictionary((attempt { try store.pairSummaries() } ?? []).map { ($0.pair, $0.label) }) { first, _ in first }
            pairFilterLabels = query.pairs.sorted().map { labels[$0] ?? $0.description }
        }
        // The first rows size the date column and are the first window, so they are read once.
        let first = 0..<min(events.count, 500)
        let sample = attempt { try events.rows(first) } ?? []
        widestVisibleDate = sample.map { DisplayWidth.of($0.date.shortDescription) }.max() ?? 10
        let search = self.search
        let matches = search.isEmpty || sample.isEmpty ? [] : (attempt { try events.matches(search, in: first) } ?? [])
        window = RowWindow(start: 0, rows: sample, matches: matches)
        if let position {
            let index = attempt { try events.index(atOrAfterPosition: position) } ?? nil
            selection = index ?? max(0, events.count - 1)
        } else {
            selection = 0
        }
        timelineScroll = 0
        selectionChanged()
    }

    /// Resets what depends on the selected event.
    mutating func selectionChanged() {
        detailScroll = 0
        sourceCursor = 0
        if quoteMode == .selectedEvent {
            quoteSelection = 0
            quoteScroll = 0
        }
        keepSelectionInView()
        if let row = selectedRow {
            if selectedDetail?.position != row.position {
                let store = self.store
                selectedDetail = attempt { try store.event(atPosition: row.position) }
            }
        } else {
            selectedDetail = nil
        }
    }

    /// Makes sure the window holds `range` (clamped to the selection), reading a page around it
    /// when it does not.
    mutating func ensureRows(_ range: Range<Int>) {
        let wanted = range.clamped(to: 0..<events.count)
        guard !wanted.isEmpty, !window.covers(wanted) else { return }
        let margin = max(64, wanted.count)
        let page = max(0, wanted.lowerBound - margin)..<min(events.count, wanted.upperBound + margin)
        let events = self.events
        let search = self.search
        guard let rows = attempt({ try events.rows(page) }) else { return }
        let matches = search.isEmpty ? [] : (attempt { try events.matches(search, in: page) } ?? [])
        window = RowWindow(start: page.lowerBound, rows: rows, matches: matches)
    }

    /// Re-reads which rows of the window match after the search changes.
    mutating func refreshMatches() {
        guard !window.rows.isEmpty else { return }
        let range = window.start..<(window.start + window.rows.count)
        let events = self.events
        let search = self.search
        window.matches = search.isEmpty ? [] : (attempt { try events.matches(search, in: range) } ?? [])
    }

    /// Whether a visible event matches the search term.
    func eventMatchesSearch(index: Int) -> Bool { window.matches.contains(index) }
}
