import CNcursesw
import TimelineUI

/// Maps style roles to curses colour pairs and attributes. In monochrome (NO_COLOR, or a
/// terminal without colours) the attributes in each Style carry the meaning alone.
struct ColorScheme {
    private(set) var enabled = false
    private var extraAttributes: [ColorRole: attr_t] = [:]

    /// (foreground, background) for 8 colours and for 256; -1 is the terminal's default.
    private static let palette8: [ColorRole: (Int16, Int16)] = [
        .title: (-1, -1), .label: (6, -1), .muted: (-1, -1), .badge: (5, -1), .accent: (6, -1),
        .warning: (3, -1), .quote: (2, -1), .link: (4, -1), .match: (0, 3), .selection: (-1, -1),
        .header: (7, 4), .year: (6, -1), .focusBorder: (6, -1),
        .verbalCooperation: (6, -1), .materialCooperation: (4, -1), .verbalConflict: (3, -1), .materialConflict: (1, -1), .otherCategory: (7, -1),
    ]
    private static let palette256: [ColorRole: (Int16, Int16)] = [
        .title: (255, -1), .label: (117, -1), .muted: (245, -1), .badge: (176, -1), .accent: (80, -1),
        .warning: (214, -1), .quote: (150, -1), .link: (75, -1), .match: (16, 220), .selection: (-1, -1),
        .header: (255, 24), .year: (110, -1), .focusBorder: (80, -1),
        // The trend's categories: the Okabe–Ito colours the SVG uses, as near as 256 colours go.
        .verbalCooperation: (117, -1), .materialCooperation: (25, -1), .verbalConflict: (214, -1), .materialConflict: (166, -1),
        .otherCategory: (246, -1),
    ]

    mutating func start(wantColor: Bool) {
        guard wantColor, has_colors(), start_color() == OK else { return }
        use_default_colors()
        let palette = cncw_colors() >= 256 ? Self.palette256 : Self.palette8
        for role in ColorRole.allCases where role != .normal {
            guard let (fg, bg) = palette[role] else { continue }
            init_pair(Int16(role.rawValue), fg, bg)
        }
        enabled = true
    }

    func attributes(for style: Style) -> (attr: attr_t, pair: Int16) {
        var attr = cncw_a_normal()
        if style.bold { attr |= cncw_a_bold() }
        if style.reverse { attr |= cncw_a_reverse() }
        if style.underline { attr |= cncw_a_underline() }
        // Dim text disappears on some colour terminals; the muted colour says it instead.
        if style.dim && !enabled { attr |= cncw_a_dim() }
        return (attr, enabled && style.role != .normal ? Int16(style.role.rawValue) : 0)
    }
}
