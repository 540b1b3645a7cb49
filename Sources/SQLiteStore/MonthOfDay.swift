import TimelineKit

/// `MonthCount.month(ofDay:)` for days that come in date order, several a day (an import's passes
/// over the staged events): the calendar's arithmetic runs once a day, not once an event.
struct MonthOfDay {
    private var day = Int.min
    private var month = 0

    mutating func month(ofDay day: Int) -> Int {
        if day != self.day {
            self.day = day
            month = MonthCount.month(ofDay: day)
        }
        return month
    }
}
