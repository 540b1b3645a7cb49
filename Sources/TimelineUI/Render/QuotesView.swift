/// The quote pane: the selected event's quotes or all of them by speaker, a bar beside the selected one.
enum QuotesView {
    static func draw(_ state: AppState, into grid: inout Grid, rect: Rect, box: BoxStyle) {
        guard !rect.isEmpty else { return }
        let focused = state.focus == .quotes && state.overlay == nil
        let content = ScreenLayout.content(of: rect)
        let pane = state.quotePane
        let title = state.quoteMode == .selectedEvent ? "Quotes (\(state.quoteItems.count)) · v: all by speaker" : "All quotes · v: this event"
        grid.drawBox(rect, title: title, box: box, focused: focused)
        guard !content.isEmpty else { return }
        grid.drawLines(pane.lines, in: pane.textArea, scroll: state.quoteScroll)
        // A bar beside the selected quote.
        if let range = pane.lineRange(ofItem: state.selectedQuoteIndex) {
            for line in range.dropLast() where focused && line >= state.quoteScroll && line < state.quoteScroll + content.height {
                grid.put(state.options.ascii ? "|" : "▌", x: content.x, y: content.y + line - state.quoteScroll, style: .accent)
            }
        }
    }
}
