import TerminalText

/// The pair or country picker, centred over the panes: the rows of its window that fit.
enum PickerView {
    static func draw(_ picker: PickerState, into grid: inout Grid, box: BoxStyle, ascii: Bool) {
        let count = picker.availableCount
        let area = grid.bounds.centered(width: 60, height: min(grid.height - 2, count + 4 < 8 ? 8 : count + 4))
        guard area.width >= 10, area.height >= 4 else { return }
        grid.fill(area)
        let title = picker.kind == .pair ? "Pairs · type to narrow · Enter applies · * all" : "Countries · type to narrow · Enter applies"
        grid.drawBox(area, title: title, box: box, focused: true)
        let content = area.inset
        let end = grid.put("> " + Sanitizer.line(picker.filter), x: content.x, y: content.y, style: .accent, clip: content)
        grid.put(ascii ? "_" : "█", x: end, y: content.y, style: .accent, clip: content)
        let listArea = Rect(x: content.x, y: content.y + 1, width: content.width, height: content.height - 1)
        guard !listArea.isEmpty else { return }
        if count == 0 {
            grid.put("nothing matches", x: listArea.x + 2, y: listArea.y, style: .muted, clip: listArea)
            return
        }
        let top = max(0, min(picker.selectedIndex - listArea.height / 2, count - listArea.height))
        for row in 0..<listArea.height {
            let index = top + row
            guard let item = picker.item(at: index) else { break }
            let y = listArea.y + row
            let count = String(item.count)
            let label = DisplayWidth.fit(item.label, to: 14)
            let x = grid.put("  " + label + " ", x: listArea.x, y: y, style: .badge, clip: listArea)
            let countX = listArea.maxX - DisplayWidth.of(count) - 1
            grid.put(DisplayWidth.truncate(item.detail, to: max(0, countX - x - 1)), x: x, y: y, clip: listArea)
            grid.put(count, x: countX, y: y, style: .muted, clip: listArea)
            if index == picker.selectedIndex {
                grid.restyle(Rect(x: listArea.x, y: y, width: listArea.width, height: 1)) { $0.reverse = true }
            }
        }
    }
}
