import TimelineKit

/// Records of a delimited text file (CSV, TSV, GDELT, ICEWS) as byte ranges, read in one pass.
///
/// Hand-written rather than a library's: the CSV libraries on the package mirror (yaslab/CSV.swift,
/// swiftcsv/SwiftCSV) were an order of magnitude slower at a million rows (BENCHMARKS.md, "Why the
/// CSV reader is our own"), and the errors need what neither gives: the byte offset of each record
/// and field, for `file:line:column`.
///
/// CSV follows RFC 4180: fields in double quotes may hold separators, doubled quotes and line
/// breaks; CRLF and LF end records; a UTF-8 byte order mark is skipped. With `quoting` off (GDELT,
/// ICEWS: tab-separated, never quoted, quotes appear in text) a quote is an ordinary character.
struct DelimitedText {
    /// A record's fields as byte ranges, made Strings only when asked for (a GDELT row has 61
    /// fields and the reader needs a third of them).
    struct Record {
        /// 1-based line on which the record starts.
        var line: Int
        /// Byte offset of each field's first byte (after an opening quote).
        var offsets: [Int]
        /// Where each field's bytes end (before a closing quote).
        var ends: [Int] = []
        /// Quoted fields with their doubled quotes undone, by field index.
        var unquoted: [Int: String] = [:]
        let bytes: [UInt8]

        var count: Int { offsets.count }

        subscript(_ index: Int) -> String {
            if let text = unquoted[index] { return text }
            return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[offsets[index]..<ends[index]]), as: UTF8.self) }
        }

        var fields: [String] { offsets.indices.map { self[$0] } }
    }

    struct Problem: Error {
        var offset: Int
        var message: String
    }

    let bytes: [UInt8]
    let separator: UInt8
    let quoting: Bool
    private(set) var index: Int
    /// Where reading stops: the end of the bytes, or of the part of them being read.
    let end: Int
    private(set) var line = 1

    /// `range`: a part of the bytes that begins and ends at line boundaries (a reader's share of a
    /// big file), read in place; offsets stay offsets into the whole of `bytes`, lines are counted
    /// from the part's start.
    init(bytes: [UInt8], separator: UInt8, quoting: Bool, range: Range<Int>? = nil) {
        self.bytes = bytes
        self.separator = separator
        self.quoting = quoting
        let range = range ?? 0..<bytes.count
        end = range.upperBound
        index = range.lowerBound == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : range.lowerBound
    }


    /// The next record, or a problem (after which reading resumes at the next line); nil at the end.
    /// Blank lines are skipped.
    mutating func next() -> Result<Record, Problem>? {
        while index < end && (bytes[index] == 0x0A || (bytes[index] == 0x0D && next(is: 0x0A))) {
            index += bytes[index] == 0x0D ? 2 : 1
            line += 1
        }
        guard index < end else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in readRecord(UnsafeBufferPointer(rebasing: buffer[..<end])) }
    }

    private func next(is byte: UInt8) -> Bool { index + 1 < end && bytes[index + 1] == byte }

    private mutating func readRecord(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<Record, Problem> {
        let count = buffer.count
        var record = Record(line: line, offsets: [], bytes: bytes)
        while true {
            if quoting && index < count && buffer[index] == UInt8(ascii: "\"") {
                let open = index
                index += 1
                record.offsets.append(index)
                var field: [UInt8] = []
                var start = index
                while true {
                    guard index < count else {
                        return .failure(Problem(offset: open, message: "a quoted field is not closed before the end of the file"))
                    }
                    let byte = buffer[index]
                    if byte == UInt8(ascii: "\"") {
                        field.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<index]))
                        if index + 1 < count && buffer[index + 1] == UInt8(ascii: "\"") {
                            field.append(UInt8(ascii: "\""))
                            index += 2
                            start = index
                            continue
                        }
                        index += 1
                        break
                    }
                    if byte == 0x0A { line += 1 }
                    index += 1
                }
                record.unquoted[record.offsets.count - 1] = String(decoding: field, as: UTF8.self)
                record.ends.append(index - 1)
                guard index >= count || buffer[index] == separator || buffer[index] == 0x0A
                        || (buffer[index] == 0x0D && index + 1 < count && buffer[index + 1] == 0x0A) else {
                    let problem = Problem(offset: index, message: "text after a closing quote; a quote inside a quoted field is written twice (\"\")")
                    skipLine(buffer)
                    return .failure(problem)
                }
            } else {
                let start = index
                record.offsets.append(start)
                while index < count {
                    let byte = buffer[index]
                    if byte == separator || byte == 0x0A || (byte == 0x0D && index + 1 < count && buffer[index + 1] == 0x0A) { break }
                    // RFC 4180 forbids a quote inside an unquoted field; tab-separated text is seldom quoted and
                    // often quotes people, so there a quote that does not open a field is text.
                    if quoting && separator != 0x09 && byte == UInt8(ascii: "\"") {
                        let problem = Problem(offset: index, message: "a quote inside an unquoted field; quote the whole field and double the quote")
                        skipLine(buffer)
                        return .failure(problem)
                    }
                    index += 1
                }
                record.ends.append(index)
            }
            if index < count && buffer[index] == separator {
                index += 1
                continue
            }
            // End of the record: LF, CRLF or the end of the file.
            if index < count { index += buffer[index] == 0x0D ? 2 : 1; line += 1 }
            return .success(record)
        }
    }

    private mutating func skipLine(_ buffer: UnsafeBufferPointer<UInt8>) {
        while index < buffer.count && buffer[index] != 0x0A { index += 1 }
        if index < buffer.count { index += 1; line += 1 }
    }
}
