// Issue 15's trend query on PostgreSQL.
import DatasetFormats
import TimelineKit

extension PostgresEventStore {
    /// Counted from each series' selection, page by page, exactly as the in-memory reference counts
    /// (`MemoryEventStore+Trend`): correct for every filter, but it reads every selected event.
    /// A rollup table (month × pair × category with the measures' sums, as the SQLite store's
    /// `pair_trend_months`) built at import would make the unfiltered and pair-only cases one
    /// GROUP BY; not done yet.
    public func trend(_ query: TrendQuery) throws -> Trend {
        let range = query.monthRange
        let series = try (query.pairs.isEmpty ? [nil] : query.pairs.map(Optional.some)).map { pair -> TrendSeries in
            let selection = try selection(query.seriesFilter(pair))
            var tally = TrendTally(range: range, bucket: query.bucket)
            for start in stride(from: 0, to: selection.count, by: 2000) {
                for event in try events(in: selection, at: start ..< min(start + 2000, selection.count)) { tally.add(event.facts) }
            }
            return TrendSeries(pair: pair, cells: tally.cells)
        }
        return Trend(query: query, series: series)
    }
}
