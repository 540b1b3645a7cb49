import Foundation
import TerminalText
import TimelineKit

/// The pair or country picker: the entries whose codes or names begin with what is typed, busiest
/// first, with their event counts. It holds one window of them around the selected entry, read from
/// the store a page at a time (`EventStore.pairs`/`countries`), so opening, typing and moving cost
/// the same at 30,000 pairs as at 30.
public struct PickerState: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case pair, country }

    public struct Item: Hashable, Sendable {
        public var label: String
        public var detail: String
        public var count: Int
        /// nil for "all".
        public var pair: CountryPair?
        public var country: Country?
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
    mutating func read(from store: any EventStore, total: Int) throws {
        let margin = 24
        let low = max(0, selectedIndex - margin)
        let high = knownCount.map { min($0, selectedIndex + margin + 1) } ?? selectedIndex + margin + 1
        guard low < start || high > start + items.count else { return }
        let first = max(0, selectedIndex - Self.page / 3)
        let all = offersAll ? 1 : 0
        var window: [Item] = []
        if first < all {
            window.append(Item(label: kind == .pair ? "All pairs" : "All countries", detail: "", count: total))
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
        }
        start = first
        items = window
        knownCount = window.count < Self.page ? first + window.count : nil
        if let knownCount { selectedIndex = min(selectedIndex, max(0, knownCount - 1)) }
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
        let store = self.store
        if attempt({ try picker.read(from: store, total: store.info.eventCount) }) != nil { overlay = .picker(picker) }
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
            if picker.kind == .pair { setFilter(pairs: [], country: query.country) } else { setFilter(pairs: query.pairs, country: nil) }
            return []
        case .activate:
            overlay = nil
            guard let item = picker.selectedItem else { message = "nothing matches \(Sanitizer.line(picker.filter))"; return [] }
            if trend != nil && picker.kind == .pair { toggleTrendPair(item.pair); return [] }
            switch picker.kind {
            case .pair: setFilter(pairs: item.pair.map { [$0] } ?? [], country: query.country)
            case .country: setFilter(pairs: query.pairs, country: item.country)
            }
            return []
        default:
            break
        }
        let store = self.store
        _ = attempt { try picker.read(from: store, total: store.info.eventCount) }
        overlay = .picker(picker)
        return []
    }
}
