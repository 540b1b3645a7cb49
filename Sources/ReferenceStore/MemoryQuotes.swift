import DatasetFormats
import Foundation
import TimelineKit

/// The quote pane's quotes in memory: one event's, or every quote in speaker order. The
/// reference: a search scans the quotes (`SearchText` over text and speaker name).
struct MemoryQuoteSelection: QuoteSelection {
    let store: MemoryEventStore
    let scope: QuoteScope
    /// The event's quote indices; nil for every quote by speaker.
    let eventQuotes: [Int]?

    var count: Int { eventQuotes?.count ?? store.timeline.quotesBySpeaker.count }

    private func quoteIndex(_ index: Int) -> Int { eventQuotes?[index] ?? store.timeline.quotesBySpeaker[index] }

    func quotes(_ range: Range<Int>) throws -> [QuoteDetail] {
        range.clamped(to: 0..<count).map { store.quoteDetail(quoteIndex($0)) }
    }

    func index(ofQuoteID id: String) throws -> Int? {
        guard let quote = store.timeline.quoteIndexByID[id] else { return nil }
        guard let eventQuotes else { return Int(store.timeline.speakerRankOfQuote[quote]) }
        return eventQuotes.firstIndex(of: quote)
    }

    func speakerRun(containing index: Int) throws -> Range<Int> {
        guard index >= 0, index < count else { return index..<index }
        guard let eventQuotes else {
            return Int(store.timeline.speakerRunStart[index])..<Int(store.timeline.speakerRunEnd[index])
        }
        let quotes = store.timeline.dataset.quotes
        let speaker = quotes[eventQuotes[index]].speaker
        var start = index, end = index + 1
        while start > 0, quotes[eventQuotes[start - 1]].speaker == speaker { start -= 1 }
        while end < eventQuotes.count, quotes[eventQuotes[end]].speaker == speaker { end += 1 }
        return start..<end
    }

    func match(_ search: SearchText, from index: Int, forward: Bool) throws -> Int? {
        guard !search.isEmpty, count > 0 else { return nil }
        let started = store.interruption.begin()
        let indices: [Int]
        if forward {
            guard index < count else { return nil }
            indices = Array(max(0, index)..<count)
        } else {
            guard index >= 0 else { return nil }
            indices = (0...min(index, count - 1)).reversed()
        }
        for (tested, candidate) in indices.enumerated() {
            if tested & 1023 == 1023 { try store.interruption.check(started) }
            if store.quote(quoteIndex(candidate), matches: search) { return candidate }
        }
        return nil
    }
}

extension MemoryEventStore {
    /// Whether each search word begins a word of the quote's text or its speaker's name.
    func quote(_ quoteIndex: Int, matches search: SearchText) -> Bool {
        let quote = timeline.dataset.quotes[quoteIndex]
        return search.matches(words: [quote.text, timeline.dataset.people[quote.speaker].name])
    }
}

/// The pickers' lists in busiest-first order with each entry's keys (`PickerKeys`), made once.
final class MemoryPickers: @unchecked Sendable {
    struct Lists {
        /// Aligned with `Timeline.pairSummaries`.
        var pairKeys: [[String]]
        var countries: [CountryCount]
        var countryKeys: [[String]]
        var speakers: [SpeakerCount]
        var speakerKeys: [[String]]
    }

    private let timeline: Timeline
    private let lock = NSLock()
    private var made: Lists?

    init(timeline: Timeline) { self.timeline = timeline }

    var lists: Lists {
        lock.withLock {
            if let made { return made }
            let lists = Self.make(timeline)
            made = lists
            return lists
        }
    }

    private static func make(_ timeline: Timeline) -> Lists {
        let pairKeys = timeline.pairSummaries.map { PickerKeys.pair($0.displayOrder.0, $0.displayOrder.1) }
        let countries = timeline.positionsByCountry.map { CountryCount(country: $0.key, events: $0.value.count) }
            .sorted { ($0.events, $1.country) > ($1.events, $0.country) }
        let dataset = timeline.dataset
        var quotesOf = [Int](repeating: 0, count: dataset.people.count)
        var firstOf = [Int](repeating: Int.max, count: dataset.people.count)
        for (rank, quote) in timeline.quotesBySpeaker.enumerated() {
            let speaker = dataset.quotes[quote].speaker
            quotesOf[speaker] += 1
            firstOf[speaker] = min(firstOf[speaker], rank)
        }
        let speakers = dataset.people.indices.filter { quotesOf[$0] > 0 }.sorted { a, b in
            if quotesOf[a] != quotesOf[b] { return quotesOf[a] > quotesOf[b] }
            let nameA = dataset.people[a].name, nameB = dataset.people[b].name
            return nameA != nameB ? nameA < nameB : a < b
        }
        return Lists(pairKeys: pairKeys, countries: countries, countryKeys: countries.map { PickerKeys.country($0.country) },
                     speakers: speakers.map { SpeakerCount(person: dataset.people[$0], quotes: quotesOf[$0], firstIndex: firstOf[$0]) },
                     speakerKeys: speakers.map { PickerKeys.speaker(dataset.people[$0]) })
    }
}
