/// Where everything goes for a screen size. Wide screens put the timeline left and the
/// detail and quotes right; narrow ones stack the timeline over the detail (or quotes),
/// and Enter zooms the lower pane to the whole body.
public struct ScreenLayout: Hashable, Sendable {
    public static let minimumWidth = 40
    public static let minimumHeight = 10
    /// From this width on, panes sit side by side.
    public static let wideWidth = 110

    public enum Mode: Hashable, Sendable { case tooSmall, wide, narrow, zoomed }

    public let mode: Mode
    public let header: Rect
    public let ruler: Rect
    public let timeline: Rect
    public let detail: Rect
    public let quotes: Rect
    public let footer: Rect

    public init(width: Int, height: Int, focus: Pane, zoomed: Bool) {
        let screen = Rect(x: 0, y: 0, width: width, height: height)
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else {
            mode = .tooSmall
            header = .zero; ruler = .zero; timeline = .zero; detail = .zero; quotes = .zero; footer = .zero
            return
        }
        let (header, rest) = screen.splitTop(1)
        let (body0, footer) = rest.splitTop(rest.height - 1)
        let rulerRows = height >= 14 ? 2 : 0
        let (ruler, body) = body0.splitTop(rulerRows)
        self.header = header
        self.footer = footer
        self.ruler = ruler

        if width >= Self.wideWidth {
            mode = .wide
            let (left, right) = body.splitLeft(max(44, width / 2))
            let (top, bottom) = right.splitTop(max(5, right.height * 11 / 20))
            timeline = left
            detail = top
            quotes = bottom
        } else if zoomed {
            mode = .zoomed
            timeline = .zero
            detail = focus == .quotes ? .zero : body
            quotes = focus == .quotes ? body : .zero
        } else {
            mode = .narrow
            let (top, bottom) = body.splitTop(max(3, body.height * 9 / 20))
            timeline = top
            detail = focus == .quotes ? .zero : bottom
            quotes = focus == .quotes ? bottom : .zero
        }
    }

    public func rect(of pane: Pane) -> Rect {
        switch pane {
        case .timeline: return timeline
        case .detail: return detail
        case .quotes: return quotes
        }
    }

    public func pane(atX x: Int, y: Int) -> Pane? {
        Pane.allCases.first { rect(of: $0).contains(x: x, y: y) }
    }

    /// Panes draw a border; their content sits inside it.
    public static func content(of rect: Rect) -> Rect { rect.inset }
}
