/// The one seam between a dataset and everything that shows it: the browser and every command
/// ask an `EventStore`, never an array of all events, so a million events cost what thirteen do.
///
/// Events are addressed by *position*: their place (0-based) in the dataset's chronological order
/// (earliest possible day, then finer precision first, then id). A selection (the events a query
/// picks) is addressed by *index*: 0..<count, ascending in position.
public protocol EventStore: AnyObject, Sendable {
    var info: StoreInfo { get }
    /// The events a query selects. Pair, country and unfiltered selections are index lookups;
    /// others may read their matches once, here, and never again per key.
    func selection(_ query: TimelineQuery) throws -> any EventSelection
    /// One event in full: participants, sources, notes and quotes resolved.
    func event(atPosition position: Int) throws -> EventDetail
    /// The events at these indices of a selection, in full, in order: for commands that stream
    /// every event of a selection (`list --format json`, `export`), a page at a time. A store may
    /// answer a page in a few queries; by default it is `event(atPosition:)` for each row.
    func events(in selection: any EventSelection, at range: Range<Int>) throws -> [EventDetail]
    func position(ofEventID id: String) throws -> Int?
    /// Ids close to `id`, nearest first, for "did you mean" (bounded work).
    func suggestions(forEventID id: String) throws -> [String]
    /// One page of the pairs whose keys (`PickerKeys.pair`) the typed text begins
    /// (`PickerKeys.normalized`; empty text: every pair), busiest first (count descending, then
    /// pair ascending), `query.offset` skipped, at most `query.limit`. Costs the page, not the pairs.
    func pairs(_ query: PickerQuery) throws -> [PairSummary]
    /// The same for countries (`PickerKeys.country`), busiest first (events descending, then code).
    func countries(_ query: PickerQuery) throws -> [CountryCount]
    /// The same for the people who are quoted (`PickerKeys.speaker`), most quoted first (quotes
    /// descending, then name, then dataset order); people never quoted are not listed.
    func speakers(_ query: PickerQuery) throws -> [SpeakerCount]
    /// The quotes the quote pane lists, addressed by index, read a page at a time.
    func quoteSelection(_ scope: QuoteScope) throws -> any QuoteSelection
    /// Quotes that pass a filter, in dataset order, or by speaker name (then dataset order): for
    /// `bilateral quotes`, which lists them all; the browser pages through `quoteSelection`.
    func quotes(_ query: QuoteQuery) throws -> [QuoteDetail]
    /// A store for work off the input path (counts): its own connection where the store has
    /// one to open, so a long count never holds up the keys; else the store itself.
    func worker() throws -> any EventStore
    /// Stops what this store is computing now (from another thread): the call in progress throws.
    func interrupt()
    /// Checks what opening the store left unchecked because it takes time that grows with the data
    /// (the browser opens a store so, to draw its first screen at once, and runs this off the input
    /// path): throws what a damaged store would at open. Nothing to do for most stores.
    func checkDeferred() throws
    /// Whether `checkDeferred()` has anything to do (the browser opens no worker for it otherwise).
    var hasDeferredChecks: Bool { get }
    /// Events per time bucket and category, with the sums of their measures: one series per pair of
    /// `query.pairs` (in that order; each counts the events `query.filter` selects with its `pairs`
    /// replaced by that one pair), or, when `query.pairs` is empty, one series for `query.filter`
    /// itself. An event counts in the bucket of the month of its sort day (as the ruler counts it);
    /// events of no known day are left out. `filter.from`/`filter.to` are taken as whole months: an
    /// event counts when its sort day's month lies from `from`'s earliest day's month to `to`'s latest
    /// day's month (`TrendQuery.monthRange`). Stores answer pairs, a country and dates from
    /// month × pair × category rollups in one grouped query; a kind or text filter is counted from
    /// the selection.
    func trend(_ query: TrendQuery) throws -> Trend
}

extension EventStore {
    /// A store whose open checks everything it reads has nothing deferred.
    public func checkDeferred() throws {}
    public var hasDeferredChecks: Bool { false }

    public func events(in selection: any EventSelection, at range: Range<Int>) throws -> [EventDetail] {
        try selection.rows(range).map { try event(atPosition: $0.position) }
    }
}

/// What a store says about itself, read once at open.
public struct StoreInfo: Sendable, Equatable {
    public var title: String
    public var description: String
    public var eventCount: Int
    public var quoteCount: Int
    /// The first and last known sort days (nil when no event has a known day): the ruler's span.
    public var firstDay: Int?
    public var lastDay: Int?

    public init(title: String, description: String, eventCount: Int, quoteCount: Int, firstDay: Int?, lastDay: Int?) {
        self.title = title
        self.description = description
        self.eventCount = eventCount
        self.quoteCount = quoteCount
        self.firstDay = firstDay
        self.lastDay = lastDay
    }
}

/// The events a query selected, in chronological order.
public protocol EventSelection: Sendable {
    var query: TimelineQuery { get }
    var count: Int { get }
    /// The rows at these indices, clamped to the selection.
    func rows(_ range: Range<Int>) throws -> [EventRow]
    /// The first index whose position is at or after `position`; nil when none is.
    func index(atOrAfterPosition position: Int) throws -> Int?
    /// The first index whose event sorts on or after this day; nil when none does.
    func index(onOrAfterDay day: Int) throws -> Int?
    /// Events per bucket of months: `monthBounds` ascending (n + 1 bounds make n buckets), and
    /// bucket i counts the events whose sort day falls in a month m with
    /// `monthBounds[i] <= m < monthBounds[i + 1]` (months as `MonthCount.month(ofDay:)` numbers);
    /// events with no known day are in no bucket. Fewer than two bounds: `[]`. One grouped read of
    /// the per-month counts, whatever the number of events (the ruler asks once per filter and width).
    func bucketCounts(monthBounds: [Int]) throws -> [Int]
    /// The nearest index at or after `index` (forward) or at or before it whose event matches
    /// the search, without wrapping; nil when there is none that way.
    func match(_ search: SearchText, from index: Int, forward: Bool) throws -> Int?
    /// The indices in `range` whose events match the search.
    func matches(_ search: SearchText, in range: Range<Int>) throws -> Set<Int>
    func matchCount(_ search: SearchText) throws -> Int
}

