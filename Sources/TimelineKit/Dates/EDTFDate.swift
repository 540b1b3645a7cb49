/// A date in the Extended Date/Time Format (Library of Congress EDTF, Levels 0 and 1).
public struct EDTFDate: Hashable, Sendable, CustomStringConvertible {
    public enum Bound: Hashable, Sendable {
        case point(EDTFPoint)
        /// `/2017`, `2017/`: the end exists but is not known.
        case unknown
        /// `../2017`, `2015/..`: the interval is open on that side (ongoing).
        case open
    }

    public enum Form: Hashable, Sendable {
        case single(EDTFPoint)
        case interval(start: Bound, end: Bound)
    }

    public let form: Form
    /// The text it was parsed from, kept so output round-trips exactly.
    public let text: String

    init(form: Form, text: String) {
        self.form = form
        self.text = text
    }

    public var description: String { text }

    public var isInterval: Bool {
        if case .interval = form { return true }
        return false
    }

    /// `XXXX`, `XXXX-XX`, `XXXX-XX-XX`: a date of which nothing is known.
    public var isUnknown: Bool {
        if case .single(let point) = form { return point.isUnknown }
        return false
    }

    /// The earliest day the date can denote, or nil for an unknown date or an interval whose
    /// start is unknown or open.
    public var earliestDay: Int? {
        switch form {
        case .single(let point): return point.isUnknown ? nil : point.earliestDay
        case .interval(let start, _):
            if case .point(let point) = start { return point.earliestDay }
            return nil
        }
    }

    /// The latest day the date can denote, or nil for an unknown date or an interval whose end
    /// is unknown or open.
    public var latestDay: Int? {
        switch form {
        case .single(let point): return point.isUnknown ? nil : point.latestDay
        case .interval(_, let end):
            if case .point(let point) = end { return point.latestDay }
            return nil
        }
    }

    /// The day used to place the date on a timeline: its earliest day, or for an interval
    /// with no known start, the earliest day of its end. An unknown date sorts after every
    /// known one (`Int.max`).
    public var sortDay: Int {
        if isUnknown { return Int.max }
        if let day = earliestDay { return day }
        if case .interval(_, .point(let end)) = form { return end.earliestDay }
        return Int.min
    }

    /// The day range used for filtering: unknown ends fall back to the other end's
    /// range, open ends stretch to the edge of time. An unknown date is placed at the end of
    /// time, as it sorts; date filters leave it out (see `TimelineQuery`).
    public var filterRange: ClosedRange<Int> {
        switch form {
        case .single(let point):
            if point.isUnknown { return Int.max...Int.max }
            return point.earliestDay...point.latestDay
        case .interval(let start, let end):
            let lower: Int
            switch start {
            case .point(let point): lower = point.earliestDay
            case .open: lower = Int.min
            case .unknown:
                if case .point(let endPoint) = end { lower = endPoint.earliestDay } else { lower = Int.min }
            }
            let upper: Int
            switch end {
            case .point(let point): upper = point.latestDay
            case .open: upper = Int.max
            case .unknown:
                if case .point(let startPoint) = start { upper = startPoint.latestDay } else { upper = Int.max }
            }
            return lower...max(lower, upper)
        }
    }

    /// How finely the date is known: for an interval, the coarser of its known ends (an
    /// unknown or open end makes it no finer than its known one).
    public var precision: EDTFPrecision {
        points.map(\.precision).max() ?? .millennium
    }

    public var isApproximate: Bool { points.contains { $0.approximate } }
    public var isUncertain: Bool { points.contains { $0.uncertain } }

    public var points: [EDTFPoint] {
        switch form {
        case .single(let point): return [point]
        case .interval(let start, let end):
            var result: [EDTFPoint] = []
            if case .point(let point) = start { result.append(point) }
            if case .point(let point) = end { result.append(point) }
            return result
        }
    }

    /// Length in days of a fully known interval or a single date.
    public var durationInDays: Int? {
        guard let earliest = earliestDay, let latest = latestDay else { return nil }
        return latest - earliest + 1
    }

