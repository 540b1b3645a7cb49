import TerminalText

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
        if let trend = state.trend {
            TrendView.draw(state, trend, into: &grid)
            FooterView.draw(state, into: &grid, rect: layout.footer)
            if case .help(let scroll) = state.overlay { HelpView.draw(into: &grid, scroll: scroll, box: box) }
            if case .picker(let picker) = state.overlay { PickerView.draw(picker, into: &grid, box: box, ascii: state.options.ascii) }
            return grid
        }
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
