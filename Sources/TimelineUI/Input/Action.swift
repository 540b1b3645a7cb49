import TimelineKit

/// Every thing a user can do, as one enum: the keymap binds keys to these, `update`
/// carries them out, and the help screen describes them, so none can drift apart.
public enum Action: Hashable, Sendable {
    case moveDown, moveUp, pageDown, pageUp, halfPageDown, halfPageUp, first, last
    case previousYear, nextYear, beginDateJump
    case focusNext, focusPrevious, activate, back
    case openPairPicker, clearPairFilter, openCountryPicker, openSpeakerPicker, selectAllPairs
    case beginSearch, nextMatch, previousMatch
    case toggleQuoteView, openSource, toggleHelp, quit, interrupt
    /// The trend view: open and close it, move its cursor across buckets, change the bucket size and
    /// the measure, drop a row.
    case toggleTrend, previousBucket, nextBucket, cycleBucket, cycleMeasure, removeTrendPair
    /// Typed text in an input line or a picker's filter.
    case insert(Character)
    case deleteBackward
    case resize(width: Int, height: Int)
    case mouse(MouseEvent)
    /// A message from outside `update`, such as the result of opening a URL.
    case showMessage(String)
    /// A count asked for by `Effect.countMatches` has arrived.
    case matchesCounted(generation: Int, count: Int)
    /// The numbers asked for by `Effect.readTrend` have arrived, or the read failed (the reason).
    case trendRead(generation: Int, answer: TrendAnswer)

    /// What the help screen says the action does; nil for what no key is bound to (typing,
    /// resizing, the mouse and messages from the loop), which the help does not list.
    public var help: String? {
        switch self {
        case .moveDown: return "down"
        case .moveUp: return "up"
        case .pageDown: return "page down"
        case .pageUp: return "page up"
        case .halfPageDown: return "half a page down"
        case .halfPageUp: return "half a page up"
        case .first: return "to the top"
        case .last: return "to the end"
        case .previousYear: return "previous year"
        case .nextYear: return "next year"
        case .beginDateJump: return "jump to a date (2016, 2017-09)"
        case .focusNext: return "next pane: timeline, detail, quotes"
        case .focusPrevious: return "previous pane"
        case .activate: return "open the detail; on a quote, its event"
        case .back: return "back: close, timeline, drop the search"
        case .openPairPicker: return "filter by country pair"
        case .clearPairFilter: return "clear the pair and country filters"
        case .openCountryPicker: return "filter by country"
        case .openSpeakerPicker: return "quotes by a speaker: type a name"
        case .selectAllPairs: return "all"
        case .beginSearch: return "search events and quotes (in the quote pane: its quotes)"
        case .nextMatch: return "next match"
        case .previousMatch: return "previous match"
        case .toggleQuoteView: return "quotes: this event's / all by speaker"
        case .openSource: return "open the next source in a browser"
        case .toggleHelp: return "this help"
        case .quit: return "quit"
        case .interrupt: return "quit at once"
        case .deleteBackward: return "delete a character"
        case .toggleTrend: return "trend: events by year and kind of act"
        case .previousBucket: return "previous bucket"
        case .nextBucket: return "next year (quarter, month)"
        case .cycleBucket: return "bars per year, quarter or month"
        case .cycleMeasure: return "marks: none, mean Goldstein, mean tone"
        case .removeTrendPair: return "remove the row's pair"
        case .insert, .resize, .mouse, .showMessage, .matchesCounted, .trendRead: return nil
        }
    }
}

/// What a background trend read came back with.
public enum TrendAnswer: Hashable, Sendable {
    case read(Trend)
    case failed(String)
    /// The store's server could not be reached: the read is asked again when it may be back
    /// (`AppState.retryTrendRead`).
    case connectionLost
}
