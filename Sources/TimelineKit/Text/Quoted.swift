/// A value echoed in a message, in single quotes and cut to `quotedLimit` characters with an
/// ellipsis: a 50 MB date in a dataset must not become a 50 MB error line.
public let quotedLimit = 80

public func quoted<S: StringProtocol>(_ value: S) -> String {
    "'" + shortened(value) + "'"
}

/// The value cut to `quotedLimit` characters, with "…" when cut; for names inside paths.
public func shortened<S: StringProtocol>(_ value: S) -> String {
    guard let end = value.index(value.startIndex, offsetBy: quotedLimit, limitedBy: value.endIndex),
          end != value.endIndex else { return String(value) }
    return String(value[..<end]) + "…"
}
