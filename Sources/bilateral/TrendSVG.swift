import Foundation
import TimelineKit

/// A trend as an SVG 1.1 chart to publish: a title, a legend, one panel per series (small multiples
/// on one time axis and one count scale, so panels compare), bars per bucket stacked by category,
/// the mean of a measure as marks on a right-hand axis, and the dataset's title and a sources line.
/// No script, no external reference (fonts are the generic `sans-serif`); every text XML-escaped.
///
/// Colours: the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), chosen to stay
/// apart for the common colour-vision deficiencies; cooperation in blues (light for verbal, dark for
/// material), conflict in orange and vermillion (likewise), so light/dark also reads in grey print.
/// Hand-written: no SVG library is on the machine's package mirror, and the format needs little.
struct TrendSVG {
    let trend: Trend
    let labels: TrendLabels
    let measure: TrendMeasure
    let title: String
    let eventCount: Int

    static func colour(_ category: EventCategory) -> String {
        switch category {
        case .verbalCooperation: return "#56B4E9"   // Okabe–Ito sky blue
        case .materialCooperation: return "#0072B2" // blue
        case .verbalConflict: return "#E69F00"      // orange
        case .materialConflict: return "#D55E00"    // vermillion
        case .other: return "#999999"               // grey (not a category of its own)
        }
    }

    private let width = 960.0, left = 64.0, right = 64.0, panelHeight = 140.0, panelGap = 58.0, top = 112.0

