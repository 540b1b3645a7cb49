/// A free-form fact an importer keeps from its source (GDELT's GoldsteinScale, a CSV column nobody
/// mapped): a name with a string or a number. An event keeps them in the order they were given.
public struct Attribute: Sendable, Hashable {
    public var name: String
    public var value: AttributeValue

    public init(_ name: String, _ value: AttributeValue) {
        self.name = name
        self.value = value
    }
}

public enum AttributeValue: Sendable, Hashable {
    case string(String)
    case number(Double)

    /// The value as people and CSV read it: whole numbers without ".0".
    public var text: String {
        switch self {
        case .string(let text): return text
        case .number(let number): return AttributeValue.format(number)
        }
    }

    /// Whole numbers that a Double holds exactly print as integers; others as Swift's shortest form.
    public static func format(_ number: Double) -> String {
        wholeNumber(number).map { String($0) } ?? String(number)
    }

    /// The number as an integer when it is a whole one a Double holds exactly (under 10^15).
    public static func wholeNumber(_ number: Double) -> Int64? {
        number.isFinite && number == number.rounded() && abs(number) < 1e15 ? Int64(number) : nil
    }
}

extension Array where Element == Attribute {
    /// The first value with this name.
    public subscript(name: String) -> AttributeValue? { first { $0.name == name }?.value }
}
