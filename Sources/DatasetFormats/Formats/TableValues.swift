import Foundation
import TimelineKit

/// Values in table cells (CSV, GDELT, ICEWS): dates people write in spreadsheets, numbers kept as
/// numbers, country lists.
enum TableValues {
    /// An EDTF date, or a spreadsheet's day: `20170925`, `2017-09-25 14:30` / `2017-09-25T14:30:00Z`
    /// (the day; the time goes to `time`), `2017/09/25`.
    static func date(_ text: String) -> (date: EDTFDate, time: String?)? {
        let text = text.trimmingCharacters(in: .whitespaces)
        let scalars = Array(text.unicodeScalars)
        // YYYYMMDD first: GDELT's million rows would otherwise each fail an EDTF parse.
        if scalars.count == 8, scalars.allSatisfy({ ("0"..."9").contains($0) }) {
            let iso = String(text.prefix(4)) + "-" + String(text.dropFirst(4).prefix(2)) + "-" + String(text.suffix(2))
            return (try? EDTFDate(parsing: iso)).map { ($0, nil) }
        }
        if let date = try? EDTFDate(parsing: text) { return (date, nil) }
        if scalars.count >= 10 {
            let day = String(String.UnicodeScalarView(scalars[0..<10])).replacingOccurrences(of: "/", with: "-")
            let rest = String(String.UnicodeScalarView(scalars[10...]))
            if rest.isEmpty || rest.hasPrefix("T") || rest.hasPrefix(" "), let date = try? EDTFDate(parsing: day) {
                let time = rest.drop { $0 == "T" || $0 == " " }
                return (date, time.isEmpty ? nil : String(time))
            }
        }
        return nil
    }

    /// A number when the cell is plainly one (`-2.5`, `10`); codes with leading zeros (CAMEO's
    /// `0231`) and everything else stay strings. Empty cells give nil.
    static func attribute(_ text: String) -> AttributeValue? {
        guard !text.isEmpty else { return nil }
        return isPlainNumber(text) ? Double(text).map(AttributeValue.number) ?? .string(text) : .string(text)
    }

    /// `-?(0|[1-9][0-9]{0,14})(\.[0-9]+)?`, over the bytes (a million GDELT rows ask ten times each).
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let whole = bytes.prefix(while: isDigit)
        guard !whole.isEmpty, whole.count <= 15, whole.count == 1 || whole.first != UInt8(ascii: "0") else { return false }
        let rest = bytes.dropFirst(whole.count)
        if rest.isEmpty { return true }
        guard rest.first == UInt8(ascii: "."), rest.count > 1 else { return false }
        return rest.dropFirst().allSatisfy(isDigit)
    }

    /// Countries in one cell: `RUS`, `Pakistan`, `RUS; PAK`, `RUS|PAK`. Unknown names come back apart.
    static func countries(_ text: String) -> (known: [Country], unknown: [String]) {
        var known: [Country] = [], unknown: [String] = []
        for part in text.split(whereSeparator: { $0 == ";" || $0 == "|" }) {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            if let country = ImportText.country(name) {
                if !known.contains(country) { known.append(country) }
            } else {
                unknown.append(name)
            }
        }
        return (known, unknown)
    }
}
