/// A reference table embedded from `data/reference/*.tsv` (a header line, then one row a line,
/// fields separated by tabs), read once where the table is first needed.
package struct TabSeparatedTable: Sendable {
    package let columns: [String]
    package let rows: [[String]]

    /// Traps on a malformed table: the text is the repository's own, checked by tests, not input.
    package init(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let columns = lines.first.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) } ?? []
        self.columns = columns
        rows = lines.dropFirst().map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            precondition(fields.count == columns.count, "reference table row with \(fields.count) of \(columns.count) fields: \(line)")
            return fields
        }
    }
}
