/// A value echoed in a message, in single quotes and cut to `limit` characters with an ellipsis:
/// a 50 MB date in a dataset must not become a 50 MB error line.
public enum MessageText {
    public static let limit = 80

    /// "'value'", cut to `limit` characters.
    public static func quoted<S: StringProtocol>(_ value: S) -> String {
        "'" + shortened(value) + "'"
    }

    /// The value cut to `limit` characters, with "…" when cut; for names inside paths.
    public static func shortened<S: StringProtocol>(_ value: S) -> String {
        guard let end = value.index(value.startIndex, offsetBy: limit, limitedBy: value.endIndex),
              end != value.endIndex else { return String(value) }
        return String(value[..<end]) + "…"
    }
}
