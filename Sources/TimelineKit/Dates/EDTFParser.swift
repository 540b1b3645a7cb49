/// Why a string is not a Level 0/1 EDTF date, in words fit for an error message.
public struct EDTFError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension EDTFDate {
    /// Parses EDTF Levels 0 and 1: `2014`, `2014-06`, `2017-09-25`, `2016-09-24/2016-10-10`,
    /// `/2017`, `2015/..`, qualifiers `?` `~` `%`, unspecified digits `201X` `2017-XX`,
    /// seasons `2017-21`, negative years `-0044` and long years `Y-170000002`.
    public init(parsing text: String) throws(EDTFError) {
        if let form = EDTFDate.plainForm(text) {
            self.init(form: form, text: text)
            return
        }
        // The longest Level 1 date, two qualified 'Y' years, is under 40 bytes: a longer text
        // is refused before the character-by-character parse spends time on it.
        guard text.utf8.count <= EDTFDate.maxLength else {
            throw EDTFError(message: "\(MessageText.quoted(text)) is not a date; it is longer than any EDTF date (\(EDTFDate.maxLength) characters)")
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            let point = try EDTFPoint.parse(Substring(text))
            self.init(form: .single(point), text: text)
        case 2:
            let start = try EDTFDate.parseBound(parts[0], side: "start")
            let end = try EDTFDate.parseBound(parts[1], side: "end")
            if case .point(let first) = start, case .point(let last) = end, first.earliestDay > last.latestDay {
                throw EDTFError(message: "the interval \(MessageText.quoted(text)) ends before it starts")
            }
            if case .point = start {} else if case .point = end {} else {
                throw EDTFError(message: "an interval needs at least one known date, got \(MessageText.quoted(text))")
            }
            self.init(form: .interval(start: start, end: end), text: text)
        default:
            throw EDTFError(message: "\(MessageText.quoted(text)) has more than one '/'; an interval is START/END")
        }
    }

    static let maxLength = 64

    /// The common cases, read straight from the bytes: a plain date (`EDTFPoint.parsePlainDate`),
    /// or an interval of two that does not end before it starts (common in large files, and the
    /// full parser's slowest common case: BENCHMARKS.md). nil for anything else: the full parser
    /// decides, and words the errors.
    static func plainForm(_ text: String) -> Form? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> Form? in
            if let point = EDTFPoint.parsePlainDate(bytes) { return .single(point) }
            guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")),
                  let start = EDTFPoint.parsePlainDate(UnsafeBufferPointer(rebasing: bytes[..<slash])),
                  let end = EDTFPoint.parsePlainDate(UnsafeBufferPointer(rebasing: bytes[(slash + 1)...])),
                  start.earliestDay <= end.latestDay else { return nil }
            return .interval(start: .point(start), end: .point(end))
        } ?? nil
    }

    private static func parseBound(_ text: Substring, side: String) throws(EDTFError) -> Bound {
        if text.isEmpty { return .unknown }
        if text == ".." { return .open }
        let point = try EDTFPoint.parse(text)
        // `XXXX/2017` says what `/2017` says: the start is not known.
        return point.isUnknown ? .unknown : .point(point)
    }
}

extension EDTFPoint {
    /// The common case, read straight from the bytes: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with
    /// a valid month and day. Anything else (or anything invalid) takes the full parser,
    /// which also words the errors.
    static func parsePlainDate(_ bytes: UnsafeBufferPointer<UInt8>) -> EDTFPoint? {
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        let count = bytes.count
        guard count == 4 || count == 7 || count == 10, let year = digits(0..<4) else { return nil }
        guard count > 4 else { return EDTFPoint(year: year) }
        guard bytes[4] == 45, let month = digits(5..<7), (1...12).contains(month) else { return nil }
        guard count > 7 else { return EDTFPoint(year: year, month: month) }
        guard bytes[7] == 45, let day = digits(8..<10),
              (1...CivilCalendar.daysInMonth(month, year: year)).contains(day) else { return nil }
        return EDTFPoint(year: year, month: month, day: day)
    }

