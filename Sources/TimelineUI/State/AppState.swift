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

/// A row of the timeline pane: a year separator or a visible event.
public enum TimelineRow: Hashable, Sendable {
    case year(Int)
    /// An index into `AppState.visible`.
    case event(Int)
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

/// The whole state of the browser. `update` is the only thing that changes it.
public struct AppState: Sendable {
    public let timeline: Timeline
    public var options: DisplayOptions
    public internal(set) var width: Int
    public internal(set) var height: Int

    /// The filters: pairs, country and text (from `--search`).
    public internal(set) var query: TimelineQuery
    /// Chronological positions of the events that pass the filters.
    public internal(set) var visible: [Int32] = []
    public internal(set) var rows: [TimelineRow] = []
    /// For each visible index, its row in `rows`.
    var rowOfVisible: [Int] = []
    /// Columns the widest short date needs, measured when the filter changes rather than every
    /// frame (over the first 2,000 visible events: enough to size the column).
    var widestVisibleDate = 10

    /// Index into `visible` (0 when nothing is visible).
    public internal(set) var selection = 0
    public internal(set) var timelineScroll = 0
    public internal(set) var focus: Pane = .timeline
    public internal(set) var detailScroll = 0
    public internal(set) var quoteMode: QuoteMode = .selectedEvent
    /// Index into the quote pane's quotes.
    public internal(set) var quoteSelection = 0
    public internal(set) var quoteScroll = 0
    /// The active search term: matches are highlighted and `n`/`N` move between them.
    public internal(set) var searchTerm = "" {
        didSet { if searchTerm != oldValue { searchMatcher = timeline.textMatcher(searchTerm) } }
    }
    /// `searchTerm` folded once, for the per-row and per-event tests.
    private(set) var searchMatcher: TextMatcher
    public internal(set) var overlay: Overlay?
    /// Narrow screens show the detail (or quotes) full-screen after Enter.
    public internal(set) var zoomed = false
    public internal(set) var message: String?
    /// Which of the selected event's source URLs `o` opens next.
    var sourceCursor = 0

    public init(timeline: Timeline, width: Int, height: Int, query: TimelineQuery = TimelineQuery(),
                options: DisplayOptions = DisplayOptions()) {
        self.timeline = timeline
        self.width = width
        self.height = height
        self.options = options
        self.query = query
        searchMatcher = timeline.textMatcher(query.text)
        searchTerm = query.text
        applyQuery(keepingEventAt: nil)
    }

    /// The event index (into `dataset.events`) of the selection, if any event is visible.
    public var selectedEvent: Int? {
        guard visible.indices.contains(selection) else { return nil }
        return Int(timeline.order[Int(visible[selection])])
    }

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

    /// Recomputes the visible events and rows after a filter change, keeping the selected
    /// event if it is still visible, else the nearest later one.
    mutating func applyQuery(keepingEventAt position: Int32?) {
        visible = timeline.positions(matching: query)
        var rows: [TimelineRow] = []
        var rowOfVisible: [Int] = []
        rows.reserveCapacity(visible.count + 64)
        rowOfVisible.reserveCapacity(visible.count)
        var lastYear: Int?
        for (index, position) in visible.enumerated() {
            let year = yearOf(position: position)
            if year != lastYear {
                rows.append(.year(year))
                lastYear = year
            }
            rowOfVisible.append(rows.count)
            rows.append(.event(index))
        }
        self.rows = rows
        self.rowOfVisible = rowOfVisible
        widestVisibleDate = visible.prefix(2000).map { DisplayWidth.of(timeline.event(atPosition: Int($0)).date.shortDescription) }.max() ?? 10
        if let position {
            selection = Self.firstIndex(in: visible, atOrAfter: position) ?? max(0, visible.count - 1)
        } else {
            selection = 0
        }
        timelineScroll = 0
        selectionChanged()
    }

    /// The calendar year a timeline position is filed under (its sort day's year); unknown
    /// dates are filed under `Int.max`, after every year.
    func yearOf(position: Int32) -> Int {
        let day = timeline.event(atPosition: Int(position)).date.sortDay
        if day == Int.max { return Int.max }
        return CivilCalendar.civil(fromDayNumber: day == Int.min ? 0 : day).year
    }

    /// Binary search: the first index whose value is at least `value`.
    static func firstIndex(in sorted: [Int32], atOrAfter value: Int32) -> Int? {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count ? low : nil
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
    }
}
