import TimelineKit

/// One problem in a dataset: `file:line:column: path: message`.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// Where in the document, like `events[3].date`; `(document)` for the whole file.
    public var path: String
    public var message: String

    public init(file: String, line: Int, column: Int, path: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(path): \(message)" }
}

/// Why a dataset could not be loaded. The exit statuses follow sysexits.h.
public enum DatasetLoadError: Error, Sendable, CustomStringConvertible {
    /// The file could not be read at all (missing, a directory, no permission): exit 66.
    case unreadable(file: String, reason: String)
    /// The file was read but its content is wrong: exit 65, with every problem found.
    case invalid([Diagnostic])

    public static let invalidDataExitCode: Int32 = 65
    public static let unreadableExitCode: Int32 = 66

    public var exitCode: Int32 {
        switch self {
        case .unreadable: return Self.unreadableExitCode
        case .invalid: return Self.invalidDataExitCode
        }
    }

    public var diagnostics: [Diagnostic] {
        switch self {
        case .unreadable(let file, let reason):
            return [Diagnostic(file: file, line: 1, column: 1, path: "(file)", message: reason)]
        case .invalid(let diagnostics): return diagnostics
        }
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
