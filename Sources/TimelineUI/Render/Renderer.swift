import TerminalText
import TimelineKit

/// Draws the whole screen for a state into a grid: a pure function, so every screen is
/// testable as text.
public enum Renderer {
    public static func render(_ state: AppState) -> Grid {
        var grid = Grid(width: state.width, height: state.height)
        let layout = state.layout
        guard layout.mode != .tooSmall else {
            drawTooSmall(&grid)
            return grid
        }
        let box: BoxStyle = state.options.ascii ? .ascii : .unicode
        HeaderView.draw(state, into: &grid, rect: layout.header)
        RulerView.draw(state, into: &grid, rect: layout.ruler)
        TimelineView.draw(state, into: &grid, rect: layout.timeline, box: box)
        DetailView.draw(state, into: &grid, rect: layout.detail, box: box)
        QuotesView.draw(state, into: &grid, rect: layout.quotes, box: box)
        FooterView.draw(state, into: &grid, rect: layout.footer)
        switch state.overlay {
        case .help(let scroll): HelpView.draw(into: &grid, scroll: scroll, box: box)
        case .picker(let picker): PickerView.draw(picker, into: &grid, box: box, ascii: state.options.ascii)
        case .input, nil: break
        }
        return grid
    }

    private static func drawTooSmall(_ grid: inout Grid) {
        let message = "terminal too small (need \(ScreenLayout.minimumWidth)×\(ScreenLayout.minimumHeight))"
        let lines = TextWrap.wrap(message, width: grid.width)
        let top = max(0, (grid.height - lines.count) / 2)
        for (index, line) in lines.enumerated() where top + index < grid.height {
            let x = max(0, (grid.width - DisplayWidth.of(line)) / 2)
            grid.put(line, x: x, y: top + index, style: .warning)
        }
    }
}

enum HeaderView {
    static func draw(_ state: AppState, into grid: inout Grid, rect: Rect) {
        grid.fill(rect, style: .header)
        var parts: [String] = []
        if !state.query.pairs.isEmpty {
            parts.append("pair " + state.pairFilterLabels.joined(separator: ","))
        }
        if let country = state.query.country { parts.append("country \(country.alpha3)") }
        if !state.query.text.isEmpty { parts.append("filter “\(Sanitizer.line(state.query.text))”") }
        if !state.searchTerm.isEmpty && state.searchTerm != state.query.text {
            parts.append("search “\(Sanitizer.line(state.searchTerm))”")
        }
        let count = "\(state.visibleCount) of \(state.store.info.eventCount) events"
        let bar = state.options.ascii ? " | " : " │ "
        let right = (parts.isEmpty ? "all pairs" : parts.joined(separator: " · ")) + bar + count + " "
        let title = " Bilateral · " + Sanitizer.line(state.store.info.title)
        let rightWidth = DisplayWidth.of(right)
        let titleRoom = rect.width - rightWidth - 1
        if titleRoom >= 12 {
            grid.put(DisplayWidth.truncate(title, to: titleRoom), x: rect.x, y: rect.y, style: Style(.header, bold: true, reverse: true))
            grid.put(right, x: rect.maxX - rightWidth, y: rect.y, style: .header)
        } else {
            grid.put(DisplayWidth.truncate(" " + count + " · " + (parts.first ?? "all pairs"), to: rect.width), x: rect.x, y: rect.y, style: .header)
        }
    }
}

enum FooterView {
    static func draw(_ state: AppState, into grid: inout Grid, rect: Rect) {
        grid.fill(rect)
        if case .input(let line) = state.overlay {
            let label = line.kind == .search ? "search" : "date (2016, 2017-09)"
            let prompt = line.prompt + Sanitizer.line(line.text)
            let end = grid.put(DisplayWidth.truncate(prompt, to: rect.width - 2), x: rect.x, y: rect.y, style: .accent)
            grid.put(state.options.ascii ? "_" : "█", x: end, y: rect.y, style: .accent)
            let hint = "  \(label) · Enter accept · Esc cancel"
            if let message = state.message { grid.put("  " + message, x: end + 1, y: rect.y, style: .warning, clip: rect) }
            else { grid.put(hint, x: end + 1, y: rect.y, style: .muted, clip: rect) }
            return
        }
        let position = state.visibleCount == 0 ? "0/0" : "\(state.selection + 1)/\(state.visibleCount)"
        let positionX = rect.maxX - DisplayWidth.of(position) - 1
        if let message = state.message {
            grid.put(DisplayWidth.truncate(" " + message, to: max(0, positionX - 1)), x: rect.x, y: rect.y, style: .accent)
        } else {
            // Help and quit always show; the context's keys fill the room before them.
            let items = Keymap.footerItems(for: state.keyContext)
            let last = items.filter { $0.help == "help" || $0.help == "quit" }
            let first = items.filter { $0.help != "help" && $0.help != "quit" }
            func width(_ item: (keys: String, help: String)) -> Int { DisplayWidth.of(item.keys) + DisplayWidth.of(item.help) + 3 }
            let reserved = last.reduce(0) { $0 + width($1) }
            var x = rect.x + 1
            for item in first where x + width(item) + reserved < positionX {
                x = grid.put(item.keys, x: x, y: rect.y, style: .accent)
                x = grid.put(" " + item.help + "  ", x: x, y: rect.y, style: .muted)
            }
            for item in last where x + width(item) < positionX {
                x = grid.put(item.keys, x: x, y: rect.y, style: .accent)
                x = grid.put(" " + item.help + "  ", x: x, y: rect.y, style: .muted)
            }
        }
        grid.put(position, x: positionX, y: rect.y, style: .muted)
    }
}
