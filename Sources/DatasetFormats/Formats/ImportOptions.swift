import TimelineKit

/// What the user said about reading the inputs: `--map FIELD=COLUMN` for tables.
public struct ImportOptions: Sendable {
    /// The fields a column can be mapped to, in the order the help lists them.
    public static let fields = ["id", "date", "end", "from", "to", "countries", "title", "summary", "kind", "status", "place", "url"]

    /// Field → column name, in the order given.
    public private(set) var mapping: [(field: String, column: String)] = []

    public init() {}

    /// Parses `FIELD=COLUMN` arguments; an unknown field or a repeated one is a usage error.
    public init(mapArguments: [String]) throws(ImportUsageError) {
        for argument in mapArguments {
            guard let equals = argument.firstIndex(of: "=") else {
                throw ImportUsageError(message: "--map \(MessageText.quoted(argument)): expected FIELD=COLUMN, like date=Event Date")
            }
            let field = String(argument[..<equals]).lowercased(), column = String(argument[argument.index(after: equals)...])
            guard Self.fields.contains(field) else {
                var message = "--map: unknown field \(MessageText.quoted(field)); the fields are \(Self.fields.joined(separator: ", "))"
                if let guess = EditDistance.closest(to: field, in: Self.fields) { message += "; did you mean '\(guess)'?" }
                throw ImportUsageError(message: message)
            }
            guard !column.isEmpty else { throw ImportUsageError(message: "--map \(field)=: name a column") }
            guard !mapping.contains(where: { $0.field == field }) else {
                throw ImportUsageError(message: "--map: \(field) is mapped twice")
            }
            mapping.append((field, column))
        }
    }

    public func column(for field: String) -> String? { mapping.first { $0.field == field }?.column }
}

/// A mistake in the command line rather than the data: exit 64.
public struct ImportUsageError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
