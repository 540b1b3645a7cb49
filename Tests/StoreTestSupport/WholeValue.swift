import TestSupport
import Testing

/// Compares two values whole, every stored field at every depth, by their `dump` (Swift's
/// reflection): a field added to `EventDetail` or `PairSummary` is compared without anyone having
/// to remember it, which a list of `#expect(a.field == b.field)` could not promise. Used for the
/// seam's types that are not `Equatable`; the difference, if any, is shown line by line.
public enum WholeValue {
    public static func text(_ value: Any) -> String {
        var out = ""
        dump(value, to: &out)
        return out
    }

    public static func expectSame(_ actual: Any, _ expected: Any, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if let difference = LineDiff.difference(expected: text(expected), actual: text(actual)) {
            Issue.record("\(label) differs:\n\(difference)", sourceLocation: sourceLocation)
        }
    }
}
