import TerminalText
import TimelineKit

/// The trend view: a read-out of the cursor's bucket, one panel per pair with bars stacked by
/// category (colours, or glyphs without colour), the mean of a measure as marks, the shared time
/// axis and the legend. Draws only the buckets on screen, from the columns the state holds.
enum TrendView {
    static func glyph(_ category: EventCategory, options: DisplayOptions) -> Character {
        if options.ascii {
            switch category {
            case .verbalCooperation: return "+"
            case .materialCooperation: return "#"
            case .verbalConflict: return "~"
            case .materialConflict: return "X"
            case .other: return "."
            }
        }
        guard !options.color else { return "█" }
        switch category {
        case .verbalCooperation: return "░"
        case .materialCooperation: return "▓"
        case .verbalConflict: return "╳"
        case .materialConflict: return "█"
        case .other: return "·"
        }
    }

    static func style(_ category: EventCategory) -> Style {
        switch category {
        case .verbalCooperation: return Style(.verbalCooperation)
        case .materialCooperation: return Style(.materialCooperation)
        case .verbalConflict: return Style(.verbalConflict)
        case .materialConflict: return Style(.materialConflict, bold: true)
        case .other: return Style(.otherCategory)
        }
    }

    static func draw(_ state: AppState, _ view: TrendViewState, into grid: inout Grid) {
        let layout = TrendLayout(width: state.width, height: state.height, view: view)
        grid.fill(layout.body)
        drawReadout(state, view, layout, into: &grid)
        for (row, rect) in layout.rows { drawPanel(state, view, layout, row: row, rect: rect, into: &grid) }
        drawAxis(state, view, layout, into: &grid)
        drawLegend(state, view, layout, into: &grid)
    }

    private static func drawReadout(_ state: AppState, _ view: TrendViewState, _ layout: TrendLayout, into grid: inout Grid) {
        guard view.pairs.indices.contains(view.row) else { return }
        let options = state.options
        let column = view.panels.indices.contains(view.row) ? view.panels[view.row][view.cursor] : nil
        var text = " \(view.labels[view.row]) · \(view.bucket.label(view.cursor)): "
        if view.pending != nil {
            text += options.ascii ? "reading..." : "reading…"
        } else if let failure = view.failure {
            text += "could not read: " + failure
        } else if let column, column.total > 0 {
            text += "\(column.total) \(column.total == 1 ? "event" : "events") — "
            text += EventCategory.allCases.enumerated().compactMap { index, category in
                column.counts[index] > 0 ? "\(column.counts[index]) \(category.name)" : nil
            }.joined(separator: ", ")
            for measure in [TrendMeasure.goldstein, .tone] {
                if let mean = column.mean(measure) { text += " · mean \(measure == .goldstein ? "Goldstein" : "tone") \(format(mean))" }
            }
        } else {
            text += "no events"
        }
        grid.put(DisplayWidth.truncate(text, to: layout.readout.width), x: 0, y: layout.readout.y, style: .label)
    }

