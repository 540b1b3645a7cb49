import TerminalText
import TimelineKit

/// The trend view (`t`): small multiples, one row per pair, bars per time bucket stacked by
/// category, on one time axis. Its numbers come from `EventStore.trend`, asked for when the filter,
/// the pairs or the bucket change (one grouped query) and read off the input path (`Effect.readTrend`):
/// the key that asks draws the axis and rows at once, the bars follow when the answer arrives. A frame
/// draws the columns on screen from `panels`.
public struct TrendViewState: Sendable {
    /// The rows: the pair filter's pairs, else the busiest pairs (of the country filter's country).
    public internal(set) var pairs: [CountryPair]
    /// Each row's label as the dataset writes the pair ("RUS–PAK").
    public internal(set) var labels: [String]
    /// Rows were named by the user (pair filter or picker), not taken as the busiest.
    var pairsChosen: Bool
    public internal(set) var bucket: TrendBucket
    /// `b` chose the bucket; until then it follows the width.
    var bucketChosen = false
    public internal(set) var measure: TrendMeasure = .count
    /// The selected row and bucket.
    public internal(set) var row = 0
    public internal(set) var cursor = 0
    /// The buckets the axis spans: the filter's dates, else the dataset's.
    public internal(set) var firstBucket = 0
    public internal(set) var lastBucket = 0
    /// Per row: bucket → its column (counts per category, measures).
    var panels: [[Int: TrendColumn]] = []
    /// The largest bucket total of all rows, so rows share one scale.
    var maxTotal = 1
    /// What `panels` was read for.
    var loaded: TrendQuery?
    /// The read asked for and not yet answered: `panels` is empty meanwhile.
    var pending: PendingTrend?
    /// The reason the last read failed, shown until the next one.
    var failure: String?
    /// The pending read found the server gone: it is asked again (`retryTrendRead`).
    var awaitsConnection = false

    /// The most rows the view reads when it picks the busiest pairs (more than fit at 160×50).
    static let busiestPairs = 16
}

/// A trend read in flight, and where the cursor goes when it arrives.
struct PendingTrend: Sendable, Equatable {
    var request: TrendRequest
    /// The month the cursor was on before the read (kept across a bucket change), or nil to open
    /// at the latest bucket with events.
    var cursorMonth: Int?
}

/// One bucket of one row: events per category (in `EventCategory.allCases` order) and the
/// measures' means where events have them.
struct TrendColumn: Sendable, Equatable {
    var counts = [Int](repeating: 0, count: EventCategory.allCases.count)
    var goldstein: Double?
    var tone: Double?
    var total: Int { counts.reduce(0, +) }

    init(cells: [TrendCell]) {
        var sum = TrendCell(bucket: 0, category: .other)
        for cell in cells {
            counts[cell.category.order] += cell.count
            sum.add(cell)
        }
        goldstein = sum.value(.goldstein)
        tone = sum.value(.tone)
    }

    func mean(_ measure: TrendMeasure) -> Double? {
        switch measure {
        case .count: return nil
        case .goldstein: return goldstein
        case .tone: return tone
        }
    }
}

extension AppState {
    /// `t`: the trend view of the current filter, or back to the timeline.
    mutating func toggleTrend() {
        if trend != nil { trend = nil; return }
        let store = self.store
        var pairs = query.pairs.sorted()
        // The header's labels of the pair filter, read when the filter was set.
        var labels = pairFilterLabels
        var chosen = true
        if pairs.isEmpty {
            chosen = false
            let country = query.country
            // The busiest pairs, read once as the view opens: a page of the pair picker's index.
            let summaries = attempt { try store.busiestPairs(involving: country, limit: TrendViewState.busiestPairs) } ?? []
            pairs = summaries.map(\.pair)
            labels = summaries.map(\.label)
        }
        guard !pairs.isEmpty else { message = "no pairs to show a trend of"; return }
        var view = TrendViewState(pairs: pairs, labels: labels, pairsChosen: chosen, bucket: .year)
        view.bucket = autoBucket(view)
        trend = view
        loadTrend(keepingCursor: false)
    }

