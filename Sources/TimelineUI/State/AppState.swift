import TimelineKit

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
    public internal(set) var visibleEvents: any EventSelection
    /// Rows fetched around the viewport, with which of them match the search.
    public internal(set) var window = RowWindow()
    /// Events per ruler column under the filters (`RulerScale`): read once per filter and width.
    public internal(set) var rulerCounts: [Int] = []
    /// The filter's pairs as the dataset writes them ("RUS–PAK"), for the header.
    public internal(set) var pairFilterLabels: [String] = []
    /// Columns the widest short date needs, measured when the filter changes rather than every
    /// frame (over the first rows: enough to size the column).
    var widestVisibleDate = 10

    /// Index into `visibleEvents` (0 when nothing is visible).
    public internal(set) var selectedIndex = 0
    /// The selected event in full, read when the selected event changes.
    public internal(set) var selectedDetail: EventDetail?
    /// The index of the event at the top of the timeline pane.
    public internal(set) var timelineScroll = 0
    public internal(set) var focus: Pane = .timeline
    public internal(set) var detailScroll = 0
    public internal(set) var quoteMode: QuoteMode = .selectedEvent
    /// The quotes the quote pane lists: the selected event's, or every quote by speaker, read a
    /// page at a time as the pane shows them.
    public internal(set) var quotes: any QuoteSelection = EmptyQuoteSelection()
    /// The quotes read and blocks laid out lately (`quotePane`).
    let quoteBlocks = QuoteBlockMemo()
    /// Index into `quotes`.
    public internal(set) var selectedQuoteIndex = 0
    public internal(set) var quoteScroll = QuoteScroll.top
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
    /// The trend view (`t`), shown instead of the panes while set.
    public internal(set) var trend: TrendViewState?
    /// Bumped for every trend read asked for, so a late answer is recognised.
    public internal(set) var trendGeneration = 0
    /// Effects asked for deep inside an action (a trend read), returned by `update` with its own.
    var queuedEffects: [Effect] = []
    /// Narrow screens show the detail (or quotes) full-screen after Enter.
    public internal(set) var zoomed = false
    public internal(set) var message: String?
    /// The first store call that failed. The interface goes on (the footer says so); whoever runs
    /// the loop decides whether the session can: a damaged store cannot, a lost connection may.
    public internal(set) var storeFailure: (any Error)?
    /// Set by a store call that found the connection lost during the current action (`perform`).
    var connectionLost = false
    /// The action that found the connection lost, tried again by `retryWaitingAction`.
    var waitingAction: Action?
    /// Which of the selected event's source URLs `o` opens next.
    var sourceCursor = 0

    public init(store: any EventStore, width: Int, height: Int, query: TimelineQuery = TimelineQuery(),
                options: DisplayOptions = DisplayOptions()) {
        self.store = store
        self.width = width
        self.height = height
        self.options = options
        self.query = query
        visibleEvents = EmptySelection(query: query)
        searchTerm = query.text
        search = SearchText(query.text)
        applyQuery(keepingEventAt: nil)
    }

    public var visibleCount: Int { visibleEvents.count }

    /// The selected row, if any event is visible.
    public var selectedRow: EventRow? { window.row(selectedIndex) }

    public var layout: ScreenLayout { ScreenLayout(width: width, height: height, focus: focus, zoomed: zoomed) }
}