    private static func drawPanel(_ state: AppState, _ view: TrendViewState, _ layout: TrendLayout, row: Int, rect: Rect, into grid: inout Grid) {
        let selected = row == view.row
        let options = state.options
        let marker = selected ? (options.ascii ? ">" : "▶") : " "
        grid.put(DisplayWidth.truncate(marker + view.labels[row], to: rect.width), x: 0, y: rect.y,
                 style: selected ? Style(.accent, bold: true, reverse: true) : .title)
        let barTop = rect.y + 1, barHeight = rect.height - 1
        guard barHeight >= 1 else { return }
        let base = options.ascii ? "-" : "─"
        grid.put(String(repeating: base, count: layout.visibleBuckets * layout.columnWidth), x: layout.plotX, y: barTop + barHeight - 1, style: .muted)
        let axisLine: Character = options.ascii ? "|" : "│"
        for y in barTop..<(barTop + barHeight) { grid[layout.plotX - 1, y] = Cell(axisLine, style: .muted) }
        let scaleText = String(view.maxTotal)
        grid.put(scaleText, x: max(0, layout.plotX - 1 - scaleText.count), y: barTop, style: .muted)
        guard view.panels.indices.contains(row) else { return }
        let panel = view.panels[row]
        let barWidth = layout.columnWidth > 2 ? layout.columnWidth - 1 : layout.columnWidth
        for offset in 0..<layout.visibleBuckets {
            let bucket = layout.startBucket + offset
            guard let x = layout.x(ofBucket: bucket) else { continue }
            let isCursor = bucket == view.cursor
            if let column = panel[bucket], column.total > 0 {
                // Rows from the bottom: the total's height (at least one row), split by category in order.
                let height = max(1, Int((Double(column.total) / Double(view.maxTotal) * Double(barHeight)).rounded(.up)))
                var cumulative = 0
                var filled = 0
                for (index, category) in EventCategory.allCases.enumerated() where column.counts[index] > 0 {
                    cumulative += column.counts[index]
                    let top = max(filled + 1, Int((Double(cumulative) / Double(column.total) * Double(height)).rounded()))
                    let glyph = String(repeating: String(glyph(category, options: options)), count: barWidth)
                    while filled < min(top, height) {
                        var style = Self.style(category)
                        if isCursor && selected { style.reverse = true }
                        grid.put(glyph, x: x, y: barTop + barHeight - 1 - filled, style: style)
                        filled += 1
                    }
                }
                if view.measure != .count, let mean = column.mean(view.measure), barHeight >= 2 {
                    let limit = view.measure == .goldstein ? 10.0 : max(1, abs(mean))
                    let fraction = (min(max(mean, -limit), limit) + limit) / (2 * limit)
                    let y = barTop + barHeight - 1 - Int((fraction * Double(barHeight - 1)).rounded())
                    // Above the bar, a dot; on it, the bar stays and its cells there are underlined, so the
                    // counts still read.
                    if y < barTop + barHeight - height {
                        grid.put(options.ascii ? "o" : "●", x: x, y: y, style: Style(.accent, bold: true))
                    } else {
                        grid.restyle(Rect(x: x, y: y, width: barWidth, height: 1)) { $0.underline = true }
                    }
                }
            } else if isCursor && selected {
                grid.put(String(repeating: " ", count: barWidth), x: x, y: barTop + barHeight - 1, style: Style(.accent, reverse: true))
            }
        }
    }

    private static func drawAxis(_ state: AppState, _ view: TrendViewState, _ layout: TrendLayout, into grid: inout Grid) {
        // Year labels where a year starts, skipped where they would collide.
        var nextFree = layout.plotX
        for offset in 0..<layout.visibleBuckets {
            let bucket = layout.startBucket + offset
            let month = view.bucket.firstMonth(ofBucket: bucket)
            guard month % 12 == 0 || view.bucket == .year, let x = layout.x(ofBucket: bucket) else { continue }
            let year = TrendBucket.year.label(TrendBucket.year.bucket(ofMonth: month))
            let label = (state.options.ascii ? "|" : "│") + year
            if x >= nextFree, x + label.count <= layout.axis.maxX {
                grid.put(label, x: x, y: layout.axis.y, style: .muted)
                nextFree = x + label.count + 1
            }
        }
        if let x = layout.x(ofBucket: view.cursor) {
            grid.put(state.options.ascii ? "^" : "▲", x: x, y: layout.axis.y, style: Style(.accent, bold: true, reverse: true))
        }
    }

    private static func drawLegend(_ state: AppState, _ view: TrendViewState, _ layout: TrendLayout, into grid: inout Grid) {
        var x = 1
        // Short names below 100 columns, so all five fit at 80.
        let short = layout.legend.width < 100
        for category in EventCategory.allCases {
            let text = " " + (short ? shortName(category) : category.name) + "  "
            guard x + 1 + text.count <= layout.legend.maxX else { break }
            x = grid.put(String(glyph(category, options: state.options)), x: x, y: layout.legend.y, style: style(category))
            x = grid.put(text, x: x, y: layout.legend.y, style: .muted)
        }
        var info = "by \(view.bucket.rawValue)"
        if view.measure != .count { info += " · \(state.options.ascii ? "o" : "●") mean \(view.measure == .goldstein ? "Goldstein" : "tone")" }
        let infoX = layout.legend.maxX - info.count - 1
        if infoX > x { grid.put(info, x: infoX, y: layout.legend.y, style: .muted) }
    }

    static func shortName(_ category: EventCategory) -> String {
        switch category {
        case .verbalCooperation: return "verb. coop"
        case .materialCooperation: return "mat. coop"
        case .verbalConflict: return "verb. conflict"
        case .materialConflict: return "mat. conflict"
        case .other: return "other"
        }
    }

    private static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
