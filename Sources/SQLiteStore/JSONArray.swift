import DatasetFormats
import TimelineKit

/// A JSON array of integers as text, for `json_each` to turn into rows inside one statement.
enum JSONArray {
    static func text(_ values: some Collection<some BinaryInteger>) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(values.count * 8 + 2)
        var digits: [UInt8] = []
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if value < 0 { out.append(UInt8(ascii: "-")) }
            var magnitude = value.magnitude
            digits.removeAll(keepingCapacity: true)
            repeat {
                digits.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: digits.reversed())
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }
}
