import Foundation
import TerminalText
import TimelineUI

/// Text from a dataset on its way to stdout: controls made visible; widths by display columns.
enum StdoutText {
    static func line(_ text: String) -> String { Sanitizer.line(text) }

    /// A document of the UI's (an event's detail, a quote) as plain lines: its styles dropped,
    /// and the padding that fills a pane's width trimmed.
    static func document(_ lines: [StyledLine]) -> String {
        lines.map { line in
            var text = Substring(line.plainText)
            while text.last == " " { text = text.dropLast() }
            return text + "\n"
        }.joined()
    }

    /// Columns for table output: the terminal's width, or 80 when not a terminal.
    static var outputWidth: Int {
        guard isatty(STDOUT_FILENO) == 1 else { return 80 }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return 80
    }
}
