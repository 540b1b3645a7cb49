import TerminalText
import TimelineKit

public enum Pane: Int, Hashable, Sendable, CaseIterable {
    case timeline, detail, quotes
}

public enum QuoteMode: Hashable, Sendable {
    /// The quotes about the selected event.
    case selectedEvent
    /// Every quote, grouped by speaker.
    case allBySpeaker
}

public struct DisplayOptions: Hashable, Sendable {
    public var color: Bool
    public var ascii: Bool
    public var mouse: Bool

    public init(color: Bool = true, ascii: Bool = false, mouse: Bool = true) {
        self.color = color
        self.ascii = ascii
        self.mouse = mouse
    }
}

/// What is on top of the panes, taking the keys.
public enum Overlay: Hashable, Sendable {
    case help(scroll: Int)
    case picker(PickerState)
    case input(InputLine)
}

/// A one-line prompt in the footer: an incremental search or a date to jump to.
public struct InputLine: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case search, date }
    public var kind: Kind
    public var text: String = ""
    /// The view to restore when the prompt is cancelled.
    var savedSelection: Int
    var savedScroll: Int
    var savedSearch: String

    public var prompt: String { kind == .search ? "/" : ":" }
}

/// The whole state of the browser. `update` is the only thing that changes it. It reaches the
/// data only through the store's protocol and holds no more than a window of rows around the
/// viewport, so no key or frame costs more at a million events than at a dozen.
public struct AppState: Sendable {
    public let store: any EventStore
    public var options: DisplayOptions
    public internal(set) var width: Int
    public internal(set) var height: Int

    /// The filters: pairs, country and text (from `--search`).
    public internal(set) var query: TimelineQuery
    /// The events that pass the filters.
    public internal(set) var events: any EventSelection
    /// Rows fetched around the viewport, with which of them match the search.
    public internal(set) var window = RowWindow()
    /// Events per month under the filters, for the ruler: read once per filter.
    public internal(set) var months: [MonthCount] = []
    /// The filter's pairs as the dataset writes them ("RUS–PAK"), for the header.
    public internal(set) var pairFilterLabels: [String] = []
    /// Columns the widest short date needs, measured when the filter changes rather than every
    /// frame (over the first rows: enough to size the column).
    var widestVisibleDate = 10

    /// Index into `events` (0 when nothing is visible).
    public internal(set) var selection = 0
    /// The selected event in full, read when the selection changes.
    public internal(set) var selectedDetail: EventDetail?
    /// The index of the event at the top of the timeline pane.
    public internal(set) var timelineScroll = 0
    public internal(set) var focus: Pane = .timeline
    public internal(set) var detailScroll = 0
    public internal(set) var quoteMode: QuoteMode = .selectedEvent
    /// Every quote by speaker, read the first time the quote pane shows them all.
    var allQuotes: [QuoteDetail]?
    /// The quote pane's last layout (`quotePane`).
    let quotePaneMemo = QuotePaneMemo()
    /// Index into the quote pane's quotes.
    public internal(set) var quoteSelection = 0
    public internal(set) var quoteScroll = 0
    /// The active search term: matches are highlighted and `n`/`N` move between them.
    public internal(set) var searchTerm = "" {
        didSet {
            if searchTerm != oldValue {
                search = SearchText(searchTerm)
                countGeneration += 1
                refreshMatches()
            }
        }
    }
    /// Bumped whenever the question a count answers changes, so a late answer is recognised.
    public internal(set) var countGeneration = 0
    /// `searchTerm` as the store matches it.
    public private(set) var search = SearchText("")
    public internal(set) var overlay: Overlay?
    /// Narrow screens show the detail (or quotes) full-screen after Enter.
    public internal(set) var zoomed = false
    public internal(set) var message: String?
    /// Which of the selected event's source URLs `o` opens next.
    var sourceCursor = 0

    public init(store: any EventStore, width: Int, height: Int, query: TimelineQuery = TimelineQuery(),
                options: DisplayOptions = DisplayOptions()) {
        self.store = store
        self.width = width
        self.height = height
        self.options = options
        self.query = query
        events = EmptySelection(query: query)
        searchTerm = query.text
        search = SearchText(query.text)
        applyQuery(keepingEventAt: nil)
    }

    public var visibleCount: Int { events.count }

    /// The selected row, if any event is visible.
    public var selectedRow: EventRow? { window.row(selection) }

    public var layout: ScreenLayout { ScreenLayout(width: width, height: height, focus: focus, zoomed: zoomed) }

    /// Which keys apply now.
    public var keyContext: KeyContext {
        switch overlay {
        case .help: return .help
        case .picker: return .picker
        case .input: return .input
        case nil:
            switch focus {
            case .timeline: return .timeline
            case .detail: return .detail
            case .quotes: return .quotes
            }
        }
    }

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

/// A page of consecutive rows of a selection.
public struct RowWindow: Sendable {
    public var start = 0
    public var rows: [EventRow] = []
    /// Indices (into the selection) of the rows that match the search.
    public var matches: Set<Int> = []

    func covers(_ range: Range<Int>) -> Bool {
        range.lowerBound >= start && range.upperBound <= start + rows.count
    }

    public func row(_ index: Int) -> EventRow? {
        let offset = index - start
        return rows.indices.contains(offset) ? rows[offset] : nil
    }
}

/// The selection shown when the store could not answer: nothing.
struct EmptySelection: EventSelection {
    let query: TimelineQuery
    var count: Int { 0 }
    func rows(_ range: Range<Int>) throws -> [EventRow] { [] }
    func index(atOrAfterPosition position: Int) throws -> Int? { nil }
    func index(onOrAfterDay day: Int) throws -> Int? { nil }
    func monthCounts() throws -> [MonthCount] { [] }
    func match(_ search: SearchText, from index: Int, forward: Bool) throws -> Int? { nil }
    func matches(_ search: SearchText, in range: Range<Int>) throws -> Set<Int> { [] }
    func matchCount(_ search: SearchText) throws -> Int { 0 }
}
