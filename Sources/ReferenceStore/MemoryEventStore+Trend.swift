import DatasetFormats
import TimelineKit

extension MemoryEventStore {
    /// See `EventStore.trend`: by brute force, every selected event tallied one by one, so that the
    /// stores' rollups have something plain to be compared with.
    public func trend(_ query: TrendQuery) throws -> Trend {
        let range = query.monthRange
        let series = (query.pairs.isEmpty ? [nil] : query.pairs.map(Optional.some)).map { pair in
            var tallies: [TrendKey: TrendCell] = [:]
            for position in timeline.positions(matching: query.seriesFilter(pair)) {
                let event = timeline.dataset.events[Int(timeline.order[Int(position)])]
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
            return TrendSeries(pair: pair, cells: TrendSeries.cells(tallies))
        }
        return Trend(query: query, series: series)
    }
}
