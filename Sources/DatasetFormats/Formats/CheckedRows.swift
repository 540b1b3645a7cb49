import TimelineKit

/// The data rows of a delimited file, each checked for what every table reader needs: well formed,
/// valid UTF-8 and, when `width` is given, as many fields as the header. A row that fails is
/// recorded as a problem and passed over, so a reader's loop sees only rows it can read.
struct CheckedRows {
    private var text: DelimitedText
    private var invalid: InvalidUTF8
    /// Rows read so far, good and bad.
    private(set) var read = 0

    /// `text` positioned after the header, if the file has one.
    init(_ text: DelimitedText, bytes: [UInt8]) {
        self.text = text
        invalid = InvalidUTF8(bytes, range: text.index..<text.end)
    }

    /// The 0-based number of the row `next` returned last.
    var record: Int { read - 1 }

    mutating func next(width: Int?, problems: inout RecordProblems) -> DelimitedText.Record? {
        while true {
            let start = text.index
            guard let next = text.next() else { return nil }
            let record = read
            read += 1
            let row: DelimitedText.Record
            switch next {
            case .failure(let problem):
                problems.add(problem.offset, "row \(record + 1)", problem.message, reason: "malformed row", record: record)
                continue
            case .success(let value): row = value
            }
            if let bad = invalid.first(in: start..<text.index) {
                problems.add(bad, "row \(record + 1)", "invalid UTF-8; the file must be UTF-8", reason: "invalid UTF-8", record: record)
                continue
            }
            if let width, row.count != width {
                problems.add(row.offsets[0], "row \(record + 1)", "expected \(width) fields as in the header, found \(row.count)",
                             reason: "wrong column count", record: record)
                continue
            }
            return row
        }
    }
}
