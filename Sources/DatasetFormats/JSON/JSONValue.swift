import TimelineKit

/// A parsed JSON value that remembers where it came from, so that every problem
/// found later (a wrong type, a bad date) can name its line and column.
public struct JSONNode: Sendable {
    // Not `indirect`: arrays already hold their elements out of line, and boxing every value cost an
    // allocation per node (a dozen per event).
    public enum Value: Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONNode])
        case object([JSONMember])
    }

    public var value: Value
    /// Byte offset of the value's first character in the source.
    public var offset: Int

    public init(_ value: Value, offset: Int) {
        self.value = value
        self.offset = offset
    }

    /// The JSON name of the value's type, for messages such as "expected a string, found a number".
    public var typeName: String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

public struct JSONMember: Sendable {
    public var key: String
    public var keyOffset: Int
    public var value: JSONNode
}
