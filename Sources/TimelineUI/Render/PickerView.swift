import TerminalText

/// The pair, country or speaker picker, centred over the panes: the rows of its window that fit.
enum PickerView {
    static func draw(_ picker: PickerState, into grid: inout Grid, box: BoxStyle, ascii: Bool) {
        let count = picker.failure == nil ? picker.availableCount : 0
        let area = grid.bounds.centered(width: 60, height: min(grid.height - 2, count + 4 < 8 ? 8 : count + 4))
        guard area.width >= 10, area.height >= 4 else { return }
        grid.fill(area)
        let title: String
        switch picker.kind {
        case .pair: title = "Pairs · type to narrow · Enter applies · * all"
        case .country: title = "Countries · type to narrow · Enter applies"
        case .speaker: title = "Speakers · type a name · Enter shows their quotes"
        }
        grid.drawBox(area, title: title, box: box, focused: true)
        let content = area.inset
        let end = grid.put("> " + Sanitizer.line(picker.filter), x: content.x, y: content.y, style: .accent, clip: content)
        grid.put(ascii ? "_" : "█", x: end, y: content.y, style: .accent, clip: content)
        let listArea = Rect(x: content.x, y: content.y + 1, width: content.width, height: content.height - 1)
        guard !listArea.isEmpty else { return }
        if let failure = picker.failure {
            let lines = TextWrap.wrap(failure, width: max(1, listArea.width - 2))
            for (row, line) in lines.prefix(listArea.height).enumerated() {
                grid.put(line, x: listArea.x + 2, y: listArea.y + row, style: .warning, clip: listArea)
            }
            return
        }
        if count == 0 {
            grid.put("nothing matches", x: listArea.x + 2, y: listArea.y, style: .muted, clip: listArea)
            return
        }
        // Codes are short; a speaker's name needs room.
        let labelWidth = picker.kind == .speaker ? 26 : 14
        let top = max(0, min(picker.selectedIndex - listArea.height / 2, count - listArea.height))
        for row in 0..<listArea.height {
            let index = top + row
            guard let item = picker.item(at: index) else { break }
            let y = listArea.y + row
            let count = String(item.count)
            // Names and affiliations come from the data.
            let label = DisplayWidth.fit(Sanitizer.line(item.label), to: labelWidth)
            let x = grid.put("  " + label + " ", x: listArea.x, y: y, style: .badge, clip: listArea)
            let countX = listArea.maxX - DisplayWidth.of(count) - 1
            grid.put(DisplayWidth.truncate(Sanitizer.line(item.detail), to: max(0, countX - x - 1)), x: x, y: y, clip: listArea)
            grid.put(count, x: countX, y: y, style: .muted, clip: listArea)
            if index == picker.selectedIndex {
                grid.restyle(Rect(x: listArea.x, y: y, width: listArea.width, height: 1)) { $0.reverse = true }
            }
        }
    }
}
