import Testing
@testable import TimelineKit

@Suite("EDTF dates")
struct EDTFTests {
    private func day(_ year: Int, _ month: Int, _ day: Int) -> Int {
        CivilCalendar.dayNumber(year: year, month: month, day: day)
    }

    @Test("Level 0 dates give their first and last possible day")
    func levelZero() throws {
        let year = try EDTFDate(parsing: "2014")
        #expect(year.earliestDay == day(2014, 1, 1))
        #expect(year.latestDay == day(2014, 12, 31))
        #expect(year.precision == .year)
        let month = try EDTFDate(parsing: "2016-02")
        #expect(month.latestDay == day(2016, 2, 29))
        #expect(month.precision == .month)
        let exact = try EDTFDate(parsing: "2017-09-25")
        #expect(exact.earliestDay == exact.latestDay)
        #expect(exact.precision == .day)
    }

    @Test("Intervals, unknown ends and open ends")
    func intervals() throws {
        let drills = try EDTFDate(parsing: "2016-09-24/2016-10-10")
        #expect(drills.earliestDay == day(2016, 9, 24))
        #expect(drills.latestDay == day(2016, 10, 10))
        #expect(drills.durationInDays == 17)
        let unknownStart = try EDTFDate(parsing: "/2017")
        #expect(unknownStart.form == .interval(start: .unknown, end: .point(EDTFPoint(year: 2017))))
        #expect(unknownStart.earliestDay == nil)
        #expect(unknownStart.sortDay == day(2017, 1, 1))
        let ongoing = try EDTFDate(parsing: "2015/..")
        #expect(ongoing.form == .interval(start: .point(EDTFPoint(year: 2015)), end: .open))
        #expect(ongoing.filterRange.upperBound == Int.max)
        let openStart = try EDTFDate(parsing: "../2017-03")
        #expect(openStart.filterRange.lowerBound == Int.min)
        let unknownEnd = try EDTFDate(parsing: "2017-09-07/")
        #expect(unknownEnd.filterRange == day(2017, 9, 7)...day(2017, 9, 7))
    }

    @Test("An interval of two plain dates, read straight from its bytes, is the one the full parser makes", arguments: [
        "2016-09-24/2016-10-10", "2014/2015", "2014-06/2014-06-15", "2014-06-15/2014-06", "2014-06-30/2014-06",
        "2016-02-29/2016-03", "2017-09-25/2017-09-25", "2014/2014-01-01", "2014-12-31/2014", "0001-01-01/9999-12-31",
        "0000-02-29/0000-03",
    ])
    func plainIntervals(_ text: String) throws {
        let form = try #require(EDTFDate.plainForm(text), "taken by the fast path")
        let sides = text.split(separator: "/")
        let full = EDTFDate.Form.interval(start: .point(try EDTFPoint.parse(sides[0])), end: .point(try EDTFPoint.parse(sides[1])))
        #expect(form == full)
        let date = try EDTFDate(parsing: text)
        #expect(date.form == full)
        #expect(date.text == text)
    }

    @Test("What is not an interval of two plain dates in order is left to the full parser", arguments: [
        "2017-10-04/2017-09-25", "2014-07-01/2014-06", "2015/2014-12-31", "2015-02-29/2015-03", "2015-03/2015-02-29",
        "2014/..", "../2014", "/2014", "2014/", "2014~/2015", "2014/2015?", "201X/2015", "-0044/0001", "2014/2015/2016",
        "2014 /2015", "2014-6/2015", "2017-21/2018", "2014-06-02T10:00/2014-06-03", "2014//2015", "2014-13/2015",
        "2015-02-29/2015-03-01", "2014-00/2014-02", "2014-06-02/2014-06-01", "", "/",
    ])
    func notPlainIntervals(_ text: String) {
        #expect(EDTFDate.plainForm(text) == nil)
    }

    @Test("Qualifiers mark uncertain and approximate dates")
    func qualifiers() throws {
        let uncertain = try EDTFDate(parsing: "2017?")
        #expect(uncertain.isUncertain && !uncertain.isApproximate)
        let approximate = try EDTFDate(parsing: "2017-08~")
        #expect(approximate.isApproximate && !approximate.isUncertain)
        let both = try EDTFDate(parsing: "2004-06-11%")
        #expect(both.isApproximate && both.isUncertain)
        let interval = try EDTFDate(parsing: "2017-09-18~/2017-09-24~")
        #expect(interval.isApproximate)
    }

    @Test("Unspecified digits widen the range")
    func unspecified() throws {
        let decade = try EDTFDate(parsing: "201X")
        #expect(decade.earliestDay == day(2010, 1, 1))
        #expect(decade.latestDay == day(2019, 12, 31))
        #expect(decade.precision == .decade)
        let century = try EDTFDate(parsing: "20XX")
        #expect(century.latestDay == day(2099, 12, 31))
        let someMonth = try EDTFDate(parsing: "2017-XX")
        #expect(someMonth.earliestDay == day(2017, 1, 1))
        #expect(someMonth.latestDay == day(2017, 12, 31))
        let someDay = try EDTFDate(parsing: "2017-02-XX")
        #expect(someDay.latestDay == day(2017, 2, 28))
        let unknownMonthAndDay = try EDTFDate(parsing: "1985-XX-XX")
        #expect(unknownMonthAndDay.precision == .year)
    }

