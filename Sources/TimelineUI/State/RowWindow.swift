import TimelineKit

/// A page of consecutive rows of `visibleEvents`.
public struct RowWindow: Sendable {
    public var start = 0
    public var rows: [EventRow] = []
    /// Indices (into `visibleEvents`) of the rows that match the search.
    public var matches: Set<Int> = []

    func covers(_ range: Range<Int>) -> Bool {
        range.lowerBound >= start && range.upperBound <= start + rows.count
    }

    public func row(_ index: Int) -> EventRow? {
        let offset = index - start
        return rows.indices.contains(offset) ? rows[offset] : nil
    }
}
