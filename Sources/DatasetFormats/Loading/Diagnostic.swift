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

/// The first problems of an input in file order, and how many there were in all: a million bad
/// records keep `keptLimit` diagnostics and a count, not a million diagnostics.
public struct DiagnosticList: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    /// How many problems an input keeps: as many as `bilateral` prints (the first ones show the pattern).
    public static let keptLimit = 200

    public private(set) var kept: [Diagnostic]
    /// Every problem found, kept or not.
    public private(set) var total: Int

    public init(_ kept: [Diagnostic], total: Int? = nil) {
        self.kept = kept
        self.total = Swift.max(total ?? kept.count, kept.count)
    }

    public init(arrayLiteral elements: Diagnostic...) { self.init(elements) }

    public var startIndex: Int { kept.startIndex }
    public var endIndex: Int { kept.endIndex }
    public subscript(position: Int) -> Diagnostic { kept[position] }

    /// Problems found but not kept.
    public var omitted: Int { total - kept.count }

    public mutating func append(contentsOf other: DiagnosticList) {
        kept += other.kept
        total += other.total
    }
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
