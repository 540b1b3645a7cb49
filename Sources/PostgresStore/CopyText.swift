import PostgresNIO

/// Rows in `COPY ... FROM STDIN`'s text format, built into a buffer that goes to the server in one
/// COPY when it is full (`PostgresDatasetWriter`): tab between fields, newline after a row, `\N`
/// for NULL, and backslash, tab, newline and carriage return escaped.
struct CopyText {
    private(set) var buffer = ByteBuffer()
    private(set) var rows = 0
    private var fieldsInRow = 0

    var byteCount: Int { buffer.readableBytes }

    mutating func field(_ text: String?) {
        separate()
        guard let text else {
            buffer.writeStaticString("\\N")
            return
        }
        guard text.utf8.contains(where: Self.needsEscape) else {
            buffer.writeString(text)
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
        case 0x5C: buffer.writeStaticString("\\\\")
        case 0x09: buffer.writeStaticString("\\t")
        case 0x0A: buffer.writeStaticString("\\n")
        case 0x0D: buffer.writeStaticString("\\r")
        default: buffer.writeInteger(byte)
        }
    }

    mutating func field(_ number: Int?) {
        separate()
        if let number { buffer.writeString(String(number)) } else { buffer.writeStaticString("\\N") }
    }

    /// A `tsvector` of these words, as `array_to_tsvector` makes one of them: each word a lexeme,
    /// quoted, with quotes and backslashes doubled (then escaped for COPY as any text is). Written
    /// byte by byte into the buffer: a string built per word cost four times the rest of a row.
    mutating func lexemes(_ words: [String]) {
        separate()
        var first = true
        for word in words where !word.isEmpty {
            if !first { buffer.writeInteger(UInt8(0x20)) }
            first = false
            buffer.writeInteger(UInt8(0x27))
            // Search words are letters and digits (`SearchText`): the escapes are for safety only.
            guard word.utf8.contains(where: { $0 == 0x27 || Self.needsEscape($0) }) else {
                buffer.writeString(word)
                buffer.writeInteger(UInt8(0x27))
                continue
            }
            for byte in word.utf8 {
                switch byte {
                case 0x27: buffer.writeStaticString("''")
                // The lexeme's own escape (a doubled backslash), each backslash then escaped for COPY.
                case 0x5C: writeEscaped(byte); writeEscaped(byte)
                default: writeEscaped(byte)
                }
            }
            buffer.writeInteger(UInt8(0x27))
        }
    }

    /// A finite number in the shortest form that reads back the same (`Double.description`).
    mutating func field(_ number: Double?) {
        separate()
        if let number, number.isFinite { buffer.writeString(number.description) } else { buffer.writeStaticString("\\N") }
    }

    /// An array of integers as PostgreSQL's array literal, `{1,2}`.
    mutating func field(_ numbers: [Int]) {
        separate()
        buffer.writeString("{" + numbers.map(String.init).joined(separator: ",") + "}")
    }

    mutating func endRow() {
        buffer.writeInteger(UInt8(0x0A))
        rows += 1
        fieldsInRow = 0
    }

    mutating func reset() {
        buffer.clear()
        rows = 0
        fieldsInRow = 0
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.writeInteger(UInt8(0x09)) }
        fieldsInRow += 1
    }
}
