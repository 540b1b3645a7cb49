/// CAMEO's quad classes, the categories a trend counts, and `other` for an event with neither a
/// CAMEO code nor a kind that says which class it is. Raw values are GDELT's `QuadClass` (0 for
/// other); bars stack in declaration order, cooperation at the bottom.
public enum EventCategory: Int, Sendable, Hashable, CaseIterable, Comparable {
    case verbalCooperation = 1, materialCooperation = 2, verbalConflict = 3, materialConflict = 4, other = 0

    /// The stacking order (the order of `allCases`).
    public var order: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (a: EventCategory, b: EventCategory) -> Bool { a.order < b.order }

    /// "verbal cooperation": the name people read.
    public var name: String {
        switch self {
        case .verbalCooperation: return "verbal cooperation"
        case .materialCooperation: return "material cooperation"
        case .verbalConflict: return "verbal conflict"
        case .materialConflict: return "material conflict"
        case .other: return "other"
        }
    }

    /// "verbal-cooperation": the name scripts read (CSV, JSON, the command line).
    public var key: String { name.replacingOccurrences(of: " ", with: "-") }
}

/// A trend's time bucket: months, quarters or years, numbered from year 0 like `MonthCount.month`.
public enum TrendBucket: String, Sendable, Hashable, CaseIterable {
    case year, quarter, month

    public var months: Int {
        switch self {
        case .year: return 12
        case .quarter: return 3
        case .month: return 1
        }
    }

    /// The bucket of a month number (floor division: months before year 0 are negative).
    public func bucket(ofMonth month: Int) -> Int {
        let size = months
        return month >= 0 ? month / size : -((-month + size - 1) / size)
    }

    public func firstMonth(ofBucket bucket: Int) -> Int { bucket * months }

    /// "2016", "2016 Q3", "2016-09".
    public func label(_ bucket: Int) -> String {
        let month = firstMonth(ofBucket: bucket)
        let year = month >= 0 ? month / 12 : -((-month + 11) / 12)
        let monthOfYear = month - year * 12
        switch self {
        case .year: return String(year)
        case .quarter: return "\(year) Q\(monthOfYear / 3 + 1)"
        case .month: return "\(year)-\(monthOfYear + 1 < 10 ? "0" : "")\(monthOfYear + 1)"
        }
    }
}

/// What a trend asks: the events of `filter`, per bucket and category, one series per pair of
/// `pairs` (each the filter with its pairs replaced by that pair), or one series for the filter
/// when `pairs` is empty. See `EventStore.trend`.
public struct TrendQuery: Sendable, Hashable {
    public var filter: TimelineQuery
    public var pairs: [CountryPair]
    public var bucket: TrendBucket

    public init(filter: TimelineQuery = TimelineQuery(), pairs: [CountryPair] = [], bucket: TrendBucket = .year) {
        self.filter = filter
        self.pairs = pairs
        self.bucket = bucket
    }

    /// The months the filter's dates cover, whole: from `from`'s earliest day's month to `to`'s latest
    /// day's month (nil ends are open).
    public var monthRange: (lower: Int?, upper: Int?) {
        let lower = filter.from.flatMap { $0.earliestDay ?? $0.filterRange.lowerBound }
        let upper = filter.to.flatMap { $0.latestDay ?? $0.filterRange.upperBound }
        func month(_ day: Int?) -> Int? {
            guard let day, day != Int.min, day != Int.max else { return nil }
            return MonthCount.month(ofDay: day)
        }
        return (month(lower), month(upper))
    }

    /// The filter of one series, its dates left out (a trend cuts at whole months instead).
    public func seriesFilter(_ pair: CountryPair?) -> TimelineQuery {
        var filter = filter
        if let pair { filter.pairs = [pair] }
        filter.from = nil
        filter.to = nil
        return filter
    }
}

/// The measures the stores sum: the attributes `GoldsteinScale` and `AvgTone`, where an event has
/// them as numbers (GDELT's rows do).
public enum TrendMeasure: String, Sendable, Hashable, CaseIterable {
    case count, goldstein, tone

