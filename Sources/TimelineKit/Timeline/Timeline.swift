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
    public let quoteIndexByID: [String: Int]
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
    let searchIndex: SearchIndex
    private let pairDisplayOrder: [CountryPair: (Country, Country)]

    public init(dataset: Dataset) {
        self.dataset = dataset
        let events = dataset.events
        // Keys computed once, not in the comparator: a million events sort in n log n comparisons.
        let sortDays = events.map(\.date.sortDay)
        let precisions = events.map(\.date.precision)
        let order = events.indices.sorted { a, b in
            if sortDays[a] != sortDays[b] { return sortDays[a] < sortDays[b] }
            let pa = precisions[a], pb = precisions[b]
            if pa != pb { return pa < pb }
            return events[a].id < events[b].id
        }.map { Int32($0) }
        self.order = order
        var positionOfEvent = [Int32](repeating: 0, count: events.count)
        for (position, event) in order.enumerated() { positionOfEvent[Int(event)] = Int32(position) }
        self.positionOfEvent = positionOfEvent

        eventIndexByID = Dictionary(events.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        quoteIndexByID = Dictionary(dataset.quotes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })

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
            let latest = positions.map { events[Int(order[Int($0)])].date.filterRange.upperBound }.max()!
            let shown = display[pair]!
            return PairSummary(pair: pair, displayOrder: shown, eventCount: positions.count,
                               firstDate: first, lastDay: latest)
        }.sorted { ($0.eventCount, $1.pair) > ($1.eventCount, $0.pair) }

        let quotes = dataset.quotes, people = dataset.people
        quotesBySpeaker = quotes.indices.sorted { a, b in
            let nameA = people[quotes[a].speaker].name, nameB = people[quotes[b].speaker].name
            return nameA != nameB ? nameA < nameB : a < b
        }

        searchIndex = SearchIndex(dataset: dataset, quotesByEvent: quotesByEvent)
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
        return "\(a.alpha3)–\(b.alpha3)"
    }

    public func quotes(aboutEvent eventIndex: Int) -> [Quote] {
        quotesByEvent[eventIndex].map { dataset.quotes[Int($0)] }
    }

    public func person(_ index: Int) -> Person { dataset.people[index] }
}

/// One country pair's share of a timeline.
public struct PairSummary: Sendable {
    public let pair: CountryPair
    public let displayOrder: (Country, Country)
    public let eventCount: Int
    public let firstDate: EDTFDate
    /// The latest day any of its events can denote (Int.max for an ongoing one).
    public let lastDay: Int

    public init(pair: CountryPair, displayOrder: (Country, Country), eventCount: Int, firstDate: EDTFDate, lastDay: Int) {
        self.pair = pair
        self.displayOrder = displayOrder
        self.eventCount = eventCount
        self.firstDate = firstDate
        self.lastDay = lastDay
    }

    public var label: String { "\(displayOrder.0.alpha3)–\(displayOrder.1.alpha3)" }
}
