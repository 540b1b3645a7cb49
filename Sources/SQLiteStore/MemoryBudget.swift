/// A memory budget as the command line gives it (`bilateral import --memory-budget`): a whole
/// number of bytes with an optional binary unit, such as 64M, 512M or 2G (K, M, G or T, any case,
/// optionally followed by B or iB). At least `minimum`: below it the spill runs are so short that
/// the merge's buffers outweigh them.
public enum MemoryBudget {
    public static let minimum = 1 << 20

    public struct Invalid: Error, Equatable {
        public let message: String
    }

    /// The budget in bytes, or why `text` is not one (a message naming it).
    public static func bytes(_ text: String) throws(Invalid) -> Int {
        let quoted = "'" + text + "'"
        let trimmed = text.trimmingPrefix(while: { $0 == " " })
        if trimmed.hasPrefix("-") { throw Invalid(message: "memory budget \(quoted) must be positive") }
        var digits = Substring(trimmed)
        var unitText = ""
        while let last = digits.last, !last.isASCII || !last.isNumber {
            unitText = String(last) + unitText
            digits = digits.dropLast()
        }
        let units: [String: Int] = ["": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40]
        var unit = unitText.lowercased()
        if unit.hasSuffix("ib") { unit.removeLast(2) } else if unit.hasSuffix("b") { unit.removeLast() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let scale = units[unit] else {
            throw Invalid(message: "memory budget \(quoted) is not a size; expected a number of bytes with K, M or G, such as 512M")
        }
        guard let count = Int(digits) else { throw Invalid(message: "memory budget \(quoted) is too large") }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: scale)
        if overflow { throw Invalid(message: "memory budget \(quoted) is too large") }
        if bytes == 0 { throw Invalid(message: "memory budget \(quoted) must be positive") }
        if bytes < minimum { throw Invalid(message: "memory budget \(quoted) is too small; it must be at least 1M") }
        return bytes
    }
}
