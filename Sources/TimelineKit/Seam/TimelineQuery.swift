/// What a user asks of a timeline: any of these pairs, one country, a date range, a kind,
/// and text. Empty parts match everything.
public struct TimelineQuery: Sendable, Hashable {
    public var pairs: Set<CountryPair> = []
    public var country: Country?
    /// Events that can fall on or after this date's earliest day.
    public var from: EDTFDate?
    /// Events that can fall on or before this date's latest day.
    public var to: EDTFDate?
    public var kind: String?
    public var text: String = ""

    public init(pairs: Set<CountryPair> = [], country: Country? = nil, from: EDTFDate? = nil, to: EDTFDate? = nil,
                kind: String? = nil, text: String = "") {
        self.pairs = pairs
        self.country = country
        self.from = from
        self.to = to
        self.kind = kind
        self.text = text
    }
}
