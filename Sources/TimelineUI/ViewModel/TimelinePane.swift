/// A line of the timeline pane: a year separator or an event (an index into `visibleEvents`).
public enum TimelineLine: Hashable, Sendable {
    case year(Int)
    case event(Int)
}

/// The timeline pane's visible lines: what the view draws and what a click lands on.
struct TimelinePane {
    /// Inside the border, where the lines go.
    let content: Rect
    let lines: [TimelineLine]

    /// The event on a screen row, if that row shows one.
    func event(atY y: Int) -> Int? {
        let line = y - content.y
        guard lines.indices.contains(line), case .event(let index) = lines[line] else { return nil }
        return index
    }
}

extension AppState {
    var timelinePane: TimelinePane {
        let content = ScreenLayout.content(of: layout.timeline)
        return TimelinePane(content: content, lines: timelineLines(height: content.height))
    }

    /// Whether a year separator stands above the event at `index`: the first event of a year.
    /// Needs the window to hold `index - 1` and `index`.
    func startsYear(_ index: Int) -> Bool {
        guard index > 0, let row = window.row(index), let previous = window.row(index - 1) else { return true }
        return row.year != previous.year
    }

    /// The pane's lines from the top event down, `height` of them at most (the window must hold
    /// the rows from `timelineScroll - 1` on).
    private func timelineLines(height: Int) -> [TimelineLine] {
        var lines: [TimelineLine] = []
        var index = timelineScroll
        while lines.count < height, let row = window.row(index) {
            if startsYear(index) { lines.append(.year(row.year)) }
            if lines.count < height { lines.append(.event(index)) }
            index += 1
        }
        return lines
    }
}
