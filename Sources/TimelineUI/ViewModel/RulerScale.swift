import TimelineKit

/// The ruler's scale: the dataset's span (whole years, so filtering does not rescale it) over a
/// number of columns. The state asks the store for one count per column (`monthBounds`) once per
/// filter and width; the view draws them and places the year labels and the marker with it.
struct RulerScale {
    let spanStart: Int
    let spanEnd: Int
    let startYear: Int
    let endYear: Int
    let width: Int

    init?(info: StoreInfo, width: Int) {
        guard width >= 8, let firstDay = info.firstDay, let knownLast = info.lastDay else { return nil }
        let lastDay = max(firstDay + 1, knownLast)
        startYear = CivilCalendar.civil(fromDayNumber: firstDay).year
        endYear = CivilCalendar.civil(fromDayNumber: lastDay).year
        spanStart = CivilCalendar.dayNumber(year: startYear, month: 1, day: 1)
        spanEnd = CivilCalendar.dayNumber(year: endYear + 1, month: 1, day: 1)
        self.width = width
    }

    /// The column a day falls in (days outside the span at its ends).
    func column(ofDay day: Int) -> Int {
        let clamped = min(max(day, spanStart), spanEnd - 1)
        return Int((Double(clamped - spanStart) / Double(spanEnd - spanStart)) * Double(width))
    }

    /// Far below and above any month a store holds: the first and last columns' outer bounds.
    static let farMonths = (low: -(1 << 60), high: 1 << 60)

    /// `width + 1` month bounds: column c counts the months whose first day falls in it, which are
    /// those from the first month whose first day lies at or after the column's first day up to the
    /// next column's. Work per column, never per month or year of the span.
    var monthBounds: [Int] {
        var bounds = [Self.farMonths.low]
        for column in 1..<max(1, width) {
            // The first day in this column (the estimate is off by a day at most, either way).
            let span = Double(spanEnd - spanStart)
            var day = spanStart + Int((Double(column) * span / Double(width)).rounded(.up))
            while day > spanStart, self.column(ofDay: day - 1) >= column { day -= 1 }
            while day < spanEnd, self.column(ofDay: day) < column { day += 1 }
            var month = MonthCount.month(ofDay: day)
            if MonthCount.firstDay(ofMonth: month) < day { month += 1 }
            bounds.append(max(bounds.last!, month))
        }
        bounds.append(Self.farMonths.high)
        return bounds
    }
}
