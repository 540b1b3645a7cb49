import TerminalText

/// The bottom line: keys for the context, a message, or the prompt being typed; the position on the right.
enum FooterView {
    static func draw(_ state: AppState, into grid: inout Grid, rect: Rect) {
        grid.fill(rect)
        if case .input(let line) = state.overlay {
            let label = line.kind == .search ? "search" : "date (2016, 2017-09)"
            let prompt = line.prompt + Sanitizer.line(line.text)
            let end = grid.put(DisplayWidth.truncate(prompt, to: rect.width - 2), x: rect.x, y: rect.y, style: .accent)
            grid.put(state.options.ascii ? "_" : "█", x: end, y: rect.y, style: .accent)
            let keys = Keymap.footerItems(for: .input).map { "\($0.keys) \($0.word)" }
            let hint = "  " + ([label] + keys).joined(separator: " · ")
            if let message = state.message { grid.put("  " + message, x: end + 1, y: rect.y, style: .warning, clip: rect) }
            else { grid.put(hint, x: end + 1, y: rect.y, style: .muted, clip: rect) }
            return
        }
        let position = state.visibleCount == 0 ? "0/0" : "\(state.selectedIndex + 1)/\(state.visibleCount)"
        let positionX = rect.maxX - DisplayWidth.of(position) - 1
        if let message = state.message {
            grid.put(DisplayWidth.truncate(" " + message, to: max(0, positionX - 1)), x: rect.x, y: rect.y, style: .accent)
        } else {
            // Kept items (help, quit) always show; the context's other keys fill the room before them.
            let items = Keymap.footerItems(for: state.keyContext)
            let kept = items.filter(\.kept)
            func width(_ item: (keys: String, word: String, kept: Bool)) -> Int { DisplayWidth.of(item.keys) + DisplayWidth.of(item.word) + 3 }
            let reserved = kept.reduce(0) { $0 + width($1) }
            var x = rect.x + 1
            for item in items where !item.kept && x + width(item) + reserved < positionX {
                x = grid.put(item.keys, x: x, y: rect.y, style: .accent)
                x = grid.put(" " + item.word + "  ", x: x, y: rect.y, style: .muted)
            }
            for item in kept where x + width(item) < positionX {
                x = grid.put(item.keys, x: x, y: rect.y, style: .accent)
                x = grid.put(" " + item.word + "  ", x: x, y: rect.y, style: .muted)
            }
        }
        grid.put(position, x: positionX, y: rect.y, style: .muted)
    }
}