    func document() -> String {
        let series = trend.series
        let bucketSize = trend.query.bucket
        let range = trend.query.monthRange
        let cellBuckets = series.flatMap { $0.cells.map(\.bucket) }
        let first = range.lower.map(bucketSize.bucket(ofMonth:)) ?? cellBuckets.min() ?? 0
        let last = max(first, range.upper.map(bucketSize.bucket(ofMonth:)) ?? cellBuckets.max() ?? first)
        let bucketCount = last - first + 1
        let plotWidth = width - left - right
        let totals = series.map(\.bucketTotals)
        let maxCount = max(1, totals.flatMap { $0.map(\.count) }.max() ?? 1)
        let scale = Self.niceScale(maxCount)
        let measureValues = totals.flatMap { $0.compactMap { $0.value(measure) } }
        let measureLimit: Double = measure == .goldstein ? 10 : Self.niceLimit(measureValues.map(abs).max() ?? 1)
        let height = top + Double(max(series.count, 1)) * (panelHeight + panelGap) + 40
        let shown = series.reduce(0) { $0 + $1.cells.reduce(0) { $0 + $1.count } }

        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="sans-serif">

            """
        let heading = "Events per \(bucketSize.rawValue) by kind of act: " + labels.shown.joined(separator: ", ")
        svg += "<title>\(Self.escaped(heading))</title>\n"
        svg += "<desc>\(Self.escaped("Stacked bars of events per \(bucketSize.rawValue) and CAMEO quad class, one panel per series, from \(title)."))</desc>\n"
        svg += "<rect x=\"0\" y=\"0\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"#FFFFFF\"/>\n"
        svg += text(left, 30, heading, size: 18, weight: "bold")
        var subtitle = "\(title) · bars: events per \(bucketSize.rawValue), stacked by CAMEO quad class"
        if measure != .count { subtitle += " · dots: mean \(measureName) (right axis)" }
        svg += text(left, 52, subtitle, size: 12, fill: "#333333")

        // The legend, in stacking order.
        var x = left
        for category in EventCategory.allCases {
            svg += "<rect x=\"\(f(x))\" y=\"66\" width=\"14\" height=\"14\" fill=\"\(Self.colour(category))\"/>\n"
            svg += text(x + 19, 78, category.name, size: 12)
            x += 19 + Double(category.name.count) * 6.6 + 18
        }
        if measure != .count {
            svg += "<circle cx=\"\(f(x + 7))\" cy=\"73\" r=\"4\" fill=\"#000000\"/>\n"
            svg += text(x + 16, 78, "mean \(measureName)", size: 12)
        }

        let barStep = plotWidth / Double(bucketCount)
        let barWidth = max(0.6, barStep * (bucketCount > 60 ? 0.9 : 0.75))
        let yearStep = Self.labelStep(years: Double(bucketCount * bucketSize.months) / 12, room: plotWidth / 44)
        for (index, one) in series.enumerated() {
            let panelTop = top + Double(index) * (panelHeight + panelGap)
            let base = panelTop + panelHeight
            svg += "<g class=\"panel\" id=\"panel-\(index + 1)\">\n"
            svg += text(left, panelTop - 10, labels.shown[index] + (labels.names[index].isEmpty ? "" : "  " + labels.names[index]),
                        size: 14, weight: "bold")
            svg += "<rect x=\"\(f(left))\" y=\"\(f(panelTop))\" width=\"\(f(plotWidth))\" height=\"\(f(panelHeight))\" fill=\"none\" stroke=\"#BBBBBB\" stroke-width=\"1\"/>\n"
            // Count axis: gridlines at nice steps.
            var tick = 0
            while tick <= scale.max {
                let y = base - Double(tick) / Double(scale.max) * panelHeight
                if tick > 0 { svg += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y))\" stroke=\"#E5E5E5\" stroke-width=\"1\"/>\n" }
                svg += text(left - 6, y + 4, String(tick), size: 11, anchor: "end", fill: "#333333")
                tick += scale.step
            }
            svg += text(14, panelTop + panelHeight / 2, "events", size: 11, anchor: "middle", fill: "#333333",
                        transform: "rotate(-90 14 \(f(panelTop + panelHeight / 2)))")
            // Bars.
            // Cells come by bucket, then category: each stacks on the ones before it in its bucket.
            var below = 0, stackBucket = Int.min
            for cell in one.cells {
                if cell.bucket != stackBucket { stackBucket = cell.bucket; below = 0 }
                defer { below += cell.count }
                let x = left + Double(cell.bucket - first) * barStep + (barStep - barWidth) / 2
                let y0 = base - Double(below) / Double(scale.max) * panelHeight
                let h = Double(cell.count) / Double(scale.max) * panelHeight
                let tip = "\(labels.shown[index]) \(bucketSize.label(cell.bucket)): \(cell.count) \(cell.category.name)"
                svg += "<rect x=\"\(f(x))\" y=\"\(f(y0 - h))\" width=\"\(f(barWidth))\" height=\"\(f(h))\" fill=\"\(Self.colour(cell.category))\"><title>\(Self.escaped(tip))</title></rect>\n"
            }
            // The measure's mean per bucket, on its own axis at the right.
            if measure != .count {
                let mid = panelTop + panelHeight / 2
                svg += "<line x1=\"\(f(left))\" y1=\"\(f(mid))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(mid))\" stroke=\"#777777\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>\n"
                for (value, y) in [(measureLimit, panelTop + 4), (0, mid + 4), (-measureLimit, base)] {
                    svg += text(left + plotWidth + 6, y, f(value), size: 11, fill: "#333333")
                }
                for total in totals[index] {
                    guard let value = total.value(measure) else { continue }
                    let cx = left + (Double(total.bucket - first) + 0.5) * barStep
                    let cy = mid - value / measureLimit * panelHeight / 2
                    let tip = "\(labels.shown[index]) \(bucketSize.label(total.bucket)): mean \(measureName) \(String(format: "%.2f", value))"
                    svg += "<circle cx=\"\(f(cx))\" cy=\"\(f(cy))\" r=\"3\" fill=\"#000000\"><title>\(Self.escaped(tip))</title></circle>\n"
                }
            }
            // The shared time axis, labelled under every panel.
            for bucket in first...last {
                let month = bucketSize.firstMonth(ofBucket: bucket)
                guard month % 12 == 0 || bucketSize == .year else { continue }
                let year = bucketSize == .year ? bucket : month / 12
                guard year % yearStep == 0 else { continue }
                // A year bar's label under its middle; finer buckets' at the year's first.
                let x = left + (Double(bucket - first) + (bucketSize == .year ? 0.5 : 0)) * barStep
                svg += "<line x1=\"\(f(x))\" y1=\"\(f(base))\" x2=\"\(f(x))\" y2=\"\(f(base + 4))\" stroke=\"#333333\" stroke-width=\"1\"/>\n"
                svg += text(x, base + 17, String(year), size: 11, anchor: "middle", fill: "#333333")
            }
            svg += "</g>\n"
        }
        let axisY = top + Double(max(series.count, 1)) * (panelHeight + panelGap) - panelGap + 36
        svg += text(left + plotWidth / 2, axisY, "Year (bars per \(bucketSize.rawValue); an event counts in the month it began)",
                    size: 12, anchor: "middle", fill: "#333333")
        svg += text(left, axisY + 24, "Source: \(title) (\(shown) of its \(eventCount) events shown).", size: 11, fill: "#333333")
        svg += text(left, axisY + 40, "Category: the CAMEO quad class of each event's code, else of its kind. Colours: Okabe–Ito (colour-blind safe). Made with bilateral trend.",
                    size: 11, fill: "#333333")
        svg += "</svg>\n"
        return svg
    }

    private var measureName: String { measure == .goldstein ? "Goldstein scale" : "tone" }

    private func text(_ x: Double, _ y: Double, _ content: String, size: Int, weight: String? = nil, anchor: String? = nil,
                      fill: String = "#000000", transform: String? = nil) -> String {
        var attributes = "x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(size)\" fill=\"\(fill)\""
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if let anchor { attributes += " text-anchor=\"\(anchor)\"" }
        if let transform { attributes += " transform=\"\(transform)\"" }
        return "<text \(attributes)>\(Self.escaped(content))</text>\n"
    }

    private func f(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }

    /// Text for XML 1.0 character data and attributes: markup characters as entities, and the
    /// characters XML 1.0 forbids even as references (C0 controls but tab, LF and CR; U+FFFE/FFFF)
    /// as U+FFFD, so no dataset text can break the document.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF || (0x7F...0x9F).contains(scalar.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A count axis's top and step: 1, 2 or 5 × a power of ten, four or five steps.
    static func niceScale(_ maximum: Int) -> (max: Int, step: Int) {
        var step = 1
        while (maximum + step - 1) / step > 5 {
            let digits = String(step)
            step = digits.first == "1" ? step * 2 : digits.first == "2" ? step / 2 * 5 : step * 2
        }
        return ((maximum + step - 1) / step * step, step)
    }

    static func niceLimit(_ value: Double) -> Double {
        for limit in [1.0, 2, 5, 10, 20, 50, 100] where value <= limit { return limit }
        return (value / 100).rounded(.up) * 100
    }

    /// Label every 1, 2, 5, 10... years, so that no more than `room` labels fit.
    static func labelStep(years: Double, room: Double) -> Int {
        for step in [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000] where years / Double(step) <= max(room, 1) { return step }
        return Int((years / max(room, 1)).rounded(.up))
    }
}
