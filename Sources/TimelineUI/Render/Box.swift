import TerminalText

/// Pane borders in Unicode box drawing, or plain ASCII for `--ascii`.
public struct BoxStyle: Sendable {
    let horizontal: Character, vertical: Character
    let topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character

    public static let unicode = BoxStyle(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘")
    public static let ascii = BoxStyle(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+")
}

extension Grid {
    /// A border around `rect` with a title in the top edge.
    mutating func drawBox(_ rect: Rect, title: String, box: BoxStyle, focused: Bool) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let style = focused ? Style(.focusBorder, bold: true) : Style.muted
        let h = String(box.horizontal)
        put(String(box.topLeft) + String(repeating: h, count: rect.width - 2) + String(box.topRight), x: rect.x, y: rect.y, style: style)
        put(String(box.bottomLeft) + String(repeating: h, count: rect.width - 2) + String(box.bottomRight), x: rect.x, y: rect.maxY - 1, style: style)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            put(String(box.vertical), x: rect.x, y: y, style: style)
            put(String(box.vertical), x: rect.maxX - 1, y: y, style: style)
        }
        let label = DisplayWidth.truncate(" " + title + " ", to: rect.width - 4)
        put(label, x: rect.x + 2, y: rect.y, style: focused ? Style(.focusBorder, bold: true) : Style(.label, bold: true))
    }

    /// Draws lines from `scroll` into `rect`, as many as fit; the pane's title says how far it is scrolled.
    mutating func drawLines(_ lines: [StyledLine], in rect: Rect, scroll: Int) {
        guard !rect.isEmpty else { return }
        for row in 0..<rect.height {
            let index = scroll + row
            guard lines.indices.contains(index) else { break }
            put(lines[index], x: rect.x, y: rect.y + row, clip: rect)
        }
    }
}