/// One row of the timeline: what a row and the list command show, without the full event.
public struct EventRow: Sendable, Equatable {
    public var position: Int
    public var id: String
    public var date: EDTFDate
    public var title: String
    public var kind: String
    public var status: EventStatus
    /// The event's pairs as the dataset first presents each ("RUS–PAK").
    public var pairLabels: [String]

    public init(position: Int, id: String, date: EDTFDate, title: String, kind: String, status: EventStatus, pairLabels: [String]) {
        self.position = position
        self.id = id
        self.date = date
        self.title = title
        self.kind = kind
        self.status = status
        self.pairLabels = pairLabels
    }

    /// The calendar year the row is filed under (its sort day's year); a date not known at all
    /// is filed under `Int.max`, after every year.
    public var year: Int {
        let day = date.sortDay
        if day == Int.max { return Int.max }
        return CivilCalendar.civil(fromDayNumber: day == Int.min ? 0 : day).year
    }
}

/// One event with everything it refers to resolved. Its facts read as its own members
/// (`detail.title`), as they do on `Event`.
@dynamicMemberLookup
public struct EventDetail: Sendable {
    public var position: Int
    public var facts: EventFacts
    public var pairLabels: [String]
    public var sources: [Source]
    public var people: [Person]
    public var notes: [ResolvedNote]
    public var quotes: [QuoteDetail]

    public init(position: Int, facts: EventFacts, pairLabels: [String], sources: [Source], people: [Person],
                notes: [ResolvedNote], quotes: [QuoteDetail]) {
        self.position = position
        self.facts = facts
        self.pairLabels = pairLabels
        self.sources = sources
        self.people = people
        self.notes = notes
        self.quotes = quotes
    }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<EventFacts, Value>) -> Value {
        get { facts[keyPath: keyPath] }
        set { facts[keyPath: keyPath] = newValue }
    }

    public var row: EventRow {
        EventRow(position: position, id: facts.id, date: facts.date, title: facts.title, kind: facts.kind, status: facts.status,
                 pairLabels: pairLabels)
    }
}

public struct ResolvedNote: Sendable, Equatable {
    public var text: String
    public var sources: [Source]

    public init(text: String, sources: [Source]) {
        self.text = text
        self.sources = sources
    }
}

/// A quote with its speaker, source and the events it is about.
public struct QuoteDetail: Sendable, Equatable {
    public var id: String
    public var text: String
    public var context: String?
    public var speaker: Person
    public var source: Source
    public var events: [EventLink]

    public init(id: String, text: String, context: String?, speaker: Person, source: Source, events: [EventLink]) {
        self.id = id
        self.text = text
        self.context = context
        self.speaker = speaker
        self.source = source
        self.events = events
    }
}

/// Enough of an event to name it and go to it.
public struct EventLink: Sendable, Equatable {
    public var id: String
    public var title: String
    public var date: EDTFDate
    public var position: Int

    public init(id: String, title: String, date: EDTFDate, position: Int) {
        self.id = id
        self.title = title
        self.date = date
        self.position = position
    }
}

/// A person who is quoted, with how many quotes, and where their first quote stands in the
/// all-quotes-by-speaker order (`QuoteScope.allBySpeaker`), so the quote pane can go there.
public struct SpeakerCount: Sendable, Equatable {
    public var person: Person
    public var quotes: Int
    public var firstIndex: Int

    public init(person: Person, quotes: Int, firstIndex: Int) {
        self.person = person
        self.quotes = quotes
        self.firstIndex = firstIndex
    }
}

public struct CountryCount: Sendable, Equatable {
    public var country: Country
    public var events: Int

    public init(country: Country, events: Int) {
        self.country = country
        self.events = events
    }
}

/// Events in one calendar month: `month` counts months from year 0 (`year * 12 + month - 1`).
public struct MonthCount: Sendable, Equatable {
    public var month: Int
    public var count: Int

    public init(month: Int, count: Int) {
        self.month = month
        self.count = count
    }

    public static func month(ofDay day: Int) -> Int {
        let date = CivilCalendar.civil(fromDayNumber: day)
        return date.year * 12 + date.month - 1
    }

    /// The first day of a month number.
    public static func firstDay(ofMonth month: Int) -> Int {
        let year = month >= 0 ? month / 12 : (month - 11) / 12
        return CivilCalendar.dayNumber(year: year, month: month - year * 12 + 1, day: 1)
    }
}

/// Which quotes `bilateral quotes` lists.
public struct QuoteQuery: Sendable, Equatable {
    /// The speaker's id, or a part of the name, case-insensitively.
    public var speaker: String?
    /// Quotes about at least one event of this pair.
    public var pair: CountryPair?
    public var eventID: String?
    /// Order by speaker name (then dataset order) instead of dataset order.
    public var bySpeaker: Bool

    public init(speaker: String? = nil, pair: CountryPair? = nil, eventID: String? = nil, bySpeaker: Bool = false) {
        self.speaker = speaker
        self.pair = pair
        self.eventID = eventID
        self.bySpeaker = bySpeaker
    }
}
