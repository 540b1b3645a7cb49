// TEMPORARY: `PairSummary` has no public initialiser in TimelineKit, so a store outside the module
// cannot make one. Until the seam gains `public init(pair:displayOrder:eventCount:firstDate:lastDay:)`,
// a struct of the same stored properties in the same order is reinterpreted (same package, no library
// evolution, so the layout is the same). Remove this file when the seam has the initialiser.

private struct PairSummaryLayout {
    let pair: CountryPair
    let displayOrder: (Country, Country)
    let eventCount: Int
    let firstDate: EDTFDate
    let lastDay: Int
}

func makePairSummary(pair: CountryPair, displayOrder: (Country, Country), eventCount: Int, firstDate: EDTFDate, lastDay: Int) -> PairSummary {
    precondition(MemoryLayout<PairSummaryLayout>.size == MemoryLayout<PairSummary>.size)
    let layout = PairSummaryLayout(pair: pair, displayOrder: displayOrder, eventCount: eventCount, firstDate: firstDate, lastDay: lastDay)
    return unsafeBitCast(layout, to: PairSummary.self)
}
