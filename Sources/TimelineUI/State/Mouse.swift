extension AppState {
    /// A click selects the row or focuses the pane under it; the wheel scrolls that pane.
    mutating func handleMouse(_ event: MouseEvent) {
        guard options.mouse, let pane = layout.pane(atX: event.x, y: event.y) else { return }
        let content = ScreenLayout.content(of: layout.rect(of: pane))
        switch event.kind {
        case .wheelUp, .wheelDown:
            let step = event.kind == .wheelDown ? 3 : -3
            switch pane {
            case .timeline: select(selectedIndex + step)
            case .detail: scrollDetail(by: step)
            case .quotes: scrollQuotes(by: step)
            }
        case .press:
            focus = pane
            guard content.contains(x: event.x, y: event.y) else { return }
            let line = event.y - content.y
            switch pane {
            case .timeline:
                if let index = timelinePane.event(atY: event.y) { select(index) }
            case .quotes:
                if let item = quotePane.item(atLine: line) { selectedQuoteIndex = item }
            case .detail:
                break
            }
        }
    }
}
