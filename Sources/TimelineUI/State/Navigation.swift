import TimelineKit

extension AppState {
    /// Rows of context kept above and below the selection while scrolling.
    static let scrollOff = 3

    var timelineContentHeight: Int { ScreenLayout.content(of: layout.timeline).height }

    func paneContentHeight(_ pane: Pane) -> Int { ScreenLayout.content(of: layout.rect(of: pane)).height }

    mutating func navigate(_ action: Action) {
        let page = max(1, paneContentHeight(focus) - 1)
        let step: Int
        switch action {
        case .moveDown: step = 1
        case .moveUp: step = -1
        case .pageDown: step = page
        case .pageUp: step = -page
        case .halfPageDown: step = max(1, page / 2)
        case .halfPageUp: step = -max(1, page / 2)
        case .first: step = Int.min / 2
        case .last: step = Int.max / 2
        default: return
        }
        switch focus {
        case .timeline: select(selection + step)
        case .detail: scrollDetail(by: step)
        case .quotes:
            if action == .moveDown || action == .moveUp || action == .first || action == .last {
                selectQuote(quoteSelection + step)
            } else {
                scrollQuotes(by: step)
            }
        }
    }

    /// Selects a visible index, clamped, and keeps it in view.
    mutating func select(_ index: Int) {
        guard !visible.isEmpty else { selection = 0; return }
        let clamped = min(max(0, index), visible.count - 1)
        if clamped != selection {
            selection = clamped
            selectionChanged()
        } else {
            keepSelectionInView()
        }
    }

    /// Scrolls the timeline so the selection has `scrollOff` rows of context, and so the
    /// first event of a year shows its year separator.
    mutating func keepSelectionInView() {
        let height = timelineContentHeight
        guard height > 0, rowOfVisible.indices.contains(selection) else {
            timelineScroll = 0
            return
        }
        let row = rowOfVisible[selection]
        let context = min(Self.scrollOff, (height - 1) / 2)
        var top = row - context
        if row > 0, case .year = rows[row - 1] { top = min(top, row - 1) }
        if timelineScroll > top { timelineScroll = max(0, top) }
        if timelineScroll < row + context - height + 1 { timelineScroll = row + context - height + 1 }
        timelineScroll = min(max(0, timelineScroll), max(0, rows.count - height))
    }

    mutating func scrollDetail(by step: Int) {
        let lines = detailLines(width: ScreenLayout.content(of: layout.detail).width).count
        let maximum = max(0, lines - paneContentHeight(.detail))
        detailScroll = min(max(0, detailScroll.addingClamped(step)), maximum)
    }

    mutating func scrollQuotes(by step: Int) {
        let content = quotePaneContent(width: ScreenLayout.content(of: layout.quotes).width)
        let maximum = max(0, content.lines.count - paneContentHeight(.quotes))
        quoteScroll = min(max(0, quoteScroll.addingClamped(step)), maximum)
        if let item = content.item(atLine: quoteScroll) { quoteSelection = item }
    }

    mutating func selectQuote(_ index: Int) {
        let count = quoteItems.count
        guard count > 0 else { quoteSelection = 0; return }
        quoteSelection = min(max(0, index), count - 1)
        // Scroll so the whole selected quote shows when it fits.
        let content = quotePaneContent(width: ScreenLayout.content(of: layout.quotes).width)
        let height = paneContentHeight(.quotes)
        guard height > 0, let range = content.lineRange(ofItem: quoteSelection) else { return }
        if range.lowerBound < quoteScroll { quoteScroll = range.lowerBound }
        if range.upperBound > quoteScroll + height { quoteScroll = max(range.lowerBound - 1, range.upperBound - height) }
        quoteScroll = max(0, min(quoteScroll, max(0, content.lines.count - height)))
    }

    mutating func clampScrolls() {
        scrollDetail(by: 0)
        let content = quotePaneContent(width: ScreenLayout.content(of: layout.quotes).width)
        quoteScroll = min(quoteScroll, max(0, content.lines.count - paneContentHeight(.quotes)))
    }

    /// `[` and `]`: the first event of the previous or next year that has events.
    mutating func jumpYear(forward: Bool) {
        guard let position = selectedPosition else { return }
        let year = yearOf(position: position)
        if forward {
            guard let index = visible[selection...].firstIndex(where: { yearOf(position: $0) > year }) else {
                message = "no later year"
                return
            }
            select(index)
        } else {
            // The first event of the latest year before this one.
            guard let previous = visible[..<selection].lastIndex(where: { yearOf(position: $0) < year }) else {
                message = "no earlier year"
                return
            }
            let target = yearOf(position: visible[previous])
            let first = visible[...previous].lastIndex(where: { yearOf(position: $0) < target }).map { $0 + 1 } ?? 0
            select(first)
        }
    }

    /// `:2016`: the first visible event on or after the date's earliest day.
    mutating func jump(toDate text: String) {
        let date: EDTFDate
        do {
            date = try EDTFDate(parsing: text.trimmingWhitespace())
        } catch {
            message = "not a date: \(error.message)"
            return
        }
        guard let day = date.earliestDay else { message = "give a date with a start, like 2016 or 2017-09"; return }
        if let index = visible.firstIndex(where: { timeline.event(atPosition: Int($0)).date.sortDay >= day }) {
            select(index)
        } else {
            select(visible.count - 1)
            message = "no events on or after \(date.humanDescription)"
        }
    }
}

extension Int {
    /// Addition that saturates instead of trapping on overflow.
    func addingClamped(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? Int.max : Int.min) : sum
    }
}