    public static func == (lhs: EDTFDate, rhs: EDTFDate) -> Bool { lhs.form == rhs.form }
    public func hash(into hasher: inout Hasher) { hasher.combine(form) }
}

public enum EDTFPrecision: Int, Comparable, Sendable {
    case day = 0, month, season, year, decade, century, millennium, unknown

    public static func < (lhs: EDTFPrecision, rhs: EDTFPrecision) -> Bool { lhs.rawValue < rhs.rawValue }

    public var name: String {
        switch self {
        case .day: return "day"
        case .month: return "month"
        case .season: return "season"
        case .year: return "year"
        case .decade: return "decade"
        case .century: return "century"
        case .millennium: return "millennium"
        case .unknown: return "unknown"
        }
    }
}

/// One calendar date of EDTF Level 0/1: a year, optionally a month or season, optionally a day,
/// with digits possibly unspecified (`201X`, `2017-XX`) and qualifiers (`?`, `~`, `%`).
public struct EDTFPoint: Hashable, Sendable {
    /// The year, with unspecified digits taken as 0 (`201X` is 2010).
    public var year: Int
    /// How many trailing digits of the year are unspecified (`201X` has 1).
    public var unspecifiedYearDigits: Int
    public var month: Int?
    public var monthUnspecified: Bool
    public var day: Int?
    public var dayUnspecified: Bool
    /// 21 spring, 22 summer, 23 autumn, 24 winter.
    public var season: Int?
    public var uncertain: Bool
    public var approximate: Bool

    public init(year: Int, unspecifiedYearDigits: Int = 0, month: Int? = nil, monthUnspecified: Bool = false,
                day: Int? = nil, dayUnspecified: Bool = false, season: Int? = nil,
                uncertain: Bool = false, approximate: Bool = false) {
        self.year = year
        self.unspecifiedYearDigits = unspecifiedYearDigits
        self.month = month
        self.monthUnspecified = monthUnspecified
        self.day = day
        self.dayUnspecified = dayUnspecified
        self.season = season
        self.uncertain = uncertain
        self.approximate = approximate
    }

    /// All four year digits unspecified: `XXXX`, `XXXX-XX`, `XXXX-XX-XX`.
    public var isUnknown: Bool { unspecifiedYearDigits >= 4 }

    public var precision: EDTFPrecision {
        if isUnknown { return .unknown }
        if unspecifiedYearDigits >= 3 { return .millennium }
        if unspecifiedYearDigits == 2 { return .century }
        if unspecifiedYearDigits == 1 { return .decade }
        if season != nil { return .season }
        if month == nil || monthUnspecified { return .year }
        if day == nil || dayUnspecified { return .month }
        return .day
    }

    private var yearSpan: ClosedRange<Int> {
        var width = 1
        for _ in 0..<unspecifiedYearDigits { width *= 10 }
        return year...(year + width - 1)
    }

    public var earliestDay: Int {
        if let season {
            let startMonth = [21: 3, 22: 6, 23: 9, 24: 12][season] ?? 1
            return CivilCalendar.dayNumber(year: year, month: startMonth, day: 1)
        }
        let month = monthUnspecified ? 1 : (self.month ?? 1)
        let day = dayUnspecified ? 1 : (self.day ?? 1)
        return CivilCalendar.dayNumber(year: yearSpan.lowerBound, month: month, day: day)
    }

    public var latestDay: Int {
        if let season {
            // Winter runs from December into the next year's February.
            let (endYear, endMonth) = season == 24 ? (year + 1, 2) : (year, [21: 5, 22: 8, 23: 11][season] ?? 12)
            return CivilCalendar.dayNumber(year: endYear, month: endMonth, day: CivilCalendar.daysInMonth(endMonth, year: endYear))
        }
        let lastYear = yearSpan.upperBound
        guard let month, !monthUnspecified else { return CivilCalendar.dayNumber(year: lastYear, month: 12, day: 31) }
        guard let day, !dayUnspecified else {
            return CivilCalendar.dayNumber(year: lastYear, month: month, day: CivilCalendar.daysInMonth(month, year: lastYear))
        }
        return CivilCalendar.dayNumber(year: lastYear, month: month, day: day)
    }
}
