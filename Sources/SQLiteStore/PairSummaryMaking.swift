// The seam's public initialiser, under the name the store already calls.
func makePairSummary(pair: CountryPair, displayOrder: (Country, Country), eventCount: Int, firstDate: EDTFDate, lastDay: Int) -> PairSummary {
    PairSummary(pair: pair, displayOrder: displayOrder, eventCount: eventCount, firstDate: firstDate, lastDay: lastDay)
}
