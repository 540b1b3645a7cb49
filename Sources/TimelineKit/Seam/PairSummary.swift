/// One country pair's share of a timeline.
public struct PairSummary: Sendable {
    public let pair: CountryPair
    public let displayOrder: (Country, Country)
    public let eventCount: Int
    public let firstDate: EDTFDate
    /// The latest day any of its events can denote (Int.max for an ongoing one, or when no
    /// event's date is known).
    public let lastDay: Int

    public init(pair: CountryPair, displayOrder: (Country, Country), eventCount: Int, firstDate: EDTFDate, lastDay: Int) {
        self.pair = pair
        self.displayOrder = displayOrder
        self.eventCount = eventCount
        self.firstDate = firstDate
        self.lastDay = lastDay
    }

    public var label: String { Self.label(displayOrder.0, displayOrder.1) }

    /// "RUS–PAK": a pair's label, its countries in the order the dataset first presents them.
    public static func label(_ first: Country, _ second: Country) -> String { "\(first.alpha3)–\(second.alpha3)" }
}
