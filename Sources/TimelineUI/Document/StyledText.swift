import TerminalText

/// Builds wrapped, styled lines from untrusted text: sanitizes, wraps to a width, and
/// indents continuation lines under a label.
public enum StyledText {
    /// `label` in the first `labelWidth` columns, the value wrapped beside it.
    public static func labelled(_ label: String, _ value: String, width: Int, labelWidth: Int = 10,
                                style: Style = .plain) -> [StyledLine] {
        let valueWidth = max(1, width - labelWidth)
        let wrapped = TextWrap.wrap(Sanitizer.line(value), width: valueWidth)
        return wrapped.enumerated().map { index, line in
            let head = index == 0 ? DisplayWidth.fit(label, to: labelWidth) : String(repeating: " ", count: labelWidth)
            return StyledLine([Span(head, .label), Span(line, style)])
        }
    }

    /// A paragraph wrapped to `width`, the first line indented by `indent` spaces and the
    /// rest by `hanging` (default: the same).
    public static func paragraph(_ text: String, width: Int, indent: Int = 0, hanging: Int? = nil,
                                 style: Style = .plain) -> [StyledLine] {
        let rest = hanging ?? indent
        let first = TextWrap.wrap(Sanitizer.paragraph(text), width: max(1, width - max(indent, rest)))
        return first.enumerated().map { index, line in
            StyledLine([Span(String(repeating: " ", count: index == 0 ? indent : rest) + line, style)])
        }
    }
}
