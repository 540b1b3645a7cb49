import DatasetFormats
import TimelineKit

/// The reference store: a loaded `Timeline` in memory. Simple rather than fast (a text or date
/// filter scans), so it is the expectation the SQLite store is tested against, and a store for
/// small datasets in tests.
public final class MemoryEventStore: EventStore {
    public let timeline: Timeline
    public let info: StoreInfo

    public init(timeline: Timeline) {
        self.timeline = timeline
        let days = (0..<timeline.eventCount).map { timeline.event(atPosition: $0).date.sortDay }.filter { $0 != Int.min && $0 != Int.max }
        info = StoreInfo(title: timeline.dataset.title, description: timeline.dataset.description,
                         eventCount: timeline.eventCount, quoteCount: timeline.dataset.quotes.count,
                         firstDay: days.first, lastDay: days.last)
    }

    public func selection(_ query: TimelineQuery) throws -> any EventSelection {
        MemorySelection(store: self, query: query, positions: timeline.positions(matching: query))
    }

    public func event(atPosition position: Int) throws -> EventDetail {
        detail(eventIndex: Int(timeline.order[position]))
    }

    public func position(ofEventID id: String) throws -> Int? {
        timeline.eventIndexByID[id].map { Int(timeline.positionOfEvent[$0]) }
    }

    public func suggestions(forEventID id: String) throws -> [String] {
        EditDistance.closest(to: id, in: timeline.eventIndexByID.keys).map { [$0] } ?? []
    }

    public func pairSummaries() throws -> [PairSummary] { timeline.pairSummaries }

    public func countryCounts() throws -> [CountryCount] {
        timeline.positionsByCountry.map { CountryCount(country: $0.key, events: $0.value.count) }
            .sorted { ($0.events, $1.country) > ($1.events, $0.country) }
    }

    public func quotes(_ query: QuoteQuery) throws -> [QuoteDetail] {
        let dataset = timeline.dataset
        let eventFilter = query.eventID.map { timeline.eventIndexByID[$0] ?? -1 }
        let needle = query.speaker?.lowercased()
        let order = query.bySpeaker ? timeline.quotesBySpeaker : Array(dataset.quotes.indices)
        return order.filter { index in
            let quote = dataset.quotes[index]
            if let needle {
                let person = dataset.people[quote.speaker]
                guard person.id.lowercased() == needle || person.name.lowercased().contains(needle) else { return false }
            }
            if let eventFilter, !quote.events.contains(eventFilter) { return false }
            if let pair = query.pair, !quote.events.contains(where: { dataset.events[$0].participants.pairs.contains(pair) }) {
                return false
            }
            return true
        }.map(quoteDetail(_:))
    }

    public func worker() throws -> any EventStore { self }

    /// Nothing to stop: every call answers from memory.
    public func interrupt() {}

    func row(eventIndex: Int) -> EventRow {
        let event = timeline.dataset.events[eventIndex]
        return EventRow(position: Int(timeline.positionOfEvent[eventIndex]), id: event.id, date: event.date, title: event.title,
                        kind: event.kind, status: event.status, pairLabels: event.participants.pairs.map(timeline.label(of:)))
    }

    func detail(eventIndex: Int) -> EventDetail {
        let dataset = timeline.dataset
        let event = dataset.events[eventIndex]
        return EventDetail(
            position: Int(timeline.positionOfEvent[eventIndex]), facts: event.facts,
            pairLabels: event.participants.pairs.map(timeline.label(of:)),
            sources: event.sources.map { dataset.sources[$0] }, people: event.people.map { dataset.people[$0] },
            notes: event.notes.map { ResolvedNote(text: $0.text, sources: $0.sources.map { dataset.sources[$0] }) },
            quotes: timeline.quotesByEvent[eventIndex].map { quoteDetail(Int($0)) })
    }

    func quoteDetail(_ quoteIndex: Int) -> QuoteDetail {
        let dataset = timeline.dataset
        let quote = dataset.quotes[quoteIndex]
        let links = quote.events.map { index in
            EventLink(id: dataset.events[index].id, title: dataset.events[index].title, date: dataset.events[index].date,
                      position: Int(timeline.positionOfEvent[index]))
        }
        return QuoteDetail(id: quote.id, text: quote.text, context: quote.context, speaker: dataset.people[quote.speaker],
                           source: dataset.sources[quote.source], events: links)
    }
}

/// The positions a query selected, held in memory.
struct MemorySelection: EventSelection {
    let store: MemoryEventStore
    let query: TimelineQuery
    let positions: [Int32]

    var count: Int { positions.count }

    private func eventIndex(_ index: Int) -> Int { Int(store.timeline.order[Int(positions[index])]) }

    func rows(_ range: Range<Int>) throws -> [EventRow] {
        range.clamped(to: 0..<positions.count).map { store.row(eventIndex: eventIndex($0)) }
    }

    func index(atOrAfterPosition position: Int) throws -> Int? { AscendingPositions.firstIndex(in: positions, atOrAfter: position) }

    func index(onOrAfterDay day: Int) throws -> Int? {
        positions.indices.first { store.timeline.event(atPosition: Int(positions[$0])).date.sortDay >= day }
    }

    func monthCounts() throws -> [MonthCount] {
        var counts: [Int: Int] = [:]
        for position in positions {
            let day = store.timeline.event(atPosition: Int(position)).date.sortDay
            if day != Int.min && day != Int.max { counts[MonthCount.month(ofDay: day), default: 0] += 1 }
        }
        return counts.sorted { $0.key < $1.key }.map { MonthCount(month: $0.key, count: $0.value) }
    }

    /// A start beyond either end finds nothing that way (forward from past the last, or back from before the first).
    func match(_ search: SearchText, from index: Int, forward: Bool) throws -> Int? {
        let matches: (Int) -> Bool = { store.timeline.event(eventIndex($0), matches: search) }
        if forward {
            guard index < positions.count else { return nil }
            return (max(0, index)..<positions.count).first(where: matches)
        }
        guard index >= 0, !positions.isEmpty else { return nil }
        return (0...min(index, positions.count - 1)).reversed().first(where: matches)
    }

    func matches(_ search: SearchText, in range: Range<Int>) throws -> Set<Int> {
        Set(range.clamped(to: 0..<positions.count).filter { store.timeline.event(eventIndex($0), matches: search) })
    }

    func matchCount(_ search: SearchText) throws -> Int {
        positions.indices.reduce(0) { $0 + (store.timeline.event(eventIndex($1), matches: search) ? 1 : 0) }
    }
}
