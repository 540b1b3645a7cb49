extension AppState {
    mutating func beginInput(_ kind: InputLine.Kind) {
        overlay = .input(InputLine(kind: kind, savedSelection: selection, savedScroll: timelineScroll, savedSearch: searchTerm))
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
            select(line.savedSelection)
            timelineScroll = line.savedScroll
            keepSelectionInView()
            return []
        case .activate:
            overlay = nil
            switch line.kind {
            case .date:
                if !line.text.isEmpty { jump(toDate: line.text) }
            case .search:
                searchTerm = line.text
                guard !line.text.isEmpty else { return [] }
                let count = matchCount
                message = count == 0 ? "no match for \(Sanitizer.line(line.text))" : "\(count) matching events · n next, N previous"
            }
            return []
        case .quit, .interrupt:
            return [.quit]
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
        guard !line.text.isEmpty else {
            select(line.savedSelection)
            return
        }
        if !findMatch(forward: true, from: line.savedSelection, skipCurrent: false, quiet: true) {
            select(line.savedSelection)
            message = "no match"
        }
    }

    /// Whether a visible event matches the search term.
    func eventMatchesSearch(visibleIndex: Int) -> Bool {
        searchMatcher.matches(eventIndex: Int(timeline.order[Int(visible[visibleIndex])]))
    }

    var matchCount: Int {
        guard !searchTerm.isEmpty else { return 0 }
        return visible.indices.reduce(0) { $0 + (eventMatchesSearch(visibleIndex: $1) ? 1 : 0) }
    }

    /// Moves to the next (or previous) matching event, wrapping around the ends.
    @discardableResult
    mutating func findMatch(forward: Bool, from start: Int, skipCurrent: Bool, quiet: Bool = false) -> Bool {
        guard !searchTerm.isEmpty else {
            if !quiet { message = "no search: press / to search" }
            return false
        }
        let count = visible.count
        guard count > 0 else { return false }
        let origin = min(max(0, start), count - 1)
        for offset in skipCurrent ? Array(1...count) : Array(0..<count) {
            let index = forward ? (origin + offset) % count : ((origin - offset) % count + count) % count
            if eventMatchesSearch(visibleIndex: index) {
                select(index)
                if !quiet && (forward ? index < origin : index > origin) {
                    message = forward ? "search wrapped to the top" : "search wrapped to the bottom"
                }
                return true
            }
        }
        if !quiet { message = "no match for \(Sanitizer.line(searchTerm))" }
        return false
    }
}