    public static let goldsteinAttribute = "GoldsteinScale"
    public static let toneAttribute = "AvgTone"

    /// The event's value of a measure (nil: it has none); `count` is 1 for every event.
    public static func values(of attributes: [Attribute]) -> (goldstein: Double?, tone: Double?) {
        var goldstein: Double?, tone: Double?
        for attribute in attributes {
            guard case .number(let value) = attribute.value, value.isFinite else { continue }
            if attribute.name == goldsteinAttribute, goldstein == nil { goldstein = value }
            if attribute.name == toneAttribute, tone == nil { tone = value }
        }
        return (goldstein, tone)
    }
}

/// One bucket × category of a series: how many events, and the sums of the measures over the
/// events that have them, with how many do.
public struct TrendCell: Sendable, Hashable {
    public var bucket: Int
    public var category: EventCategory
    public var count: Int
    public var goldsteinSum: Double
    public var goldsteinCount: Int
    public var toneSum: Double
    public var toneCount: Int

    public init(bucket: Int, category: EventCategory, count: Int = 0, goldsteinSum: Double = 0, goldsteinCount: Int = 0,
                toneSum: Double = 0, toneCount: Int = 0) {
        self.bucket = bucket
        self.category = category
        self.count = count
        self.goldsteinSum = goldsteinSum
        self.goldsteinCount = goldsteinCount
        self.toneSum = toneSum
        self.toneCount = toneCount
    }

    /// Adds one event.
    public mutating func add(goldstein: Double?, tone: Double?) {
        count += 1
        if let goldstein { goldsteinSum += goldstein; goldsteinCount += 1 }
        if let tone { toneSum += tone; toneCount += 1 }
    }

    /// Adds another cell's tallies.
    public mutating func add(_ other: TrendCell) {
        count += other.count
        goldsteinSum += other.goldsteinSum
        goldsteinCount += other.goldsteinCount
        toneSum += other.toneSum
        toneCount += other.toneCount
    }

    /// The measure's value here: the count, or the mean of the events that have the measure (nil when none has).
    public func value(_ measure: TrendMeasure) -> Double? {
        switch measure {
        case .count: return Double(count)
        case .goldstein: return goldsteinCount == 0 ? nil : goldsteinSum / Double(goldsteinCount)
        case .tone: return toneCount == 0 ? nil : toneSum / Double(toneCount)
        }
    }
}

public struct TrendSeries: Sendable, Hashable {
    /// nil for the one series of a query without pairs.
    public var pair: CountryPair?
    /// Cells with events only, ascending by bucket, then category (`EventCategory` order).
    public var cells: [TrendCell]

    public init(pair: CountryPair?, cells: [TrendCell]) {
        self.pair = pair
        self.cells = cells
    }

    /// Cells keyed by (bucket, category), summed, in order: what every store builds its answer with.
    public static func cells(_ tallies: [TrendKey: TrendCell]) -> [TrendCell] {
        tallies.sorted { $0.key < $1.key }.map(\.value).filter { $0.count > 0 }
    }

    /// Each bucket's cells summed over categories, ascending by bucket.
    public var bucketTotals: [TrendCell] {
        var totals: [TrendCell] = []
        for cell in cells {
            if totals.last?.bucket == cell.bucket {
                totals[totals.count - 1].add(cell)
            } else {
                var total = TrendCell(bucket: cell.bucket, category: .other)
                total.add(cell)
                totals.append(total)
            }
        }
        return totals
    }
}

/// A cell's place: bucket, then category.
public struct TrendKey: Sendable, Hashable, Comparable {
    public var bucket: Int
    public var category: EventCategory

    public init(bucket: Int, category: EventCategory) {
        self.bucket = bucket
        self.category = category
    }

    public static func < (a: TrendKey, b: TrendKey) -> Bool { (a.bucket, a.category.order) < (b.bucket, b.category.order) }
}

public struct Trend: Sendable, Hashable {
    public var query: TrendQuery
    public var series: [TrendSeries]

    public init(query: TrendQuery, series: [TrendSeries]) {
        self.query = query
        self.series = series
    }
}
