import DatasetFormats

/// A dataset's problems as stderr shows them, one `file:line:column: path: message` line each.
enum DiagnosticPrinter {
    /// A million bad records should not mean a million lines: the first ones show the pattern.
    static let limit = 200

    static func text(_ diagnostics: [Diagnostic]) -> String {
        var output = ""
        for diagnostic in diagnostics.prefix(limit) {
            output += StdoutText.line(diagnostic.description) + "\n"
        }
        if diagnostics.count > limit {
            output += "… and \(diagnostics.count - limit) more problems\n"
        }
        return output
    }

    static func print(_ diagnostics: [Diagnostic]) {
        StandardError.write(text(diagnostics))
    }
}
