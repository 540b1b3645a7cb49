/// Where a binding shows on the help screen. The order of the cases is the order on screen:
/// what a newcomer needs first, then moving (once, for every pane), then the rest.
public enum HelpSection: Int, Hashable, Sendable, CaseIterable, Comparable {
    case start, moving, more, picker, input, trend

    public var title: String {
        switch self {
        case .start: return "Start here"
        case .moving: return "Moving · in every pane"
        case .more: return "More"
        case .trend: return "In the trend view (t)"
        case .picker: return "In the pickers (pairs, countries, speakers)"
        case .input: return "In the search and date lines"
        }
    }

    /// A line under the section's rows, for what no key binding describes.
    public var note: String? {
        switch self {
        case .moving: return "The detail pane scrolls; the quote pane goes quote by quote."
        case .more: return "The mouse wheel scrolls the pane under it; a click selects a row or focuses a pane."
        case .picker: return "Type to narrow the list: usa, pak-rus, putin."
        case .trend: return "Moving keys: rows, ends · m means · Del drops · Esc back"
        default: return nil
        }
    }

    /// Where a binding of this context goes unless the table says otherwise; nil: not listed
    /// (the help's own keys are in its title).
    static func defaultSection(for context: KeyContext) -> HelpSection? {
        switch context {
        case .global, .timeline, .detail, .quotes: return .more
        case .picker: return .picker
        case .input: return .input
        case .trend: return .trend
        case .help: return nil
        }
    }

    public static func < (lhs: HelpSection, rhs: HelpSection) -> Bool { lhs.rawValue < rhs.rawValue }
}
