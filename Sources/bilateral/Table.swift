import TerminalText

/// A plain-text table that fits a width: fixed columns keep their natural width up to a
/// cap, the last column takes what is left and is truncated by display width.
struct Table {
    var headers: [String]
    var rows: [[String]]
    /// The widest each column but the last may grow.
    var caps: [Int]

    func render(width: Int) -> String {
        let cells = rows.map { $0.map(Sanitizer.line) }
        var widths = headers.indices.map { column in
            ([headers[column]] + cells.map { $0[column] }).map(DisplayWidth.of).max() ?? 0
        }
        for column in widths.indices.dropLast() { widths[column] = min(widths[column], caps[column]) }
        let fixed = widths.dropLast().reduce(0, +) + 2 * (widths.count - 1)
        widths[widths.count - 1] = max(10, min(widths.last!, width - fixed))
        func line(_ values: [String]) -> String {
            var text = ""
            for (column, value) in values.enumerated() {
                let isLast = column == values.count - 1
                let cut = DisplayWidth.truncate(value, to: widths[column])
                text += isLast ? cut : DisplayWidth.fit(cut, to: widths[column]) + "  "
            }
            return text
        }
        var output = line(headers) + "\n"
        for row in cells { output += line(row) + "\n" }
        return output
    }
}