    /// The buckets the axis spans at this bucket size.
    func trendSpan(_ bucket: TrendBucket) -> (first: Int, last: Int)? {
        let range = TrendQuery(filter: query).monthRange
        var lower = range.lower, upper = range.upper
        if lower == nil, let day = store.info.firstDay { lower = MonthCount.month(ofDay: day) }
        if upper == nil, let day = store.info.lastDay { upper = MonthCount.month(ofDay: day) }
        guard let lower, let upper, lower <= upper else { return nil }
        return (bucket.bucket(ofMonth: lower), bucket.bucket(ofMonth: upper))
    }

    /// The finest bucket whose span fits the plot's width, else years (the axis then scrolls).
    func autoBucket(_ view: TrendViewState) -> TrendBucket {
        let room = TrendLayout.plotWidth(width: width)
        for bucket in [TrendBucket.month, .quarter] {
            if let span = trendSpan(bucket), span.last - span.first + 1 <= room { return bucket }
        }
        return .year
    }

    /// Asks for the trend of the view's pairs, filter and bucket, unless that is what it holds or
    /// awaits. The axis, the rows and their labels are set now; the bars come with `receiveTrend`.
    mutating func loadTrend(keepingCursor: Bool) {
        guard var view = trend else { return }
        var filter = query
        filter.pairs = []
        let wanted = TrendQuery(filter: filter, pairs: view.pairs, bucket: view.bucket)
        guard view.loaded != wanted, view.pending?.request.query != wanted else { return }
        let shown = view.loaded ?? view.pending?.request.query
        let cursorMonth = keepingCursor ? shown.map { $0.bucket.firstMonth(ofBucket: view.cursor) } : nil
        if view.labels.count != view.pairs.count {
            // Rows come with their labels; should they not, a lookup per pair shown (a screenful
            // at most), never a read of every pair.
            view.labels = view.pairs.map { pair in pairLabel(pair) }
        }
        let span = trendSpan(view.bucket) ?? (0, 0)
        view.firstBucket = span.first
        view.lastBucket = span.last
        view.cursor = min(max(cursorMonth.map(view.bucket.bucket(ofMonth:)) ?? span.last, span.first), span.last)
        view.row = min(view.row, max(0, view.pairs.count - 1))
        view.panels = []
        view.maxTotal = 1
        view.loaded = nil
        view.failure = nil
        trendGeneration += 1
        let request = TrendRequest(generation: trendGeneration, query: wanted)
        view.pending = PendingTrend(request: request, cursorMonth: cursorMonth)
        trend = view
        queuedEffects.append(.readTrend(request))
    }

    /// The answer to `loadTrend`'s request: the bars, and the cursor on the latest bucket with
    /// events when the view has just opened. An answer to an older request is dropped.
    mutating func receiveTrend(generation: Int, answer: TrendAnswer) {
        guard var view = trend, let pending = view.pending, pending.request.generation == generation else { return }
        if case .connectionLost = answer {
            // The rows and "reading…" stay; the same question is asked again once the server is back.
            view.awaitsConnection = true
            trend = view
            message = Self.connectionLostMessage
            return
        }
        view.pending = nil
        switch answer {
        case .connectionLost:
            break
        case .failed(let reason):
            view.failure = Sanitizer.line(reason)
            message = "could not read the trend: \(view.failure ?? "")"
        case .read(let answer):
            view.panels = answer.series.map { series in
                Dictionary(grouping: series.cells, by: \.bucket).mapValues(TrendColumn.init(cells:))
            }
            view.maxTotal = max(1, view.panels.flatMap { $0.values.map(\.total) }.max() ?? 1)
            if pending.cursorMonth == nil, let latest = view.panels.flatMap(\.keys).max() {
                // The latest bucket with events, so the view opens on something.
                view.cursor = min(max(latest, view.firstBucket), view.lastBucket)
            }
            view.loaded = pending.request.query
        }
        trend = view
    }

    /// Whether the trend's read waits for the store's server (`retryTrendRead`).
    public var trendAwaitsConnection: Bool { trend?.awaitsConnection == true && trend?.pending != nil }

