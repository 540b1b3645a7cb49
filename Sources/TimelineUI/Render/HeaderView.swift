import TerminalText

/// The top line: the dataset's title, the filters and how many events pass them.
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
