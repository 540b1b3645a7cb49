import TerminalText

extension AppState {
    mutating func beginInput(_ kind: InputLine.Kind) {
        overlay = .input(InputLine(kind: kind, savedSelectedIndex: selectedIndex, savedScroll: timelineScroll, savedSearch: searchTerm,
                                   inQuotes: kind == .search && focus == .quotes, savedQuoteIndex: selectedQuoteIndex,
                                   savedQuoteScroll: quoteScroll))
    }

    mutating func updateInput(_ action: Action, _ line: InputLine) -> [Effect] {
        var line = line
        switch action {
        case .insert(let character):
            line.text.append(character)
        case .deleteBackward:
            if line.text.isEmpty {
                return updateInput(.back, line)
            }
            line.text.removeLast()
        case .back:
            // Cancel: restore the view as it was before the prompt opened.
            overlay = nil
            searchTerm = line.savedSearch
            if line.inQuotes {
                selectedQuoteIndex = line.savedQuoteIndex
                quoteScroll = line.savedQuoteScroll
                clampScrolls()
                return []
            }
            select(line.savedSelectedIndex)
            timelineScroll = line.savedScroll
            keepSelectedEventInView()
            return []
        case .activate:
            overlay = nil
            switch line.kind {
            case .date:
                if !line.text.isEmpty { jump(toDate: line.text) }
            case .search:
                searchTerm = line.text
                guard !search.isEmpty, !line.inQuotes else { return [] }
                // The count can take a while on a large dataset: it is worked out off the input path.
                countGeneration += 1
                message = "counting matches…"
                return [.countMatches(CountRequest(generation: countGeneration, query: query, search: search))]
            }
            return []
        default:
            return []
        }
        overlay = .input(line)
        if line.kind == .search { searchIncrementally(line) }
        return []
    }

    /// As the user types, jump to the first match at or after where the search began.
    private mutating func searchIncrementally(_ line: InputLine) {
        searchTerm = line.text
        if line.inQuotes {
            if line.text.isEmpty || !findQuoteMatch(forward: true, from: line.savedQuoteIndex, skipCurrent: false, quiet: true) {
                selectedQuoteIndex = line.savedQuoteIndex
                quoteScroll = line.savedQuoteScroll
                clampScrolls()
                if !line.text.isEmpty { message = "no match" }
            }
            return
        }
        guard !line.text.isEmpty else {
            select(line.savedSelectedIndex)
            return
        }
        if !findMatch(forward: true, from: line.savedSelectedIndex, skipCurrent: false, quiet: true) {
            select(line.savedSelectedIndex)
            message = "no match"
        }
    }

    /// Moves to the next (or previous) matching event, wrapping around the ends: at most two
    /// lookups in the store's index, never a scan of the visible events here.
    @discardableResult
    mutating func findMatch(forward: Bool, from start: Int, skipCurrent: Bool, quiet: Bool = false) -> Bool {
        guard !search.isEmpty else {
            if !quiet { message = searchTerm.isEmpty ? "no search: press / to search" : "no match for \(Sanitizer.line(searchTerm))" }
            return false
        }
        let count = visibleEvents.count
        guard count > 0 else { return false }
        let origin = min(max(0, start), count - 1)
        let visibleEvents = self.visibleEvents, search = self.search
        let first = skipCurrent ? (forward ? origin + 1 : origin - 1) : origin
        var found = first >= 0 && first < count ? (attempt { try visibleEvents.match(search, from: first, forward: forward) } ?? nil) : nil
        var wrapped = false
        if found == nil {
            found = attempt { try visibleEvents.match(search, from: forward ? 0 : count - 1, forward: forward) } ?? nil
            wrapped = found != nil && found != origin
        }
        guard let index = found else {
            if !quiet { message = "no match for \(Sanitizer.line(searchTerm))" }
            return false
        }
        select(index)
        if !quiet && wrapped { message = forward ? "search wrapped to the top" : "search wrapped to the bottom" }
        return true
    }

    /// The next (or previous) quote in the quote pane that matches, wrapping around the ends: at
    /// most two lookups in the store's quote index.
    @discardableResult
    mutating func findQuoteMatch(forward: Bool, from start: Int, skipCurrent: Bool, quiet: Bool = false) -> Bool {
        guard !search.isEmpty else {
            if !quiet { message = searchTerm.isEmpty ? "no search: press / to search" : "no match for \(Sanitizer.line(searchTerm))" }
            return false
        }
        let quotes = self.quotes, search = self.search
        let count = quotes.count
        guard count > 0 else { return false }
        let origin = min(max(0, start), count - 1)
        let first = skipCurrent ? (forward ? origin + 1 : origin - 1) : origin
        var found = first >= 0 && first < count ? (attempt { try quotes.match(search, from: first, forward: forward) } ?? nil) : nil
        var wrapped = false
        if found == nil {
            found = attempt { try quotes.match(search, from: forward ? 0 : count - 1, forward: forward) } ?? nil
            wrapped = found != nil && found != origin
        }
        guard let index = found else {
            if !quiet { message = "no quote matches \(Sanitizer.line(searchTerm))" }
            return false
        }
        selectQuote(index)
        if !quiet && wrapped { message = forward ? "search wrapped to the first quote" : "search wrapped to the last quote" }
        return true
    }
}
