import TerminalText

/// The help screen laid out for a screen size, generated from the key table: what a newcomer
/// needs first, moving once for every pane, then the rest; in two columns on wide screens.
/// The view draws it and `update` clamps the help's scroll with it.
struct HelpLayout {
    /// From this width on, the help's sections sit in two columns.
    static let twoColumnWidth = 120

    /// The box the help is drawn in.
    let area: Rect
    let lines: [StyledLine]

    /// Inside the box, where the lines go.
    var text: Rect { Rect(x: area.x + 2, y: area.y + 1, width: area.width - 4, height: area.height - 2) }
    var maxScroll: Int { max(0, lines.count - text.height) }

    init(width: Int, height: Int) {
        let twoColumns = width >= Self.twoColumnWidth
        area = Rect(x: 0, y: 0, width: width, height: height).centered(width: twoColumns ? 124 : 86, height: height - 2)
        let textWidth = max(0, area.width - 4)
        guard twoColumns else {
            lines = Self.blocks(width: textWidth).flatMap { $0 }
            return
        }
        let gap = 3
        let columnWidth = (textWidth - gap) / 2
        let blocks = Self.blocks(width: columnWidth)
        // Split between sections where the taller column is shortest.
        let counts: [Int] = blocks.map(\.count)
        let total = counts.reduce(0, +)
        func taller(_ split: Int) -> Int {
            let above = counts.prefix(split).reduce(0, +)
            return max(above, total - above)
        }
        let split = (0...blocks.count).min { taller($0) < taller($1) } ?? blocks.count
        let left = blocks.prefix(split).flatMap { $0 }
        let right = blocks.dropFirst(split).flatMap { $0 }
        lines = (0..<max(left.count, right.count)).map { row -> StyledLine in
            var line = row < left.count ? left[row] : StyledLine()
            line.spans.append(Span(String(repeating: " ", count: max(0, columnWidth + gap - line.width))))
            if row < right.count { line.spans += right[row].spans }
            return line
        }
    }

    /// Each section as a block of lines wrapped to `width`, then the notes on dates.
    private static func blocks(width: Int) -> [[StyledLine]] {
        guard width > 0 else { return [] }
        let sections = Keymap.helpSections
        let widest = sections.flatMap(\.rows).map { DisplayWidth.of($0.keys) }.max() ?? 0
        let keyWidth = min(widest + 2, max(6, width / 3))
        var blocks: [[StyledLine]] = sections.map { section, rows in
            var block = StyledText.paragraph(section.title, width: width, hanging: 2, style: .label)
            for row in rows {
                // Keys too long for their column get a line of their own rather than an ellipsis.
                let ownLine = DisplayWidth.of(row.keys) > keyWidth - 1
                if ownLine { block.append(StyledLine(DisplayWidth.truncate(row.keys, to: width), .accent)) }
                let help = TextWrap.wrap(row.help, width: max(1, width - keyWidth))
                for (index, text) in help.enumerated() {
                    let keys = index == 0 && !ownLine ? DisplayWidth.fit(row.keys, to: keyWidth - 1) + " " : String(repeating: " ", count: keyWidth)
                    block.append(StyledLine([Span(keys, .accent), Span(text)]))
                }
            }
            if let note = section.note { block += StyledText.paragraph(note, width: width, style: .muted) }
            return block + [""]
        }
        blocks.append(StyledText.paragraph("Dates marked ~ are approximate, ? uncertain. [reported] and [scheduled] events are "
            + "not confirmed to have happened; the detail pane says why.", width: width, style: .muted))
        return blocks
    }
}
