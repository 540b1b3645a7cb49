import Foundation

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

    static func isPlainNumber(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 15,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }), whole == "0" || whole.first != "0" else { return false }
        return parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isNumber })
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
