import NIOCore
import TimelineKit

/// Rows in `COPY ... FROM STDIN`'s text format, built into a buffer that goes to the server in one
/// COPY when it is full (`PostgresDatasetWriter`): tab between fields, newline after a row, `\N`
/// for NULL, and backslash, tab, newline and carriage return escaped.
///
/// The bytes gather in an array and become a `ByteBuffer` once, when sent: written byte by byte
/// into the `ByteBuffer` itself, its checks on each write were a large part of an import's client
/// time (BENCHMARKS.md).
struct CopyText {
    private var bytes: [UInt8] = []
    private(set) var rows = 0
    private var fieldsInRow = 0

    var byteCount: Int { bytes.count }
    var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    mutating func field(_ text: String?) {
        separate()
        guard let text else {
            writeNull()
            return
        }
        guard text.utf8.contains(where: Self.needsEscape) else {
            bytes.append(contentsOf: text.utf8)
            return
        }
        for byte in text.utf8 { writeEscaped(byte) }
    }

    /// Bytes COPY's text format escapes.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 0x5C || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// One byte of a text field, escaped for COPY's text format.
    private mutating func writeEscaped(_ byte: UInt8) {
        switch byte {
        case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
        case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
        case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
        default: bytes.append(byte)
        }
    }

    private mutating func writeNull() {
        bytes.append(0x5C)
        bytes.append(UInt8(ascii: "N"))
    }

    mutating func field(_ number: Int?) {
        separate()
        guard let number else { return writeNull() }
        writeDecimal(number)
    }

    /// An integer's decimal digits, without making a string of it.
    private mutating func writeDecimal(_ number: Int) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // 20 digits at most, in 24 bytes
        let count = withUnsafeMutableBytes(of: &digits) { space -> Int in
            var count = 0
            repeat {
                space[space.count - 1 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            return count
        }
        withUnsafeBytes(of: &digits) { bytes.append(contentsOf: $0.suffix(count)) }
    }

    /// A `tsvector` of these words, as `array_to_tsvector` makes one of them: each word a lexeme,
    /// quoted, with quotes and backslashes doubled (then escaped for COPY as any text is).
    mutating func lexemes(_ words: [String]) {
        separate()
        var first = true
        for word in words where !word.isEmpty { writeLexeme(word.utf8, first: &first) }
    }

    /// The search words of these texts (`SearchText.words`) as `lexemes` writes them. An ASCII text
    /// is split and lowered here, byte by byte, as `SearchText` splits it, with no string made for
    /// each word (which cost more than the rest of an event's row).
    mutating func lexemes(of texts: [String?]) {
        separate()
        var first = true
        for case let text? in texts {
            var text = text
            let ascii = text.withUTF8 { utf8 -> Bool in
                guard utf8.allSatisfy({ $0 < 0x80 }) else { return false }
                var inWord = false
                for byte in utf8 {
                    if let letter = SearchText.asciiWordByte(byte) {
                        if !inWord {
                            if !first { bytes.append(0x20) }
                            first = false
                            bytes.append(0x27)
                            inWord = true
                        }
                        bytes.append(letter)
                    } else if inWord {
                        bytes.append(0x27)
                        inWord = false
                    }
                }
                if inWord { bytes.append(0x27) }
                return true
            }
            if !ascii {
                for word in SearchText.words(in: text) where !word.isEmpty { writeLexeme(word.utf8, first: &first) }
            }
        }
    }

    private mutating func writeLexeme(_ word: String.UTF8View, first: inout Bool) {
        if !first { bytes.append(0x20) }
        first = false
        bytes.append(0x27)
        // Search words are letters and digits (`SearchText`): the escapes are for safety only.
        for byte in word {
            switch byte {
            case 0x27: bytes.append(0x27); bytes.append(0x27)
            // The lexeme's own escape (a doubled backslash), each backslash then escaped for COPY.
            case 0x5C: writeEscaped(byte); writeEscaped(byte)
            default: writeEscaped(byte)
            }
        }
        bytes.append(0x27)
    }

    /// A finite number in the shortest form that reads back the same (`Double.description`).
    mutating func field(_ number: Double?) {
        separate()
        if let number, number.isFinite { bytes.append(contentsOf: number.description.utf8) } else { writeNull() }
    }

    /// An array of integers as PostgreSQL's array literal, `{1,2}`.
    mutating func field(_ numbers: [Int]) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        for (index, number) in numbers.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            writeDecimal(number)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func endRow() {
        bytes.append(0x0A)
        rows += 1
        fieldsInRow = 0
    }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        rows = 0
        fieldsInRow = 0
    }

    private mutating func separate() {
        if fieldsInRow > 0 { bytes.append(0x09) }
        fieldsInRow += 1
    }
}
