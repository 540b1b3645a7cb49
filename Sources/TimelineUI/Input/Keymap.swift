/// Where keys are read: the focused pane, or the overlay on top.
public enum KeyContext: String, Hashable, Sendable, CaseIterable {
    case global, timeline, detail, quotes, picker, input, help

    public var title: String {
        switch self {
        case .global: return "Everywhere"
        case .timeline: return "Timeline"
        case .detail: return "Detail"
        case .quotes: return "Quotes"
        case .picker: return "Pair and country pickers"
        case .input: return "Search and date lines"
        case .help: return "Help"
        }
    }
}

public struct Binding: Hashable, Sendable {
    public var keys: [Key]
    public var action: Action
    public var context: KeyContext
    /// Shown in the footer of its context.
    public var inFooter: Bool

    public init(_ keys: [Key], _ action: Action, _ context: KeyContext, footer: Bool = false) {
        self.keys = keys
        self.action = action
        self.context = context
        self.inFooter = footer
    }

    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }
}

/// The one table of key bindings. The footer and the help overlay are generated from it.
public enum Keymap {
    private static let navigation: [Binding] = [KeyContext.timeline, .detail, .quotes].flatMap { context in
        [
            Binding([.character("j"), .down], .moveDown, context, footer: true),
            Binding([.character("k"), .up], .moveUp, context),
            Binding([.pageDown, .character(" "), .control("f")], .pageDown, context),
            Binding([.pageUp, .control("b")], .pageUp, context),
            Binding([.control("d")], .halfPageDown, context),
            Binding([.control("u")], .halfPageUp, context),
            Binding([.character("g"), .home], .first, context),
            Binding([.character("G"), .end], .last, context),
        ]
    }

    public static let bindings: [Binding] = navigation + [
        Binding([.character("[")], .previousYear, .timeline, footer: true),
        Binding([.character("]")], .nextYear, .timeline),
        Binding([.character(":")], .beginDateJump, .timeline, footer: true),
        Binding([.enter], .activate, .timeline, footer: true),
        Binding([.enter], .activate, .quotes, footer: true),
        Binding([.character("v")], .toggleQuoteView, .quotes, footer: true),
        Binding([.character("o")], .openSource, .detail, footer: true),
        Binding([.tab], .focusNext, .global, footer: true),
        Binding([.backTab], .focusPrevious, .global),
        Binding([.escape, .backspace], .back, .global),
        Binding([.character("p")], .openPairPicker, .global, footer: true),
        Binding([.character("P")], .clearPairFilter, .global),
        Binding([.character("c")], .openCountryPicker, .global),
        Binding([.character("/")], .beginSearch, .global, footer: true),
        Binding([.character("n")], .nextMatch, .global),
        Binding([.character("N")], .previousMatch, .global),
        Binding([.character("v")], .toggleQuoteView, .global),
        Binding([.character("o")], .openSource, .global),
        Binding([.character("?"), .function(1)], .toggleHelp, .global, footer: true),
        Binding([.character("q")], .quit, .global, footer: true),
        Binding([.control("c")], .interrupt, .global),

        Binding([.down, .control("n")], .moveDown, .picker, footer: true),
        Binding([.up, .control("p")], .moveUp, .picker),
        Binding([.pageDown], .pageDown, .picker),
        Binding([.pageUp], .pageUp, .picker),
        Binding([.enter], .activate, .picker, footer: true),
        Binding([.character("*")], .selectAllPairs, .picker, footer: true),
        Binding([.escape], .back, .picker, footer: true),
        Binding([.backspace], .deleteBackward, .picker),
        Binding([.control("c")], .interrupt, .picker),

        Binding([.enter], .activate, .input, footer: true),
        Binding([.escape], .back, .input, footer: true),
        Binding([.backspace], .deleteBackward, .input),
        Binding([.control("c")], .interrupt, .input),

        Binding([.character("?"), .escape, .character("q"), .function(1)], .toggleHelp, .help, footer: true),
        Binding([.character("j"), .down], .moveDown, .help),
        Binding([.character("k"), .up], .moveUp, .help),
        Binding([.control("c")], .interrupt, .help),
    ]

    /// The action for a key in a context: that context's bindings first, then the global
    /// ones for panes; in text contexts a printable character is typed.
    public static func action(for key: Key, in context: KeyContext, pickerFilterEmpty: Bool = true) -> Action? {
        if case .resize(let width, let height) = key { return .resize(width: width, height: height) }
        if case .mouse(let event) = key { return .mouse(event) }
        // In a picker, 'a' selects all pairs only while nothing has been typed.
        if context == .picker, key == .character("a"), pickerFilterEmpty { return .selectAllPairs }
        if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
            return binding.action
        }
        switch context {
        case .timeline, .detail, .quotes:
            return bindings.first { $0.context == .global && $0.keys.contains(key) }?.action
        case .picker, .input:
            if case .character(let character) = key { return .insert(character) }
            return nil
        case .global, .help:
            return nil
        }
    }

    /// "j/↓ move  [/] year  : date ..." for a context, in table order.
    public static func footerItems(for context: KeyContext) -> [(keys: String, help: String)] {
        var items: [(String, String)] = []
        var seen = Set<Action>()
        let relevant = bindings.filter { $0.inFooter && ($0.context == context || (isPane(context) && $0.context == .global)) }
        for binding in relevant where seen.insert(binding.action).inserted {
            // '[' and ']' read as one item: "[ ] year".
            let keys = binding.action == .previousYear ? "[ ]" : binding.keys.prefix(1).map(\.label).joined()
            items.append((keys, binding.action.shortHelp))
        }
        return items
    }

    private static func isPane(_ context: KeyContext) -> Bool {
        context == .timeline || context == .detail || context == .quotes
    }

    /// Help screen sections: each context with its bindings.
    public static var helpSections: [(title: String, rows: [(keys: String, help: String)])] {
        let order: [KeyContext] = [.timeline, .detail, .quotes, .global, .picker, .input]
        return order.map { context in
            let rows = bindings.filter { $0.context == context }
                .map { ($0.keyLabel, $0.action.help) }
            let extra: [(String, String)] = context == .picker ? [("a", "all pairs (before typing)"), ("letters", "narrow the list")]
                : context == .global ? [("mouse", "wheel scrolls, click selects")] : []
            return (context.title, rows + extra)
        }
    }
}