    @Test("All digits unspecified: XXXX, XXXX-XX, XXXX-XX-XX are a date unknown", arguments: ["XXXX", "XXXX-XX", "XXXX-XX-XX"])
    func unknownDate(_ text: String) throws {
        let date = try EDTFDate(parsing: text)
        #expect(date.isUnknown)
        #expect(date.earliestDay == nil && date.latestDay == nil)
        #expect(date.precision == .unknown)
        #expect(date.humanDescription == "date unknown")
        #expect(date.shortDescription == "date unknown")
        #expect(date.sortDay > (try EDTFDate(parsing: "Y170000002")).sortDay, "after every known date")
    }

    @Test("An unknown bound of an interval reads as an unknown start or end")
    func unknownBound() throws {
        #expect(try EDTFDate(parsing: "XXXX/2017").humanDescription == "unknown start – 2017")
        #expect(try EDTFDate(parsing: "2017-09-07/XXXX-XX-XX").humanDescription == "7 Sep 2017 – unknown end")
        #expect(try EDTFDate(parsing: "XXXX/2017") == (try EDTFDate(parsing: "/2017")))
    }

    @Test("Negative, long and seasonal years")
    func unusualYears() throws {
        let caesar = try EDTFDate(parsing: "-0044-03-15")
        #expect(caesar.earliestDay == day(-44, 3, 15))
        #expect(caesar.humanDescription == "15 Mar 45 BCE")
        let long = try EDTFDate(parsing: "Y170000002")
        #expect(long.points.first?.year == 170_000_002)
        let negativeLong = try EDTFDate(parsing: "Y-170000002")
        #expect(negativeLong.points.first?.year == -170_000_002)
        let winter = try EDTFDate(parsing: "2017-24")
        #expect(winter.earliestDay == day(2017, 12, 1))
        #expect(winter.latestDay == day(2018, 2, 28))
        #expect(winter.humanDescription == "Winter 2017")
    }

    @Test("Rejects what EDTF rejects", arguments: [
        "2017-02-30", "2016-13", "2016-00", "2017-09-31", "2019-02-29", "20170925", "2017-9-25", "17",
        "2017-09-25/2016-01-01", "2017/2016", "", "/", "../..", "2017-09-25T10:00", "abcd", "2017-02-XX-01",
        "201X-05", "2017-XX-12", "-0000", "Y2017", "2017??", "2017~?", "2017-21-05", "1XXX", "2017-1", "２０１７",
        "2014/2015/2016", "-201X", "XXXX-05", "XXXX-XX-05", "XXXX-05-XX", "XXXX/XXXX", "-XXXX", "XXX", "XXXXX",
        "2017-02-30/2017-03-01", "2017-03-01/2017-02-30", "2014-07-01/2014-06", "2015/2014-12-31", "2014-06-02/2014-06-01",
    ])
    func rejects(_ text: String) {
        #expect(throws: EDTFError.self) { try EDTFDate(parsing: text) }
    }

    @Test("The reversed interval names the problem")
    func reversedMessage() {
        #expect(throws: EDTFError(message: "the interval '2017-10-04/2017-09-25' ends before it starts")) {
            try EDTFDate(parsing: "2017-10-04/2017-09-25")
        }
    }

    @Test("Renders dates for people", arguments: [
        ("2014-06-02", "2 Jun 2014"),
        ("2017-08~", "Aug 2017 (approx.)"),
        ("2016-09-24/2016-10-10", "24 Sep – 10 Oct 2016"),
        ("2015/..", "2015 – ongoing"),
        ("201X", "2010s"),
        ("20XX", "2000–2099"),
        ("2017?", "2017 (uncertain)"),
        ("2017%", "2017 (approx., uncertain)"),
        ("2017-XX", "2017 (month unknown)"),
        ("2017-09-XX", "Sep 2017 (day unknown)"),
        ("2017-10-01/2017-10-07", "1 – 7 Oct 2017"),
        ("2017-09-18~/2017-09-24~", "18 – 24 Sep 2017 (approx.)"),
        ("2016-12-24/2017-01-02", "24 Dec 2016 – 2 Jan 2017"),
        ("2017-08-21/2017-09~", "21 Aug 2017 – Sep 2017 (approx.)"),
        ("/2017", "unknown start – 2017"),
        ("2017-09-07/", "7 Sep 2017 – unknown end"),
        ("../2017", "… – 2017"),
        ("0000", "1 BCE"),
        ("2001-21", "Spring 2001"),
    ])
    func renders(_ text: String, _ expected: String) throws {
        #expect(try EDTFDate(parsing: text).humanDescription == expected)
    }

    @Test("Short forms for rows mark approximate and uncertain dates", arguments: [
        ("2017-08~", "~Aug 2017"),
        ("2017?", "2017?"),
        ("2017-08-21/2017-09~", "~21 Aug – Sep 2017"),
        ("2015/..", "2015 – ongoing"),
        ("2017-09-07/", "7 Sep 2017 – ?"),
        ("2016-09-24/2016-10-10", "24 Sep – 10 Oct 2016"),
    ])
    func shortForms(_ text: String, _ expected: String) throws {
        #expect(try EDTFDate(parsing: text).shortDescription == expected)
    }

    @Test("Day numbers round-trip through the civil calendar, BCE included")
    func civilRoundTrip() {
        for number in stride(from: -800_000, through: 800_000, by: 997) {
            let (year, month, day) = CivilCalendar.civil(fromDayNumber: number)
            #expect(CivilCalendar.dayNumber(year: year, month: month, day: day) == number)
        }
        #expect(CivilCalendar.dayNumber(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.isoString(fromDayNumber: day(-44, 3, 15)) == "-0044-03-15")
        #expect(CivilCalendar.isoString(fromDayNumber: day(2017, 9, 25)) == "2017-09-25")
    }
}
