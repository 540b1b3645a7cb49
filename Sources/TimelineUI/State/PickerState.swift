import Foundation
import TerminalText
import TimelineKit

/// The pair, country or speaker picker: the entries whose codes or names begin with what is typed,
/// busiest first, with their event (or quote) counts. It holds one window of them around the
/// selected entry, read from the store a page at a time (`EventStore.pairs`/`countries`/`speakers`),
/// so opening, typing and moving cost the same at 30,000 pairs or speakers as at 30.
public struct PickerState: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case pair, country, speaker }

    public struct Item: Hashable, Sendable {
        public var label: String
        public var detail: String
        public var count: Int
        /// nil for "all".
        public var pair: CountryPair?
        public var country: Country?
        public var speaker: Person?
        /// Where the speaker's first quote stands in the all-quotes-by-speaker list (0 for "all").
        public var firstQuoteIndex: Int?
    }

    /// Entries read at once: a window around the selected one.
    static let page = 160

    public let kind: Kind
    public private(set) var filter = ""
    /// Index into the whole list ("all" first when nothing is typed).
    public private(set) var selectedIndex = 0
    /// The list index of `items[0]`.
    public private(set) var start = 0
    /// The window of the list that was read.
    public private(set) var items: [Item] = []
    /// How many entries the list has, once its end has been read.
    public private(set) var knownCount: Int?
    /// Why the last read failed (sanitized), shown in place of the list until a read succeeds.
    public private(set) var failure: String?

    init(kind: Kind) {
        self.kind = kind
    }

    /// Whether the list starts with "All pairs" / "All countries": when nothing is typed.
    var offersAll: Bool { PickerKeys.normalized(filter).isEmpty }

    /// What the list is known to hold so far: its count, or the end of the window.
    public var availableCount: Int { knownCount ?? (start + items.count) }

    public var selectedItem: Item? { item(at: selectedIndex) }

    public func item(at index: Int) -> Item? {
        let offset = index - start
        return items.indices.contains(offset) ? items[offset] : nil
    }

    mutating func type(_ character: Character) {
        filter.append(character)
        selectedIndex = 0
    }

    mutating func deleteBackward() {
        guard !filter.isEmpty else { return }
        filter.removeLast()
        selectedIndex = 0
    }

    mutating func move(by step: Int) {
        selectedIndex = max(0, selectedIndex.addingClamped(step))
        if let knownCount { selectedIndex = min(selectedIndex, max(0, knownCount - 1)) }
    }

    /// Reads the window around the selected entry when it does not hold it with a margin: one page
    /// from the store, whatever the number of entries.
    mutating func read(from store: any EventStore) throws {
        let margin = 24
        let low = max(0, selectedIndex - margin)
        let high = knownCount.map { min($0, selectedIndex + margin + 1) } ?? selectedIndex + margin + 1
        guard low < start || high > start + items.count else { return }
        let first = max(0, selectedIndex - Self.page / 3)
        let all = offersAll ? 1 : 0
        var window: [Item] = []
        if first < all {
            switch kind {
            case .pair: window.append(Item(label: "All pairs", detail: "", count: store.info.eventCount))
            case .country: window.append(Item(label: "All countries", detail: "", count: store.info.eventCount))
            case .speaker: window.append(Item(label: "All speakers", detail: "", count: store.info.quoteCount, firstQuoteIndex: 0))
            }
        }
        let offset = max(0, first - all), limit = Self.page - window.count
        switch kind {
        case .pair:
            for summary in try store.pairs(PickerQuery(text: filter, offset: offset, limit: limit)) {
                let (a, b) = summary.displayOrder
                window.append(Item(label: summary.label, detail: "\(a.name) – \(b.name)", count: summary.eventCount, pair: summary.pair))
            }
        case .country:
            for entry in try store.countries(PickerQuery(text: filter, offset: offset, limit: limit)) {
                window.append(Item(label: entry.country.alpha3, detail: entry.country.name, count: entry.events, country: entry.country))
            }
        case .speaker:
            for entry in try store.speakers(PickerQuery(text: filter, offset: offset, limit: limit)) {
                window.append(Item(label: entry.person.name, detail: entry.person.affiliation ?? "", count: entry.quotes,
                                   speaker: entry.person, firstQuoteIndex: entry.firstIndex))
            }
        }
        start = first
        items = window
        failure = nil
        knownCount = window.count < Self.page ? first + window.count : nil
        if let knownCount { selectedIndex = min(selectedIndex, max(0, knownCount - 1)) }
    }

    /// A read failed: nothing stale stays selectable, and the view says why.
    mutating func failed(_ error: any Error) {
        failure = "could not read the list: " + Sanitizer.line(String(describing: error))
        reset()
    }

    /// Forgets the window, for a new filter.
    mutating func reset() {
        start = 0
        items = []
        knownCount = nil
    }
}

