import TimelineKit

/// Where the trend view draws, for a screen size and the view's state: the read-out line, the
/// panels (one a row, as many as fit), the shared time axis and the legend; the buckets on screen
/// (a page of them around the cursor when they do not all fit) and each one's columns. Computed
/// from the view's state alone, so the view and the keys agree, at the cost of the screen's
/// size, not the data's.
struct TrendLayout {
    static let gutter = 6
    static let minimumPanelHeight = 4

    static func plotWidth(width: Int) -> Int { max(1, width - gutter - 1) }

    let body: Rect
    let readout: Rect
    let axis: Rect
    let legend: Rect
    /// The rows on screen (indices into the view's pairs) and each one's rectangle.
    let rows: [(row: Int, rect: Rect)]
    let plotX: Int
    let plotWidth: Int
    let columnWidth: Int
    /// The first bucket on screen and how many fit.
    let startBucket: Int
    let visibleBuckets: Int

    init(width: Int, height: Int, view: TrendViewState) {
        body = Rect(x: 0, y: 1, width: width, height: max(0, height - 2))
        readout = Rect(x: 0, y: body.y, width: width, height: 1)
        legend = Rect(x: 0, y: body.maxY - 1, width: width, height: 1)
        axis = Rect(x: 0, y: body.maxY - 2, width: width, height: 1)
        let panelTop = body.y + 1
        let available = max(0, axis.y - panelTop)
        let fit = max(1, min(view.pairs.count, available / Self.minimumPanelHeight))
        let panelHeight = max(2, min(12, available / fit))
        let firstRow = min(max(0, view.pairs.count - fit), view.row / fit * fit)
        rows = (0..<fit).compactMap { offset in
            let row = firstRow + offset
            guard row < view.pairs.count else { return nil }
            return (row, Rect(x: 0, y: panelTop + offset * panelHeight, width: width, height: panelHeight))
        }
        plotX = Self.gutter
        plotWidth = Self.plotWidth(width: width)
        let bucketCount = max(1, view.lastBucket - view.firstBucket + 1)
        // Whole columns a bucket, rounded: at 160 columns 78 years get two each and scroll a little rather than fill half the width.
        columnWidth = max(1, min(4, Int((Double(plotWidth) / Double(bucketCount)).rounded())))
        visibleBuckets = max(1, min(bucketCount, plotWidth / columnWidth))
        let page = (view.cursor - view.firstBucket) / visibleBuckets
        startBucket = max(view.firstBucket, min(view.firstBucket + page * visibleBuckets, view.lastBucket - visibleBuckets + 1))
    }

    /// The screen column where a bucket's bar starts; nil when it is off screen.
    func x(ofBucket bucket: Int) -> Int? {
        let offset = bucket - startBucket
        guard offset >= 0, offset < visibleBuckets else { return nil }
        return plotX + offset * columnWidth
    }
}
