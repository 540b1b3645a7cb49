/// The detail pane: the selected event in full, scrolled by the state.
enum DetailView {
    static func draw(_ state: AppState, into grid: inout Grid, rect: Rect, box: BoxStyle) {
        guard !rect.isEmpty else { return }
        let focused = state.focus == .detail && state.overlay == nil
        let pane = state.detailPane
        let content = pane.content, lines = pane.lines
        let more = lines.count > content.height ? " \(min(100, (state.detailScroll + content.height) * 100 / max(1, lines.count)))%" : ""
        grid.drawBox(rect, title: "Detail" + more, box: box, focused: focused)
        grid.drawLines(lines, in: content, scroll: state.detailScroll)
    }
}
