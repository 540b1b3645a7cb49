/// The detail pane laid out for the current state: the one value the view draws and
/// navigation scrolls, so the scroll stops where the text ends.
struct DetailPane {
    /// Inside the border, where the lines go.
    let content: Rect
    let lines: [StyledLine]

    var maxScroll: Int { max(0, lines.count - content.height) }
}

extension AppState {
    var detailPane: DetailPane {
        let content = ScreenLayout.content(of: layout.detail)
        return DetailPane(content: content, lines: detailLines(width: content.width))
    }

    /// The selected event's detail, with the quotes spelled out only when no quote pane shows them.
    private func detailLines(width: Int) -> [StyledLine] {
        guard let event = selectedDetail, width > 0 else {
            return [StyledLine(visibleCount == 0 ? "No events match the filter. Press P to clear it." : "", .muted)]
        }
        let quotesShown = layout.mode == .wide
        var lines = EventDetailDocument(event).lines(width: width, includeQuotes: !quotesShown)
        if quotesShown {
            let count = event.quotes.count
            if count > 0 {
                lines.append("")
                lines += StyledText.paragraph("Quotes: \(count) in the quotes pane below (Tab to read, Enter to follow).",
                                              width: width, style: .muted)
            }
        }
        return Highlighter.highlight(lines, term: searchTerm)
    }
}
