import TimelineKit

/// Finds the offsets of byte sequences that are not valid UTF-8, so a dataset with a
/// broken encoding is reported at each place rather than silently repaired.
public enum UTF8Validation {
    public static func invalidOffsets(in bytes: [UInt8], limit: Int = 20) -> [Int] {
        bytes.withUnsafeBufferPointer { invalidOffsets(in: $0, limit: limit) }
    }

    /// `passed` is told every `UTF8Validation.step` bytes how far the check has come (a mapped
    /// file gives those pages back).
    static func invalidOffsets(in bytes: UnsafeBufferPointer<UInt8>, limit: Int = 20, passed: ((Int) -> Void)? = nil) -> [Int] {
        var nextReport = step
        var offsets: [Int] = []
        var index = 0
        let count = bytes.count
        while index < count {
            if index >= nextReport, let passed { passed(index); nextReport = index + step }
            // Eight ASCII bytes at a time: most of a dataset is ASCII.
            if index + 8 <= count,
               UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let byte = bytes[index]
            if byte < 0x80 { index += 1; continue }
            let length: Int
            var minimum: UInt32
            var value: UInt32
            switch byte {
            case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(byte & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(byte & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(byte & 0x07)
            default:
                offsets.append(index)
                if offsets.count >= limit { return offsets }
                index += 1
                continue
            }
            var valid = index + length <= count
            if valid {
                for i in 1..<length {
                    let next = bytes[index + i]
                    if next & 0xC0 != 0x80 { valid = false; break }
                    value = (value << 6) | UInt32(next & 0x3F)
                }
            }
            if valid && (value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value)) { valid = false }
            if valid {
                index += length
            } else {
                offsets.append(index)
                if offsets.count >= limit { return offsets }
                index += 1
            }
        }
        return offsets
    }

    static let step = 8 << 20
}
