import DatasetFormats
import TimelineKit

/// A loaded dataset with the lookups every view and query needs, built once at load:
/// chronological order, ids, pairs, countries, quotes per event, and folded search text.
/// Events are addressed by integer index; positions are indices into `order`.
public struct Timeline: Sendable {
    public let dataset: Dataset
    /// Event indices in chronological order: earliest possible day, then finer precision
    /// first (what is known to the day leads its day), then id, so the order is total.
    public let order: [Int32]
    /// For each event index, its position in `order`.
    public let positionOfEvent: [Int32]
    public let eventIndexByID: [String: Int]
    /// For each pair, the chronological positions of its events, ascending.
    public let positionsByPair: [CountryPair: [Int32]]
    /// For each country, the chronological positions of events it takes part in, ascending.
    public let positionsByCountry: [Country: [Int32]]
    /// For each event index, the indices of the quotes about it.
    public let quotesByEvent: [[Int32]]
    /// Every pair with its count and span, busiest first.
    public let pairSummaries: [PairSummary]
    /// Quote indices grouped by speaker name, in dataset order within each speaker.
    public let quotesBySpeaker: [Int]
    /// For each quote index, its place in `quotesBySpeaker`.
    public let speakerRankOfQuote: [Int32]
    /// For each place in `quotesBySpeaker`, the start of its run of one speaker's quotes (and the
    /// end, exclusive): the quote pane's speaker headings.
    let speakerRunStart: [Int32]
    let speakerRunEnd: [Int32]
    public let quoteIndexByID: [String: Int]
    /// Built on the first search: an import reads a timeline without ever searching it.
    private let lazySearchIndex: LazySearchIndex
    var searchIndex: SearchIndex { lazySearchIndex.value }
    private let pairDisplayOrder: [CountryPair: (Country, Country)]

    public init(dataset: Dataset) {
        self.dataset = dataset
        let events = dataset.events
        // Keys computed once, not in the comparator: a million events sort in n log n comparisons.
        let keys = events.map(ChronologicalKey.init)
        let order = events.indices.sorted { keys[$0] < keys[$1] }.map { Int32($0) }
        self.order = order
        var positionOfEvent = [Int32](repeating: 0, count: events.count)
        for (position, event) in order.enumerated() { positionOfEvent[Int(event)] = Int32(position) }
        self.positionOfEvent = positionOfEvent

        eventIndexByID = Dictionary(events.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })

        var byPair: [CountryPair: [Int32]] = [:]
        var byCountry: [Country: [Int32]] = [:]
        var display: [CountryPair: (Country, Country)] = [:]
        for (position, eventIndex) in order.enumerated() {
            let participants = events[Int(eventIndex)].participants
            for (a, b) in participants.orderedPairs {
                let pair = CountryPair(a, b)
                byPair[pair, default: []].append(Int32(position))
                if display[pair] == nil { display[pair] = (a, b) }
            }
            for country in participants.countries { byCountry[country, default: []].append(Int32(position)) }
        }
        positionsByPair = byPair
        positionsByCountry = byCountry
        pairDisplayOrder = display

        var quotesByEvent = [[Int32]](repeating: [], count: events.count)
        for (quoteIndex, quote) in dataset.quotes.enumerated() {
            for event in quote.events { quotesByEvent[event].append(Int32(quoteIndex)) }
        }
        self.quotesByEvent = quotesByEvent

        pairSummaries = byPair.map { pair, positions in
            let first = events[Int(order[Int(positions.first!)])].date
            let dates = positions.map { events[Int(order[Int($0)])].date }
            let latest = dates.lazy.filter { !$0.isUnknown }.map(\.filterRange.upperBound).max() ?? Int.max
            let shown = display[pair]!
            return PairSummary(pair: pair, displayOrder: shown, eventCount: positions.count,
                               firstDate: first, lastDay: latest)
        }.sorted { ($0.eventCount, $1.pair) > ($1.eventCount, $0.pair) }

        let bySpeaker = Dataset.speakerOrder(of: dataset.quotes, people: dataset.people)
        quotesBySpeaker = bySpeaker
        var rankOfQuote = [Int32](repeating: 0, count: bySpeaker.count)
        for (rank, quote) in bySpeaker.enumerated() { rankOfQuote[quote] = Int32(rank) }
        speakerRankOfQuote = rankOfQuote
        var runStart = [Int32](repeating: 0, count: bySpeaker.count), runEnd = runStart
        var start = 0
        for rank in bySpeaker.indices {
            if rank > 0, dataset.quotes[bySpeaker[rank]].speaker != dataset.quotes[bySpeaker[rank - 1]].speaker {
                for member in start..<rank { runEnd[member] = Int32(rank) }
                start = rank
            }
            runStart[rank] = Int32(start)
        }
        for member in start..<bySpeaker.count { runEnd[member] = Int32(bySpeaker.count) }
        speakerRunStart = runStart
        speakerRunEnd = runEnd
        quoteIndexByID = Dictionary(dataset.quotes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })

        lazySearchIndex = LazySearchIndex(dataset: dataset, quotesByEvent: quotesByEvent)
    }

    public var eventCount: Int { order.count }

    /// The event at a chronological position.
    public func event(atPosition position: Int) -> Event { dataset.events[Int(order[position])] }

    public func event(id: String) -> Event? { eventIndexByID[id].map { dataset.events[$0] } }

    /// The order in which a pair is shown: as the dataset first presents it ("RUS–PAK").
    public func displayOrder(of pair: CountryPair) -> (Country, Country) {
        pairDisplayOrder[pair] ?? (pair.first, pair.second)
    }

    /// "RUS–PAK" as the dataset first presents it.
    public func label(of pair: CountryPair) -> String {
        let (a, b) = displayOrder(of: pair)
        return PairSummary.label(a, b)
    }

    public func quotes(aboutEvent eventIndex: Int) -> [Quote] {
        quotesByEvent[eventIndex].map { dataset.quotes[Int($0)] }
    }

    public func person(_ index: Int) -> Person { dataset.people[index] }
}
