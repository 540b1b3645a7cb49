import TimelineKit

/// TimelineJS date objects (`{"year": 2017, "month": 9, "day": 25, "hour": 14, ...}`) and EDTF.
enum TimelineJSDates {
    struct Parts {
        var year: Int
        var month: Int?
        var day: Int?
        var hour: Int?
        var minute: Int?
        var second: Int?
    }

    /// The EDTF of a date object at the precision it gives. A year of more than four digits takes
    /// EDTF's `Y` notation (`Y-13800000000`), which has no month or day; negative years up to four
    /// digits are written `-0044` (astronomical: year 0 is 1 BCE).
    static func edtf(_ parts: Parts) -> String {
        if abs(parts.year) > 9999 { return "Y\(parts.year)" }
        var text = (parts.year < 0 ? "-" : "") + pad(abs(parts.year), 4)
        if let month = parts.month {
            text += "-" + pad(month, 2)
            if let day = parts.day { text += "-" + pad(day, 2) }
        }
        return text
    }

    /// "14:30", "14:30:05": the time of day a date object gives, kept as an attribute.
    static func time(_ parts: Parts) -> String? {
        guard let hour = parts.hour else { return nil }
        var text = pad(hour, 2) + ":" + pad(parts.minute ?? 0, 2)
        if let second = parts.second { text += ":" + pad(second, 2) }
        return text
    }

    /// "14:30:05" back to hour, minute, second.
    static func timeParts(_ text: String) -> (Int, Int, Int?)? {
        let fields = text.split(separator: ":").map { Int($0) }
        guard (2...3).contains(fields.count), let hour = fields[0], let minute = fields[1] else { return nil }
        return (hour, minute, fields.count == 3 ? fields[2] : nil)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
