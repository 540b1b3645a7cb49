import TimelineKit

extension AppState {
    /// Rows of context kept above and below the selected event while scrolling.
    static let scrollOff = 3

    var timelineContentHeight: Int { ScreenLayout.content(of: layout.timeline).height }

    func paneContentHeight(_ pane: Pane) -> Int { ScreenLayout.content(of: layout.rect(of: pane)).height }

    /// Lines from event `first` through event `last`, year separators included.
    private func lineCount(from first: Int, through last: Int) -> Int {
        guard first <= last else { return 0 }
        return (first...last).reduce(0) { $0 + 1 + (startsYear($1) ? 1 : 0) }
    }

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
        case .timeline: select(selectedIndex.addingClamped(step))
        case .detail: scrollDetail(by: step)
        case .quotes:
            if action == .moveDown || action == .moveUp || action == .first || action == .last {
                selectQuote(selectedQuoteIndex.addingClamped(step))
            } else {
                scrollQuotes(by: step)
            }
        }
    }

    /// Selects an index of `visibleEvents`, clamped, and keeps it in view.
    mutating func select(_ index: Int) {
        guard visibleEvents.count > 0 else { selectedIndex = 0; selectedDetail = nil; return }
        let clamped = min(max(0, index), visibleEvents.count - 1)
        if clamped != selectedIndex || selectedRow == nil {
            selectedIndex = clamped
            selectedEventChanged()
        } else {
            keepSelectedEventInView()
        }
    }

    /// Scrolls the timeline so the selected event has `scrollOff` lines of context, and so the first
    /// event of a year shows its year separator. Reads only rows near the viewport.
    mutating func keepSelectedEventInView() {
        let height = timelineContentHeight
        let count = visibleEvents.count
        guard height > 0, count > 0 else {
            timelineScroll = 0
            ensureRows(0..<1)
            return
        }
        let context = min(Self.scrollOff, (height - 1) / 2)
        let last = min(count - 1, selectedIndex + context)
        var top = min(timelineScroll, count - 1)
        if selectedIndex - context < top {
            top = max(0, selectedIndex - context)
        }
        // More events than lines between top and last: too many without counting separators.
        let farBelow = last - top >= height
        ensureRows(max(0, (farBelow ? last - height : top) - 1)..<(last + 1))
        if farBelow || lineCount(from: top, through: last) > height {
            // The lowest top that still shows `last`, walking up from it.
            top = raised(last, lines: 1 + (startsYear(last) ? 1 : 0), height: height)
            top = min(top, selectedIndex)
        }
        // No blank lines below the last event when there are events above to show.
        if count - top < height {
            ensureRows(max(0, count - height - 1)..<count)
            top = raised(top, lines: lineCount(from: top, through: count - 1), height: height)
        }
        timelineScroll = top
        ensureRows(max(0, top - 1)..<min(count, top + height + 1))
    }

    /// `top` moved up while the events above it (and their year headings) still fit in `height`
    /// lines with the `lines` already below it.
    private func raised(_ top: Int, lines: Int, height: Int) -> Int {
        var top = top, lines = lines
        while top > 0 {
            let more = 1 + (startsYear(top - 1) ? 1 : 0)
            if lines + more > height { break }
            lines += more
            top -= 1
        }
        return top
    }

    mutating func scrollDetail(by step: Int) {
        detailScroll = min(max(0, detailScroll.addingClamped(step)), detailPane.maxScroll)
    }

    /// Scrolls the quote pane by lines, never past its last line, and selects the quote at its top:
    /// walks only the blocks scrolled over.
    mutating func scrollQuotes(by step: Int) {
        var top = quotePosition(quoteScroll, movedBy: step)
        top = min(top, quoteEndTop)
        quoteScroll = max(QuoteScroll.top, top)
        if let item = quotePane.item(atLine: 0) { selectedQuoteIndex = item }
    }

    /// Selects a quote, clamped, and scrolls so the whole of it shows when it fits, else its first
    /// lines: found by its index, laying out only the blocks between it and the view.
    mutating func selectQuote(_ index: Int) {
        let count = quotes.count
        guard count > 0 else { selectedQuoteIndex = 0; return }
        selectedQuoteIndex = min(max(0, index), count - 1)
        let height = quoteTextArea.height
        guard height > 0 else { return }
        let block = quoteBlock(selectedQuoteIndex)
        let start = QuoteScroll(block: selectedQuoteIndex, line: block.heading)
        let length = block.lines.count - block.heading
        if start < quoteScroll {
            quoteScroll = start
        } else {
            // Its last line below the pane: a walk of at most the pane's height tells.
            let bottom = quotePosition(quoteScroll, movedBy: height - 1)
            let end = QuoteScroll(block: selectedQuoteIndex, line: block.lines.count - 1)
            if end > bottom {
                quoteScroll = length < height ? quotePosition(start, movedBy: -1) : start
            }
        }
        quoteScroll = max(QuoteScroll.top, min(quoteScroll, quoteEndTop))
    }

    mutating func clampScrolls() {
        scrollDetail(by: 0)
        // A narrower pane lays a block out in more lines, a wider one in fewer.
        if quoteScroll.block >= quotes.count { quoteScroll = QuoteScroll(block: quotes.count - 1, line: 0) }
        quoteScroll.line = min(quoteScroll.line, max(0, quoteBlock(quoteScroll.block).lines.count - 1))
        quoteScroll = max(QuoteScroll.top, min(quoteScroll, quoteEndTop))
    }

    /// `[` and `]`: the first event of the previous or next year that has events: two index
    /// lookups by day, whatever the number of visible events.
    mutating func jumpYear(forward: Bool) {
        guard let row = selectedRow else { return }
        let visibleEvents = self.visibleEvents
        let year = row.year
        // Unknown dates are filed under Int.max, after every year: their "year" starts at that day.
        func firstDay(of year: Int) -> Int { year == Int.max ? Int.max : CivilCalendar.dayNumber(year: year, month: 1, day: 1) }
        if forward {
            guard year != Int.max else { message = "no later year"; return }
            let day = firstDay(of: year + 1)
            guard let index = attempt({ try visibleEvents.index(onOrAfterDay: day) }) ?? nil, index > selectedIndex else {
                message = "no later year"
                return
            }
            select(index)
        } else {
            // The first event of the latest year before this one.
            let thisYear = firstDay(of: year)
            let first = (attempt { try visibleEvents.index(onOrAfterDay: thisYear) } ?? nil) ?? selectedIndex
            guard first > 0, let previous = attempt({ try visibleEvents.rows((first - 1)..<first) })?.first else {
                message = "no earlier year"
                return
            }
            let day = firstDay(of: previous.year)
            select((attempt { try visibleEvents.index(onOrAfterDay: day) } ?? nil) ?? first - 1)
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
        let visibleEvents = self.visibleEvents
        if let index = attempt({ try visibleEvents.index(onOrAfterDay: day) }) ?? nil {
            select(index)
        } else {
            select(visibleEvents.count - 1)
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
