import DatasetFormats

/// A dataset's problems as stderr shows them, one `file:line:column: path: message` line each.
enum DiagnosticPrinter {
    /// A million bad records should not mean a million lines: the first ones show the pattern. The
    /// readers keep as many and count the rest (`DiagnosticList`).
    static let limit = DiagnosticList.keptLimit

    /// The first `limit` diagnostics, then "… and N more problems" counting every one not shown,
    /// kept or not.
    static func text(_ diagnostics: DiagnosticList) -> String {
        var output = ""
        for diagnostic in diagnostics.prefix(limit) {
            output += StdoutText.line(diagnostic.description) + "\n"
        }
        if diagnostics.total > limit {
            output += "… and \(diagnostics.total - limit) more problems\n"
        }
        return output
    }

    static func text(_ diagnostics: [Diagnostic]) -> String {
        text(DiagnosticList(diagnostics))
    }

    static func print(_ diagnostics: DiagnosticList) {
        StandardError.write(text(diagnostics))
    }
}
