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
            var tallies: [TrendKey: TrendCell] = [:]
            for start in stride(from: 0, to: selection.count, by: 2000) {
                for event in try events(in: selection, at: start ..< min(start + 2000, selection.count)) {
                    let day = event.date.sortDay
                    guard day != Int.min && day != Int.max else { continue }
                    let month = MonthCount.month(ofDay: day)
                    if let lower = range.lower, month < lower { continue }
                    if let upper = range.upper, month > upper { continue }
                    let category = EventClassification.category(of: event.facts)
                    let measures = TrendMeasure.values(of: event.attributes)
                    let key = TrendKey(bucket: query.bucket.bucket(ofMonth: month), category: category)
                    tallies[key, default: TrendCell(bucket: key.bucket, category: category)].add(goldstein: measures.goldstein, tone: measures.tone)
                }
            }
            return TrendSeries(pair: pair, cells: TrendSeries.cells(tallies))
        }
        return Trend(query: query, series: series)
    }
}
