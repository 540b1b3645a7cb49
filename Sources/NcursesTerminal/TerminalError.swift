/// Why the full-screen terminal could not start. Reported before curses touches the screen.
public enum TerminalError: Error, CustomStringConvertible, Sendable {
    case notATerminal
    case termNotSet
    case unknownTerminal(String)
    case incapableTerminal(String)
    case initializationFailed(String)

    /// Exit status for "no usable terminal" (sysexits EX_UNAVAILABLE).
    public static let exitCode: Int32 = 69

    public var description: String {
        switch self {
        case .notATerminal:
            return "the browser needs a terminal: stdin and stdout must be a TTY (use `bilateral list` for plain output)"
        case .termNotSet:
            return "TERM is not set; set it to your terminal's type, for example TERM=xterm-256color"
        case .unknownTerminal(let name):
            return "unknown terminal type '\(name)' (TERM); set TERM to a type your terminal supports, for example xterm-256color"
        case .incapableTerminal(let name):
            return "terminal type '\(name)' (TERM) cannot move the cursor, so the browser cannot run; use `bilateral list`"
        case .initializationFailed(let name):
            return "could not initialise the terminal '\(name)' (TERM)"
        }
    }
}
