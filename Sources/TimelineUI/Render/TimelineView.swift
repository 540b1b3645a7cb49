import TerminalText
import TimelineKit

/// The timeline pane: year separators, then one row per event with its date, pairs and title.
enum TimelineView {
    static func draw(_ state: AppState, into grid: inout Grid, rect: Rect, box: BoxStyle) {
        guard !rect.isEmpty else { return }
        let focused = state.focus == .timeline && state.overlay == nil
        grid.drawBox(rect, title: "Timeline (\(state.visibleCount))", box: box, focused: focused)
        let pane = state.timelinePane
        let content = pane.content
        guard !content.isEmpty else { return }
        if state.visibleCount == 0 {
            grid.put(DisplayWidth.truncate("No events match. P clears the filters.", to: content.width), x: content.x, y: content.y, style: .muted)
            return
        }
        let columns = Columns(state: state, width: content.width)
        for (line, kind) in pane.lines.enumerated() {
            let y = content.y + line
            switch kind {
            case .year(let year):
                let label = " " + (year == Int.max ? "date unknown" : EDTFPoint.yearName(year)) + " "
                let rule = String(box.horizontal)
                grid.put(rule + rule + label + String(repeating: rule, count: max(0, content.width)), x: content.x, y: y,
                         style: .year, clip: content)
            case .event(let index):
                guard let row = state.window.row(index) else { continue }
                drawEvent(state, row: row, index: index, columns: columns, into: &grid, y: y, content: content, focused: focused)
            }
        }
    }

    /// Column widths for the pane: the date and pair badge give way on narrow panes.
    struct Columns {
        let date: Int
        let badge: Int

        init(state: AppState, width: Int) {
            let widest = state.widestVisibleDate
            // The title keeps at least 22 columns; the badge gives way first, then the date.
            let title = 22
            var date = min(widest, 20)
            if 1 + date + 1 + title > width { date = max(8, min(date, width - 2 - title)) }
            let room = width - 1 - date - 1 - title
            badge = room >= 11 ? 10 : (room >= 8 ? 7 : 0)
            self.date = date
        }
    }

    private static func drawEvent(_ state: AppState, row event: EventRow, index: Int, columns: Columns, into grid: inout Grid,
                                  y: Int, content: Rect, focused: Bool) {
        let selected = index == state.selectedIndex
        let matches = state.eventMatchesSearch(index: index)
        let marker = selected ? (state.options.ascii ? ">" : "▶") : (matches ? (state.options.ascii ? "*" : "•") : " ")
        var x = grid.put(marker, x: content.x, y: y, style: matches ? .match : .accent, clip: content)
        let date = DisplayWidth.fit(Sanitizer.line(event.date.shortDescription), to: columns.date)
        x = grid.put(date + " ", x: x, y: y, style: event.date.isApproximate || event.date.isUncertain ? .muted : .plain, clip: content)
        if columns.badge > 0 {
            let badge = PairBadges.compact(event.pairLabels, width: columns.badge)
            x = grid.put(DisplayWidth.fit(badge, to: columns.badge) + " ", x: x, y: y, style: .badge, clip: content)
        }
        var title = StyledLine()
        if event.status != .occurred { title.spans.append(Span("[\(event.status.rawValue)] ", .warning)) }
        title.spans.append(Span(Sanitizer.line(event.title)))
        title = Highlighter.highlight(title, term: state.searchTerm)
        let room = content.maxX - x
        grid.put(truncate(title, to: room), x: x, y: y, clip: content)
        if selected {
            let bar = Rect(x: content.x, y: y, width: content.width, height: 1)
            grid.restyle(bar) { style in
                if focused { style.reverse = true } else { style.bold = true; style.underline = true }
            }
        }
    }

    /// A styled line cut to a width, ending in "…" when cut.
    static func truncate(_ line: StyledLine, to width: Int) -> StyledLine {
        guard line.width > width else { return line }
        var result = StyledLine()
        var remaining = max(0, width - 1)
        for span in line.spans {
            let text = DisplayWidth.truncate(span.text, to: remaining, ellipsis: "")
            result.spans.append(Span(text, span.style))
            remaining -= DisplayWidth.of(text)
            if DisplayWidth.of(text) < DisplayWidth.of(span.text) { break }
        }
        if width > 0 { result.spans.append(Span("…", result.spans.last?.style ?? .plain)) }
        return result
    }
}
