import DatasetFormats
import TimelineKit

extension MemoryEventStore {
    /// See `EventStore.trend`: by brute force, every selected event tallied one by one, so that the
    /// stores' rollups have something plain to be compared with.
    public func trend(_ query: TrendQuery) throws -> Trend {
        let range = query.monthRange
        let series = (query.pairs.isEmpty ? [nil] : query.pairs.map(Optional.some)).map { pair in
            var tally = TrendTally(range: range, bucket: query.bucket)
            for position in timeline.positions(matching: query.seriesFilter(pair)) {
                tally.add(timeline.dataset.events[Int(timeline.order[Int(position)])].facts)
            }
            return TrendSeries(pair: pair, cells: tally.cells)
        }
        return Trend(query: query, series: series)
    }
}