    /// Asks the read that found the server gone again (the loop calls it every second or so while
    /// `trendAwaitsConnection`); its answer fills the bars as any other.
    public mutating func retryTrendRead() -> [Effect] {
        guard trendAwaitsConnection, let request = trend?.pending?.request else { return [] }
        trend?.awaitsConnection = false
        return [.readTrend(request)]
    }

    mutating func updateTrend(_ action: Action) -> [Effect] {
        guard var view = trend else { return [] }
        switch action {
        case .previousBucket: view.cursor = max(view.firstBucket, view.cursor - 1)
        case .nextBucket: view.cursor = min(view.lastBucket, view.cursor + 1)
        case .first: view.cursor = view.firstBucket
        case .last: view.cursor = view.lastBucket
        case .pageUp: view.cursor = max(view.firstBucket, view.cursor - TrendLayout.plotWidth(width: width) / 2)
        case .pageDown: view.cursor = min(view.lastBucket, view.cursor + TrendLayout.plotWidth(width: width) / 2)
        case .moveDown: view.row = min(view.pairs.count - 1, view.row + 1)
        case .moveUp: view.row = max(0, view.row - 1)
        case .cycleBucket:
            let all = TrendBucket.allCases
            view.bucket = all[(all.firstIndex(of: view.bucket)! + 1) % all.count]
            view.bucketChosen = true
            trend = view
            loadTrend(keepingCursor: true)
            return []
        case .cycleMeasure:
            let all = TrendMeasure.allCases
            view.measure = all[(all.firstIndex(of: view.measure)! + 1) % all.count]
        case .removeTrendPair:
            guard view.pairs.count > 1 else { message = "the trend needs a pair; t returns to the timeline"; return [] }
            view.pairs.remove(at: view.row)
            view.labels.remove(at: view.row)
            view.pairsChosen = true
            trend = view
            loadTrend(keepingCursor: true)
            return []
        case .activate:
            return openTimeline(at: view)
        case .openPairPicker: openPicker(.pair)
        case .toggleTrend, .back: trend = nil; return []
        case .toggleHelp: overlay = .help(scroll: 0)
        case .quit: return [.quit]
        default: break
        }
        trend = view
        return []
    }

    /// Enter: the timeline filtered to the row's pair, at the first event of the bucket (or after it).
    private mutating func openTimeline(at view: TrendViewState) -> [Effect] {
        guard view.pairs.indices.contains(view.row) else { return [] }
        let pair = view.pairs[view.row]
        let day = MonthCount.firstDay(ofMonth: view.bucket.firstMonth(ofBucket: view.cursor))
        trend = nil
        focus = .timeline
        zoomed = false
        setFilter(pairs: [pair], country: query.country)
        let visibleEvents = self.visibleEvents
        if let index = attempt({ try visibleEvents.index(onOrAfterDay: day) }) ?? nil {
            select(index)
        } else {
            message = "no \(view.labels[view.row]) event from \(view.bucket.label(view.cursor)) on"
            select(visibleEvents.count - 1)
        }
        return []
    }

    /// The pair picker's Enter in the trend view: adds the pair as a row, or removes it if it is one.
    mutating func toggleTrendPair(_ pair: CountryPair?) {
        guard var view = trend else { return }
        guard let pair else {
            // "All pairs": back to the busiest.
            trend = nil
            let saved = query
            query.pairs = []
            toggleTrend()
            query = saved
            return
        }
        if let index = view.pairs.firstIndex(of: pair) {
            guard view.pairs.count > 1 else { message = "the trend needs a pair"; return }
            view.pairs.remove(at: index)
            view.labels.remove(at: index)
            message = "removed a pair from the trend"
        } else {
            view.pairs.append(pair)
            view.labels.append(pairLabel(pair))
            view.row = view.pairs.count - 1
        }
        view.pairsChosen = true
        trend = view
        loadTrend(keepingCursor: true)
    }


    /// A resize may change which bucket fits (unless `b` chose one).
    mutating func resizeTrend() {
        guard var view = trend, !view.bucketChosen else { return }
        let bucket = autoBucket(view)
        guard bucket != view.bucket else { return }
        view.bucket = bucket
        trend = view
        loadTrend(keepingCursor: true)
    }
}
