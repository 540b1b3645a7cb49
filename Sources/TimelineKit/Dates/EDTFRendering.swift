/// Renders EDTF dates for people: "2 Jun 2014", "Aug 2017 (approx.)",
/// "24 Sep – 10 Oct 2016", "2015 – ongoing", "2010s".
extension EDTFDate {
    public var humanDescription: String {
        switch form {
        case .single(let point):
            return point.humanDescription(includeQualifier: true)
        case .interval(let start, let end):
            return Self.describeInterval(start: start, end: end)
        }
    }

    /// The compact form for rows and tables: "~Aug 2017", "21 Aug – Sep 2017~"... with "~"
    /// before an approximate date and "?" after an uncertain one.
    public var shortDescription: String {
        let marked: (String) -> String = { body in
            (self.isApproximate ? "~" : "") + body + (self.isUncertain ? "?" : "")
        }
        switch form {
        case .single(let point):
            return marked(point.humanDescription(includeQualifier: false))
        case .interval(let start, let end):
            switch (start, end) {
            case (.point(let first), .point(let last)): return marked(Self.compactRange(first, last))
            case (.point(let first), .open): return marked(first.humanDescription(includeQualifier: false)) + " – ongoing"
            case (.point(let first), .unknown): return marked(first.humanDescription(includeQualifier: false)) + " – ?"
            case (.open, .point(let last)): return "… – " + marked(last.humanDescription(includeQualifier: false))
            case (.unknown, .point(let last)): return "? – " + marked(last.humanDescription(includeQualifier: false))
            default: return "?"
            }
        }
    }

    private static func describeInterval(start: Bound, end: Bound) -> String {
        switch (start, end) {
        case (.point(let first), .point(let last)):
            // One qualifier for the whole interval when both ends share it.
            let shared = first.qualifierSuffix == last.qualifierSuffix
            if shared {
                let body = compactRange(first, last)
                return body + first.qualifierSuffix
            }
            return first.humanDescription(includeQualifier: true) + " – " + last.humanDescription(includeQualifier: true)
        case (.point(let first), .open): return first.humanDescription(includeQualifier: true) + " – ongoing"
        case (.point(let first), .unknown): return first.humanDescription(includeQualifier: true) + " – unknown end"
        case (.open, .point(let last)): return "… – " + last.humanDescription(includeQualifier: true)
        case (.unknown, .point(let last)): return "unknown start – " + last.humanDescription(includeQualifier: true)
        default: return "unknown"
        }
    }

    /// "24 Sep – 10 Oct 2016", "25 Sep – 4 Oct 2017", "1 – 7 Oct 2017", "Aug – Sep 2017".
    private static func compactRange(_ first: EDTFPoint, _ last: EDTFPoint) -> String {
        let plainFirst = first.humanDescription(includeQualifier: false)
        let plainLast = last.humanDescription(includeQualifier: false)
        let simple = first.unspecifiedYearDigits == 0 && last.unspecifiedYearDigits == 0
            && !first.monthUnspecified && !last.monthUnspecified && !first.dayUnspecified && !last.dayUnspecified
            && first.season == nil && last.season == nil && first.year == last.year && first.year > 0
        guard simple, let firstMonth = first.month, let lastMonth = last.month else {
            return plainFirst + " – " + plainLast
        }
        if (first.day == nil) != (last.day == nil) {
            // Same year, mixed precision: "21 Aug – Sep 2017".
            let withoutYear = first.day.map { "\($0) " } ?? ""
            return withoutYear + CivilCalendar.monthAbbreviations[firstMonth - 1] + " – " + plainLast
        }
        let year = String(first.year)
        let firstMonthName = CivilCalendar.monthAbbreviations[firstMonth - 1]
        let lastMonthName = CivilCalendar.monthAbbreviations[lastMonth - 1]
        guard let firstDay = first.day, let lastDay = last.day else {
            return firstMonth == lastMonth ? "\(firstMonthName) \(year)" : "\(firstMonthName) – \(lastMonthName) \(year)"
        }
        if firstMonth == lastMonth {
            return firstDay == lastDay ? "\(firstDay) \(firstMonthName) \(year)" : "\(firstDay) – \(lastDay) \(firstMonthName) \(year)"
        }
        return "\(firstDay) \(firstMonthName) – \(lastDay) \(lastMonthName) \(year)"
    }
}

extension EDTFPoint {
    public var qualifierSuffix: String {
        switch (approximate, uncertain) {
        case (true, true): return " (approx., uncertain)"
        case (true, false): return " (approx.)"
        case (false, true): return " (uncertain)"
        default: return ""
        }
    }

    /// Year 0 is 1 BCE and -44 is 45 BCE (astronomical numbering, as EDTF uses).
    public static func yearName(_ year: Int) -> String {
        year > 0 ? String(year) : "\(1 - year) BCE"
    }

    public func humanDescription(includeQualifier: Bool) -> String {
        let body: String
        switch unspecifiedYearDigits {
        case 4: body = "date unknown"
        case 1: body = "\(year)s"
        case 2: body = "\(year)–\(year + 99)"
        default:
            let yearText = Self.yearName(year)
            if let season {
                let names = [21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"]
                body = "\(names[season] ?? "Season") \(yearText)"
            } else if monthUnspecified {
                body = "\(yearText) (month unknown)"
            } else if let month {
                let monthName = CivilCalendar.monthAbbreviations[month - 1]
                if dayUnspecified {
                    body = "\(monthName) \(yearText) (day unknown)"
                } else if let day {
                    body = "\(day) \(monthName) \(yearText)"
                } else {
                    body = "\(monthName) \(yearText)"
                }
            } else {
                body = yearText
            }
        }
        return includeQualifier ? body + qualifierSuffix : body
    }
}
