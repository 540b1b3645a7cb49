import TerminalText
import TimelineKit

/// The time ruler: density marks where the visible events fall, the selected event's place, and
/// the years beneath.
enum RulerView {
    static func draw(_ state: AppState, into grid: inout Grid, rect: Rect) {
        guard rect.height >= 2, rect.width >= 10 else { return }
        // The span of the whole dataset, so filtering does not rescale the ruler.
        guard let scale = RulerScale(info: state.store.info, width: rect.width - 2) else { return }
        let (startYear, endYear, spanStart, spanEnd, width) = (scale.startYear, scale.endYear, scale.spanStart, scale.spanEnd, scale.width)
        func column(ofDay day: Int) -> Int { scale.column(ofDay: day) }
        // Counts per column, read once per filter and width: a frame costs the columns, not the months.
        let counts = state.rulerCounts.count == width ? state.rulerCounts : [Int](repeating: 0, count: width)
        let levels: [Character] = state.options.ascii ? [".", ":", "|", "#"] : ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let most = max(1, counts.max() ?? 1)
        let baseline: Character = state.options.ascii ? "-" : "·"
        let markY = rect.y, labelY = rect.y + 1
        grid.put(String(repeating: String(baseline), count: width), x: rect.x + 1, y: markY, style: .muted)
        for (index, count) in counts.enumerated() where count > 0 {
            let level = min(levels.count - 1, (count * levels.count - 1) / most)
            grid.put(String(levels[level]), x: rect.x + 1 + index, y: markY, style: .badge)
        }
        // Year labels at the start of each year, skipped where they would collide. The years that
        // would collide are jumped over, not tried one by one: a span can be billions of years
        // (TimelineJS's own example starts at the Big Bang), far too many to try in a frame.
        func yearColumn(_ year: Int) -> Int { column(ofDay: CivilCalendar.dayNumber(year: year, month: 1, day: 1)) }
        /// The first year whose label would start at or after `wanted`.
        func firstYear(atOrAfterColumn wanted: Int) -> Int {
            let fraction = Double(max(0, wanted)) / Double(width)
            var year = CivilCalendar.civil(fromDayNumber: spanStart + Int(fraction * Double(spanEnd - spanStart))).year
            year = min(max(year, startYear), endYear + 1)
            while year <= endYear && yearColumn(year) < wanted { year += 1 }
            while year > startYear && yearColumn(year - 1) >= wanted { year -= 1 }
            return year
        }
        var nextFree = rect.x + 1
        var year = startYear
        while year <= endYear {
            let x = rect.x + 1 + yearColumn(year)
            let label = (state.options.ascii ? "|" : "│") + EDTFPoint.yearName(year)
            if x >= nextFree, x + DisplayWidth.of(label) <= rect.maxX {
                grid.put(label, x: x, y: labelY, style: .muted)
                nextFree = x + DisplayWidth.of(label) + 1
            }
            year = max(year + 1, firstYear(atOrAfterColumn: max(nextFree, x + 1) - rect.x - 1))
        }
        // The selected event shows as a marker in the marks row, so it reads even without colour.
        if let row = state.selectedRow {
            let day = row.date.sortDay
            // Int.min and Int.max are no day: no known start, or no known date at all.
            if day != Int.min && day != Int.max {
                let x = rect.x + 1 + min(width - 1, column(ofDay: day))
                grid[x, markY] = Cell(state.options.ascii ? "v" : "▼", style: Style(.accent, bold: true, reverse: true))
            }
        }
    }
}
