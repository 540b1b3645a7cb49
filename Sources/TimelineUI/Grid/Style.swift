/// What a piece of text means on screen; the backend maps roles to colours, and in
/// monochrome the attributes (bold, reverse, underline) alone carry the meaning.
public enum ColorRole: UInt8, Sendable, CaseIterable {
    case normal, title, label, muted, badge, accent, warning, quote, link, match, selection, header, year, focusBorder
    /// The trend view's categories (CAMEO quad classes, and other).
    case verbalCooperation, materialCooperation, verbalConflict, materialConflict, otherCategory
}

public struct Style: Hashable, Sendable {
    public var role: ColorRole
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(_ role: ColorRole = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    public static let plain = Style()
    public static let title = Style(.title, bold: true)
    public static let label = Style(.label, bold: true)
    public static let muted = Style(.muted, dim: true)
    public static let badge = Style(.badge)
    public static let accent = Style(.accent, bold: true)
    public static let warning = Style(.warning, bold: true)
    public static let quote = Style(.quote)
    public static let link = Style(.link, underline: true)
    public static let match = Style(.match, bold: true, underline: true)
    public static let selection = Style(.selection, reverse: true)
    public static let header = Style(.header, reverse: true)
    public static let year = Style(.year, bold: true)
}