    static func parse(_ input: Substring) throws(EDTFError) -> EDTFPoint {
        guard !input.isEmpty else { throw EDTFError(message: "the date is empty") }
        var text = input
        var uncertain = false
        var approximate = false
        switch text.last {
        case "?": uncertain = true; text = text.dropLast()
        case "~": approximate = true; text = text.dropLast()
        case "%": uncertain = true; approximate = true; text = text.dropLast()
        default: break
        }
        if let last = text.last, "?~%".contains(last) {
            throw EDTFError(message: "\(MessageText.quoted(input)) has more than one qualifier; use '%' for both uncertain and approximate")
        }

        if text.first == "Y" {
            return try parseLongYear(text.dropFirst(), input: input, uncertain: uncertain, approximate: approximate)
        }

        var negative = false
        if text.first == "-" { negative = true; text = text.dropFirst() }
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(fields.count) else {
            throw EDTFError(message: "\(MessageText.quoted(input)) is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD")
        }
        let yearField = fields[0]
        guard yearField.count == 4, yearField.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X") }) else {
            if yearField.count > 4, yearField.allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw EDTFError(message: "\(MessageText.quoted(input)) is not a date; write YYYY-MM-DD with hyphens, or prefix a year of more than four digits with 'Y'")
            }
            throw EDTFError(message: "\(MessageText.quoted(input)) is not a date; the year must have four digits")
        }
        let unspecifiedYearDigits = yearField.reversed().prefix { $0 == "X" }.count
        guard !yearField.dropLast(unspecifiedYearDigits).contains("X") else {
            throw EDTFError(message: "\(MessageText.quoted(input)): only the last digits of a year may be unspecified (X)")
        }
        guard unspecifiedYearDigits <= 2 || unspecifiedYearDigits == 4 else {
            throw EDTFError(message: "\(MessageText.quoted(input)): at most two unspecified year digits are allowed (201X, 20XX), or all four (XXXX)")
        }
        var year = Int(String(yearField.map { $0 == "X" ? "0" : $0 }))!
        if negative {
            guard year != 0 else { throw EDTFError(message: "\(MessageText.quoted(input)): year -0000 is not allowed; year 0000 is 1 BCE") }
            guard unspecifiedYearDigits == 0 else { throw EDTFError(message: "\(MessageText.quoted(input)): a negative year cannot have unspecified digits") }
            year = -year
        }
        var point = EDTFPoint(year: year, unspecifiedYearDigits: unspecifiedYearDigits, uncertain: uncertain, approximate: approximate)
        guard fields.count >= 2 else { return point }

        let monthField = fields[1]
        // `XXXX-XX` and `XXXX-XX-XX`: nothing known at any precision (EDTF Level 1 allows it).
        guard unspecifiedYearDigits == 0 || (unspecifiedYearDigits == 4 && monthField == "XX") else {
            throw EDTFError(message: "\(MessageText.quoted(input)): a year with unspecified digits cannot have a month")
        }
        guard monthField.count == 2 else { throw EDTFError(message: "\(MessageText.quoted(input)): the month must have two digits") }
        if monthField == "XX" {
            point.monthUnspecified = true
        } else {
            guard let month = Int(monthField), monthField.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw EDTFError(message: "\(MessageText.quoted(input)): the month '\(monthField)' is not a number")
            }
            switch month {
            case 1...12: point.month = month
            case 21...24: point.season = month
            default: throw EDTFError(message: "\(MessageText.quoted(input)): month \(monthField) does not exist (01-12, or 21-24 for seasons)")
            }
        }
        guard fields.count == 3 else { return point }

        let dayField = fields[2]
        guard point.season == nil else { throw EDTFError(message: "\(MessageText.quoted(input)): a season cannot have a day") }
        guard dayField.count == 2 else { throw EDTFError(message: "\(MessageText.quoted(input)): the day must have two digits") }
        if dayField == "XX" {
            point.dayUnspecified = true
            return point
        }
        guard !point.monthUnspecified else {
            throw EDTFError(message: "\(MessageText.quoted(input)): a day cannot be given when the month is unspecified")
        }
        guard let day = Int(dayField), dayField.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw EDTFError(message: "\(MessageText.quoted(input)): the day '\(dayField)' is not a number")
        }
        let month = point.month!
        guard (1...CivilCalendar.daysInMonth(month, year: year)).contains(day) else {
            throw EDTFError(message: "\(MessageText.quoted(input)): day \(dayField) does not exist in \(CivilCalendar.monthAbbreviations[month - 1]) \(year)")
        }
        point.day = day
        return point
    }

    /// Level 1 letter-prefixed years: `Y170000002`, `Y-170000002` (more than four digits).
    private static func parseLongYear(_ digits: Substring, input: Substring, uncertain: Bool, approximate: Bool) throws(EDTFError) -> EDTFPoint {
        var body = digits
        var negative = false
        if body.first == "-" { negative = true; body = body.dropFirst() }
        guard body.count > 4, body.count <= 15, body.allSatisfy({ $0.isASCII && $0.isNumber }), body.first != "0" else {
            throw EDTFError(message: "\(MessageText.quoted(input)): a 'Y' year needs more than four digits and no month or day")
        }
        let value = Int(body)!
        return EDTFPoint(year: negative ? -value : value, uncertain: uncertain, approximate: approximate)
    }
}
