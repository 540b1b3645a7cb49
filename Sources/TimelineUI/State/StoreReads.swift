import TerminalText
import TimelineKit

extension AppState {
    /// Runs a store call; a failure (a file damaged after it was opened) becomes the footer
    /// message and `storeFailure` instead of a crash. A lost connection is not a failure: it is
    /// noted (`connectionLost`) for `perform`, which waits and tries again.
    mutating func attempt<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch where StoreConnection.isLost(error) {
            connectionLost = true
            message = Self.connectionLostMessage
            return nil
        } catch {
            reportStoreFailure(error)
            return nil
        }
    }

    /// A failed store call as `attempt` reports it: the footer's message, and the first failure kept.
    mutating func reportStoreFailure(_ error: any Error) {
        message = "store error: \(Sanitizer.line(String(describing: error)))"
        if storeFailure == nil { storeFailure = error }
    }

    /// A pair's label as the dataset writes it ("RUS–PAK"): one lookup in the picker's index, never
    /// a read of every pair; its codes when the store has no such pair or the read fails.
    mutating func pairLabel(_ pair: CountryPair) -> String {
        let store = self.store
        return (attempt { try store.summary(of: pair) } ?? nil)?.label ?? pair.description
    }

    /// Re-reads the visible events after a filter change, keeping the selected event if it is still
    /// visible, else the nearest later one.
    mutating func applyQuery(keepingEventAt position: Int?) {
        let query = self.query
        let store = self.store
        countGeneration += 1
        visibleEvents = attempt { try store.selection(query) } ?? EmptySelection(query: query)
        let visibleEvents = self.visibleEvents
        readRulerCounts()
        // Each pair's label is one picker lookup by its codes, never a read of every pair.
        pairFilterLabels = query.pairs.sorted().map { pair in pairLabel(pair) }
        // The first rows size the date column and are the first window, so they are read once.
        let first = 0..<min(visibleEvents.count, 500)
        let sample = attempt { try visibleEvents.rows(first) } ?? []
        widestVisibleDate = sample.map { DisplayWidth.of($0.date.shortDescription) }.max() ?? 10
        let search = self.search
        let matches = search.isEmpty || sample.isEmpty ? [] : (attempt { try visibleEvents.matches(search, in: first) } ?? [])
        window = RowWindow(start: 0, rows: sample, matches: matches)
        if let position {
            let index = attempt { try visibleEvents.index(atOrAfterPosition: position) } ?? nil
            selectedIndex = index ?? max(0, visibleEvents.count - 1)
        } else {
            selectedIndex = 0
        }
        timelineScroll = 0
        selectedEventChanged()
    }

    /// Resets what depends on the selected event.
    mutating func selectedEventChanged() {
        detailScroll = 0
        sourceCursor = 0
        keepSelectedEventInView()
        if let row = selectedRow {
            if selectedDetail?.position != row.position {
                let store = self.store
                selectedDetail = attempt { try store.event(atPosition: row.position) }
            }
        } else {
            selectedDetail = nil
        }
        if quoteMode == .selectedEvent {
            selectedQuoteIndex = 0
            quoteScroll = .top
            readQuotes()
        }
    }

    /// The quote pane's selection for its mode: one lookup, however many quotes there are.
    mutating func readQuotes() {
        let scope: QuoteScope
        switch quoteMode {
        case .allBySpeaker: scope = .allBySpeaker
        case .selectedEvent:
            guard let position = selectedDetail?.position else { quotes = EmptyQuoteSelection(); return }
            scope = .event(position: position)
        }
        if quotes.scope == scope, !(quotes is EmptyQuoteSelection) { return }
        let store = self.store
        quotes = attempt { try store.quoteSelection(scope) } ?? EmptyQuoteSelection()
    }

    /// The ruler's counts for the filter at this width: one grouped read, kept until either changes.
    mutating func readRulerCounts() {
        guard let scale = RulerScale(info: store.info, width: layout.ruler.width - 2) else { rulerCounts = []; return }
        let visibleEvents = self.visibleEvents
        rulerCounts = attempt { try visibleEvents.bucketCounts(monthBounds: scale.monthBounds) } ?? []
    }

    /// Makes sure the window holds `range` (clamped to the visible events), reading a page around it
    /// when it does not.
    mutating func ensureRows(_ range: Range<Int>) {
        let wanted = range.clamped(to: 0..<visibleEvents.count)
        guard !wanted.isEmpty, !window.covers(wanted) else { return }
        let margin = max(64, wanted.count)
        let page = max(0, wanted.lowerBound - margin)..<min(visibleEvents.count, wanted.upperBound + margin)
        let visibleEvents = self.visibleEvents
        let search = self.search
        guard let rows = attempt({ try visibleEvents.rows(page) }) else { return }
        let matches = search.isEmpty ? [] : (attempt { try visibleEvents.matches(search, in: page) } ?? [])
        window = RowWindow(start: page.lowerBound, rows: rows, matches: matches)
    }

    /// Re-reads which rows of the window match after the search changes.
    mutating func refreshMatches() {
        guard !window.rows.isEmpty else { return }
        let range = window.start..<(window.start + window.rows.count)
        let visibleEvents = self.visibleEvents
        let search = self.search
        window.matches = search.isEmpty ? [] : (attempt { try visibleEvents.matches(search, in: range) } ?? [])
    }

    /// Whether a visible event matches the search term.
    func eventMatchesSearch(index: Int) -> Bool { window.matches.contains(index) }
}
