import TimelineKit

extension Timeline {
    /// The chronological positions of the events that match, ascending. The pair and
    /// country indexes narrow the candidates first; the other tests scan only those.
    public func positions(matching query: TimelineQuery) -> [Int32] {
        positions(matching: query, checkpoint: {})
    }

    /// `checkpoint` is called now and then while it scans, and may throw to stop it.
    public func positions(matching query: TimelineQuery, checkpoint: () throws -> Void) rethrows -> [Int32] {
        var candidates: [Int32]?
        if !query.pairs.isEmpty {
            var union = Set<Int32>()
            for pair in query.pairs { union.formUnion(positionsByPair[pair] ?? []) }
            candidates = union.sorted()
        }
        if let country = query.country {
            let inCountry = positionsByCountry[country] ?? []
            if let current = candidates {
                let allowed = Set(inCountry)
                candidates = current.filter(allowed.contains)
            } else {
                candidates = inCountry
            }
        }
        let lower = query.from?.earliestDay ?? query.from?.filterRange.lowerBound
        let upper = query.to?.latestDay ?? query.to?.filterRange.upperBound
        let search = SearchText(query.text)
        let needsScan = lower != nil || upper != nil || query.kind != nil || !search.isEmpty
        if !needsScan { return candidates ?? (0..<Int32(order.count)).map { $0 } }

        let events = dataset.events
        var scanned = 0
        func matches(_ position: Int32) throws -> Bool {
            scanned += 1
            if scanned & 4095 == 0 { try checkpoint() }
            let eventIndex = Int(order[Int(position)])
            let event = events[eventIndex]
            // An unknown date cannot be said to fall in any period.
            if (lower != nil || upper != nil) && event.date.isUnknown { return false }
            let range = event.date.filterRange
            if let lower, range.upperBound < lower { return false }
            if let upper, range.lowerBound > upper { return false }
            if let kind = query.kind, event.kind != kind { return false }
            return search.isEmpty || searchIndex.eventMatches(eventIndex, search: search)
        }
        if let candidates { return try candidates.filter(matches) }
        return try (0..<Int32(order.count)).filter(matches)
    }
}

extension Timeline {
    /// Whether an event matches a search (an empty search matches nothing).
    public func event(_ eventIndex: Int, matches search: SearchText) -> Bool {
        !search.isEmpty && searchIndex.eventMatches(eventIndex, search: search)
    }
}
