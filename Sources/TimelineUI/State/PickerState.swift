import Foundation
import TerminalText
import TimelineKit

/// The pair or country picker: every choice with its event count, narrowed as you type.
public struct PickerState: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case pair, country }

    public struct Item: Hashable, Sendable {
        public var label: String
        public var detail: String
        public var count: Int
        /// nil for "all".
        public var pair: CountryPair?
        public var country: Country?
        /// Lower-cased text the filter matches against.
        var haystack: String
    }

    public let kind: Kind
    public private(set) var filter = ""
    public private(set) var selectedIndex = 0
    let allItems: [Item]
    public private(set) var items: [Item]

    init(kind: Kind, store: any EventStore) throws {
        self.kind = kind
        var items: [Item] = []
        let total = store.info.eventCount
        switch kind {
        case .pair:
            items.append(Item(label: "All pairs", detail: "", count: total, haystack: "all pairs"))
            for summary in try store.pairSummaries() {
                let (a, b) = summary.displayOrder
                let names = "\(a.name) – \(b.name)"
                items.append(Item(label: summary.label, detail: names, count: summary.eventCount, pair: summary.pair,
                                  haystack: "\(summary.label) \(a.alpha3)-\(b.alpha3) \(b.alpha3)-\(a.alpha3) \(a.alpha2)-\(b.alpha2) \(names)".lowercased()))
            }
        case .country:
            items.append(Item(label: "All countries", detail: "", count: total, haystack: "all countries"))
            for entry in try store.countryCounts() {
                let country = entry.country
                items.append(Item(label: country.alpha3, detail: country.name, count: entry.events, country: country,
                                  haystack: "\(country.alpha3) \(country.alpha2) \(country.name)".lowercased()))
            }
        }
        allItems = items
        self.items = items
    }

    mutating func type(_ character: Character) {
        filter.append(character)
        narrow()
    }

    mutating func deleteBackward() {
        guard !filter.isEmpty else { return }
        filter.removeLast()
        narrow()
    }

    private mutating func narrow() {
        // "rus-pak", "rus–pak" and "rus pak" all narrow to the pair.
        let words = filter.lowercased().replacingOccurrences(of: "–", with: " ").replacingOccurrences(of: "-", with: " ")
            .split(separator: " ")
        items = words.isEmpty ? allItems : allItems.filter { item in
            item.pair != nil || item.country != nil ? words.allSatisfy { item.haystack.contains($0) } : false
        }
        selectedIndex = 0
    }

    mutating func move(by step: Int) {
        guard !items.isEmpty else { return }
        selectedIndex = min(max(0, selectedIndex + step), items.count - 1)
    }

    public var selectedItem: Item? { items.indices.contains(selectedIndex) ? items[selectedIndex] : nil }
}

extension AppState {
    mutating func openPicker(_ kind: PickerState.Kind) {
        let store = self.store
        if let picker = attempt({ try PickerState(kind: kind, store: store) }) { overlay = .picker(picker) }
    }

    mutating func updatePicker(_ action: Action, _ picker: PickerState) -> [Effect] {
        var picker = picker
        switch action {
        case .insert(let character): picker.type(character)
        case .deleteBackward: picker.deleteBackward()
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
        overlay = .picker(picker)
        return []
    }
}