extension AppState {
    mutating func openPicker(_ kind: PickerState.Kind) {
        var picker = PickerState(kind: kind)
        readPicker(&picker)
        overlay = .picker(picker)
    }

    mutating func updatePicker(_ action: Action, _ picker: PickerState) -> [Effect] {
        var picker = picker
        switch action {
        case .insert(let character):
            picker.type(character)
            picker.reset()
        case .deleteBackward:
            picker.deleteBackward()
            picker.reset()
        case .moveDown: picker.move(by: 1)
        case .moveUp: picker.move(by: -1)
        case .pageDown: picker.move(by: 10)
        case .pageUp: picker.move(by: -10)
        case .back:
            overlay = nil
            return []
        case .selectAllPairs:
            overlay = nil
            if trend != nil && picker.kind == .pair { toggleTrendPair(nil); return [] }
            switch picker.kind {
            case .pair: setFilter(pairs: [], country: query.country)
            case .country: setFilter(pairs: query.pairs, country: nil)
            case .speaker: showQuotesBySpeaker(from: 0)
            }
            return []
        case .activate:
            overlay = nil
            guard let item = picker.selectedItem else {
                message = picker.failure ?? "nothing matches \(Sanitizer.line(picker.filter))"
                return []
            }
            if trend != nil && picker.kind == .pair { toggleTrendPair(item.pair); return [] }
            switch picker.kind {
            case .pair: setFilter(pairs: item.pair.map { [$0] } ?? [], country: query.country)
            case .country: setFilter(pairs: query.pairs, country: item.country)
            case .speaker: showQuotesBySpeaker(from: item.firstQuoteIndex ?? 0)
            }
            return []
        default:
            break
        }
        readPicker(&picker)
        overlay = .picker(picker)
        return []
    }

    /// Reads the picker's window; a failure is the footer's message and the picker's own line.
    private mutating func readPicker(_ picker: inout PickerState) {
        do {
            try picker.read(from: store)
        } catch {
            picker.failed(error)
            reportStoreFailure(error)
        }
    }

    /// The all-quotes-by-speaker pane (`v`'s), focused, with the quote at `index` selected and its
    /// speaker's heading at the top: one lookup and the blocks the pane shows, whatever the number
    /// of quotes or speakers.
    mutating func showQuotesBySpeaker(from index: Int) {
        quoteMode = .allBySpeaker
        readQuotes()
        focus = .quotes
        guard quotes.count > 0 else { selectedQuoteIndex = 0; quoteScroll = .top; return }
        selectedQuoteIndex = min(max(0, index), quotes.count - 1)
        if selectedQuoteIndex == 0 {
            quoteScroll = .top
        } else {
            // Line 0 of a speaker's first block is the blank above the heading.
            let block = quoteBlock(selectedQuoteIndex)
            quoteScroll = QuoteScroll(block: selectedQuoteIndex, line: min(1, block.heading))
        }
        quoteScroll = max(QuoteScroll.top, min(quoteScroll, quoteEndTop))
    }
}
