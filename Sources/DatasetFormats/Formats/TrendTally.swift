import TimelineKit

/// Events tallied one by one into a trend series' cells: the one rule for which bucket and category
/// an event counts in (the month of its sort day, within the query's whole months; its category;
/// its measures). The in-memory reference counts every series this way, and the stores count this
/// way whatever their rollups cannot answer.
public struct TrendTally {
    private let range: (lower: Int?, upper: Int?)
    private let bucket: TrendBucket
    private var tallies: [TrendKey: TrendCell] = [:]

    public init(range: (lower: Int?, upper: Int?), bucket: TrendBucket) {
        self.range = range
        self.bucket = bucket
    }

    /// Whether an event of this sort day counts: a known day in the range's months.
    public func counts(sortDay day: Int) -> Bool {
        guard day != Int.min && day != Int.max else { return false }
        let month = MonthCount.month(ofDay: day)
        return (range.lower.map { month >= $0 } ?? true) && (range.upper.map { month <= $0 } ?? true)
    }

    /// Counts an event; one of no known day, or outside the range, is left out.
    public mutating func add(sortDay day: Int, category: EventCategory, attributes: [Attribute]) {
        guard counts(sortDay: day) else { return }
        let month = MonthCount.month(ofDay: day)
        let measures = TrendMeasure.values(of: attributes)
        let key = TrendKey(bucket: bucket.bucket(ofMonth: month), category: category)
        tallies[key, default: TrendCell(bucket: key.bucket, category: category)].add(goldstein: measures.goldstein, tone: measures.tone)
    }

    public mutating func add(_ facts: EventFacts) {
        add(sortDay: facts.date.sortDay, category: EventClassification.category(of: facts), attributes: facts.attributes)
    }

    public var cells: [TrendCell] { TrendSeries.cells(tallies) }
}
