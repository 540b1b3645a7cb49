import DatasetFormats
import TimelineKit

/// The reference store: a loaded `Timeline` in memory. Simple rather than fast (a text or date
/// filter scans), so it is the expectation the SQLite store is tested against, and a store for
/// small datasets in tests. Its `worker()` is another instance over the same timeline, whose
/// `interrupt()` stops the scan in progress there (`Interruption`), as SQLite's does.
public final class MemoryEventStore: EventStore {
    public let timeline: Timeline
    public let info: StoreInfo
    /// The pickers' lists and keys, made on first use and shared with the worker.
    let pickers: MemoryPickers
    let interruption = Interruption()

    public init(timeline: Timeline) {
        self.timeline = timeline
        let days = (0..<timeline.eventCount).map { timeline.event(atPosition: $0).date.sortDay }.filter { $0 != Int.min && $0 != Int.max }
        info = StoreInfo(title: timeline.dataset.title, description: timeline.dataset.description,
                         eventCount: timeline.eventCount, quoteCount: timeline.dataset.quotes.count,
                         firstDay: days.first, lastDay: days.last)
        pickers = MemoryPickers(timeline: timeline)
    }

    /// A second store over the same timeline (no copy: the arrays are shared), with its own interruption.
    private init(sharing store: MemoryEventStore) {
        timeline = store.timeline
        info = store.info
        pickers = store.pickers
    }

    public func selection(_ query: TimelineQuery) throws -> any EventSelection {
        let started = interruption.begin()
        let positions = try timeline.positions(matching: query) { try interruption.check(started) }
        return MemorySelection(store: self, query: query, positions: positions)
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

    /// The reference scans every pair's keys: simple, and the expectation the stores' indexes meet.
    public func pairs(_ query: PickerQuery) throws -> [PairSummary] {
        let lists = pickers.lists
        return Self.page(query, lists.pairKeys.indices, keys: lists.pairKeys).map { timeline.pairSummaries[$0] }
    }

    public func countries(_ query: PickerQuery) throws -> [CountryCount] {
        let lists = pickers.lists
        return Self.page(query, lists.countries.indices, keys: lists.countryKeys).map { lists.countries[$0] }
    }

    public func speakers(_ query: PickerQuery) throws -> [SpeakerCount] {
        let lists = pickers.lists
        return Self.page(query, lists.speakers.indices, keys: lists.speakerKeys).map { lists.speakers[$0] }
    }

    private static func page(_ query: PickerQuery, _ indices: Range<Int>, keys: [[String]]) -> [Int] {
        let text = PickerKeys.normalized(query.text)
        return Array(indices.lazy.filter { PickerKeys.matches(text, keys: keys[$0]) }.dropFirst(query.offset).prefix(query.limit))
    }

    public func quoteSelection(_ scope: QuoteScope) throws -> any QuoteSelection {
        switch scope {
        case .allBySpeaker:
            return MemoryQuoteSelection(store: self, scope: scope, eventQuotes: nil)
        case .event(let position):
            let quotes = (0..<timeline.eventCount).contains(position)
                ? timeline.quotesByEvent[Int(timeline.order[position])].map { Int($0) } : []
            return MemoryQuoteSelection(store: self, scope: scope, eventQuotes: quotes)
        }
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

    public func worker() throws -> any EventStore { MemoryEventStore(sharing: self) }

    /// Makes the scan in progress on this instance throw `StoreInterrupted`.
    public func interrupt() { interruption.interrupt() }

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

    /// The reference counts event by event (and binary-searches the bounds).
    func bucketCounts(monthBounds: [Int]) throws -> [Int] {
        guard monthBounds.count >= 2 else { return [] }
        let started = store.interruption.begin()
        var counts = [Int](repeating: 0, count: monthBounds.count - 1)
        for (offset, position) in positions.enumerated() {
            if offset & 4095 == 4095 { try store.interruption.check(started) }
            let day = store.timeline.event(atPosition: Int(position)).date.sortDay
            guard day != Int.min && day != Int.max else { continue }
            let month = MonthCount.month(ofDay: day)
            // The last bound at or below the month.
            var low = 0, high = monthBounds.count
            while low < high {
                let mid = (low + high) / 2
                if monthBounds[mid] <= month { low = mid + 1 } else { high = mid }
            }
            let bucket = low - 1
            if bucket >= 0 && bucket < counts.count { counts[bucket] += 1 }
        }
        return counts
    }

    /// A start beyond either end finds nothing that way (forward from past the last, or back from before the first).
    func match(_ search: SearchText, from index: Int, forward: Bool) throws -> Int? {
        let started = store.interruption.begin()
        var tested = 0
        let matches: (Int) throws -> Bool = {
            tested += 1
            if tested & 4095 == 0 { try store.interruption.check(started) }
            return store.timeline.event(eventIndex($0), matches: search)
        }
        if forward {
            guard index < positions.count else { return nil }
            return try (max(0, index)..<positions.count).first(where: matches)
        }
        guard index >= 0, !positions.isEmpty else { return nil }
        return try (0...min(index, positions.count - 1)).reversed().first(where: matches)
    }

    func matches(_ search: SearchText, in range: Range<Int>) throws -> Set<Int> {
        Set(range.clamped(to: 0..<positions.count).filter { store.timeline.event(eventIndex($0), matches: search) })
    }

    func matchCount(_ search: SearchText) throws -> Int {
        let started = store.interruption.begin()
        var count = 0
        for index in positions.indices {
            if index & 4095 == 4095 { try store.interruption.check(started) }
            if store.timeline.event(eventIndex(index), matches: search) { count += 1 }
        }
        return count
    }
}
