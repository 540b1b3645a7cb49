/// The quote pane: the selected event's quotes or all of them by speaker, a bar beside the selected one.
enum QuotesView {
    static func draw(_ state: AppState, into grid: inout Grid, rect: Rect, box: BoxStyle) {
        guard !rect.isEmpty else { return }
        let focused = state.focus == .quotes && state.overlay == nil
        let content = ScreenLayout.content(of: rect)
        let pane = state.quotePane
        let title = state.quoteMode == .selectedEvent ? "Quotes (\(state.quotes.count)) · v: all by speaker" : "All quotes · v: this event"
        grid.drawBox(rect, title: title, box: box, focused: focused)
        guard !content.isEmpty else { return }
        grid.drawLines(pane.lines, in: pane.textArea, scroll: 0)
        // A bar beside the selected quote (not its last line, the blank that ends it, unless it runs on below).
        if let range = pane.lineRange(ofItem: state.selectedQuoteIndex) {
            let end = state.quoteBlockEnds(state.selectedQuoteIndex, visible: range, in: pane) ? range.upperBound - 1 : range.upperBound
            for line in range.lowerBound..<end where focused && line < content.height {
                grid.put(state.options.ascii ? "|" : "▌", x: content.x, y: content.y + line, style: .accent)
            }
        }
    }
}
