/// The one table of key bindings: what each key does where, and all the footer and the help say about it.
public enum Keymap {
    /// Moving works the same in every pane, so it is bound once, for all of them.
    private static let navigation: [Binding] = [
        Binding([.character("j"), .down], .moveDown, .global, footer: .word("move"), help: .moving),
        Binding([.character("k"), .up], .moveUp, .global, help: .moving),
        Binding([.pageDown, .character(" "), .control("f")], .pageDown, .global, help: .moving),
        Binding([.pageUp, .control("b")], .pageUp, .global, help: .moving),
        Binding([.control("d")], .halfPageDown, .global, help: .moving),
        Binding([.control("u")], .halfPageUp, .global, help: .moving),
        Binding([.character("g"), .home], .first, .global, help: .moving),
        Binding([.character("G"), .end], .last, .global, help: .moving),
    ]

    /// Ranks in "Start here": what a newcomer looks for first comes first.
    public static let bindings: [Binding] = navigation + [
        Binding([.character("[")], .previousYear, .timeline, footer: .word("year", keys: "[ ]"), help: .start, rank: 11),
        Binding([.character("]")], .nextYear, .timeline, help: .start, rank: 12),
        Binding([.character(":")], .beginDateJump, .timeline, footer: .word("date"), help: .start, rank: 10),
        Binding([.enter], .activate, .timeline, footer: .word("open"), help: .start, rank: 13),
        Binding([.enter], .activate, .quotes, footer: .word("open"), help: .start, rank: 13),
        Binding([.character("v")], .toggleQuoteView, .quotes, footer: .word("quotes"), help: .start, rank: 8),
        Binding([.character("s")], .openSpeakerPicker, .quotes, footer: .word("speaker"), help: .start, rank: 8),
        Binding([.character("o")], .openSource, .detail, footer: .word("source"), help: .start, rank: 9),
        Binding([.tab], .focusNext, .global, footer: .word("pane"), help: .start, rank: 14),
        Binding([.backTab], .focusPrevious, .global),
        Binding([.escape, .backspace], .back, .global, help: .start, rank: 15),
        Binding([.character("p")], .openPairPicker, .global, footer: .word("pairs"), help: .start, rank: 3),
        Binding([.character("P")], .clearPairFilter, .global),
        Binding([.character("c")], .openCountryPicker, .global, help: .start, rank: 4),
        Binding([.character("/")], .beginSearch, .global, footer: .word("search"), help: .start, rank: 5),
        Binding([.character("n")], .nextMatch, .global, help: .start, rank: 6),
        Binding([.character("N")], .previousMatch, .global, help: .start, rank: 7),
        Binding([.character("v")], .toggleQuoteView, .global, help: .start, rank: 8),
        Binding([.character("s")], .openSpeakerPicker, .global, help: .start, rank: 8),
        Binding([.character("o")], .openSource, .global, help: .start, rank: 9),
        // Year and date jumps move the timeline's selected event from any pane (the footer shows them
        // in the timeline only, where they have room).
        Binding([.character("[")], .previousYear, .global, help: .start, rank: 11),
        Binding([.character("]")], .nextYear, .global, help: .start, rank: 12),
        Binding([.character(":")], .beginDateJump, .global, help: .start, rank: 10),
        Binding([.character("?"), .function(1)], .toggleHelp, .global, footer: .kept("help"), help: .start, rank: 2),
        Binding([.character("q")], .quit, .global, footer: .kept("quit"), help: .start, rank: 1),
        Binding([.control("c")], .interrupt, .global),
        Binding([.character("t")], .toggleTrend, .global, footer: .word("trend"), help: .start, rank: 16),

        Binding([.character("h"), .left], .previousBucket, .trend, footer: .word("bucket", keys: "h l"), says: "previous, next bucket (h l, ← →)"),
        Binding([.character("l"), .right], .nextBucket, .trend).unlisted,
        // Moving keys, the help and quit are described by the trend section's note, not listed again.
        Binding([.character("j"), .down], .moveDown, .trend, footer: .word("pair", keys: "j k"), says: "next pair").unlisted,
        Binding([.up, .character("k")], .moveUp, .trend, says: "previous pair").unlisted,
        Binding([.home, .character("g")], .first, .trend, says: "first bucket").unlisted,
        Binding([.end, .character("G")], .last, .trend, says: "last bucket").unlisted,
        Binding([.pageDown, .character(" ")], .pageDown, .trend, says: "half a screen later").unlisted,
        Binding([.pageUp], .pageUp, .trend, says: "half a screen earlier").unlisted,
        Binding([.enter], .activate, .trend, footer: .word("open"), says: "the pair's timeline, at the bucket"),
        Binding([.character("t"), .escape, .backspace], .toggleTrend, .trend, footer: .word("timeline", keys: "t"), says: "back to the timeline").unlisted,
        Binding([.character("p")], .openPairPicker, .trend, footer: .word("pairs"), says: "add or remove a pair"),
        Binding([.character("b")], .cycleBucket, .trend, footer: .word("by")),
        Binding([.character("m")], .cycleMeasure, .trend, footer: .word("measure")).unlisted,
        Binding([.character("x"), .delete], .removeTrendPair, .trend).unlisted,
        Binding([.character("?"), .function(1)], .toggleHelp, .trend, footer: .kept("help")).unlisted,
        Binding([.character("q")], .quit, .trend, footer: .kept("quit")).unlisted,
        Binding([.control("c")], .interrupt, .trend).unlisted,

        Binding([.down, .control("n")], .moveDown, .picker, footer: .word("move")),
        Binding([.up, .control("p")], .moveUp, .picker),
        Binding([.pageDown], .pageDown, .picker),
        Binding([.pageUp], .pageUp, .picker),
        Binding([.enter], .activate, .picker, footer: .word("open"), says: "apply the filter"),
        Binding([.character("*")], .selectAllPairs, .picker, footer: .word("all")),
        Binding([.character("a")], .selectAllPairs, .picker, when: .pickerFilterEmpty),
        Binding([.escape], .back, .picker, footer: .word("back"), says: "cancel"),
        Binding([.backspace], .deleteBackward, .picker),
        Binding([.control("c")], .interrupt, .picker),

        Binding([.enter], .activate, .input, footer: .word("accept"), says: "accept"),
        Binding([.escape], .back, .input, footer: .word("cancel"), says: "cancel and restore the view"),
        Binding([.backspace], .deleteBackward, .input),
        Binding([.control("c")], .interrupt, .input),

        Binding([.character("?"), .escape, .character("q"), .function(1)], .toggleHelp, .help, footer: .kept("help")),
        Binding([.character("j"), .down], .moveDown, .help),
        Binding([.character("k"), .up], .moveUp, .help),
        Binding([.control("c")], .interrupt, .help),
    ]

    /// The action for a key in a context: that context's bindings first, then the global
    /// ones for panes; in text contexts a printable character is typed.
    public static func action(for key: Key, in context: KeyContext, pickerFilterEmpty: Bool = true) -> Action? {
        if case .resize(let width, let height) = key { return .resize(width: width, height: height) }
        if case .mouse(let event) = key { return .mouse(event) }
        func applies(_ binding: Binding) -> Bool {
            switch binding.condition {
            case nil: return true
            case .pickerFilterEmpty: return pickerFilterEmpty
            }
        }
        if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) && applies($0) }) {
            return binding.action
        }
        switch context {
        case .timeline, .detail, .quotes:
            return bindings.first { $0.context == .global && $0.keys.contains(key) }?.action
        case .picker, .input:
            if case .character(let character) = key { return .insert(character) }
            return nil
        case .global, .help, .trend:
            return nil
        }
    }

    /// The footer's items for a context, in table order: "j move", "[ ] year", "? help".
    public static func footerItems(for context: KeyContext) -> [(keys: String, word: String, kept: Bool)] {
        bindings.filter { $0.context == context || (isPane(context) && $0.context == .global) }.compactMap { binding in
            binding.footer.map { (keys: $0.keys ?? binding.keys[0].label, word: $0.word, kept: $0.kept) }
        }
    }

    private static func isPane(_ context: KeyContext) -> Bool {
        context == .timeline || context == .detail || context == .quotes
    }

    /// Help screen sections in order, each binding once: the same keys for the same action
    /// in several contexts (Enter, v, o) make one row.
    public static var helpSections: [(section: HelpSection, rows: [(keys: String, help: String)])] {
        let listed = bindings.enumerated().compactMap { index, binding in
            binding.helpSection.map { (section: $0, rank: binding.helpRank, index: index, binding: binding) }
        }.sorted { ($0.section, $0.rank, $0.index) < ($1.section, $1.rank, $1.index) }
        return HelpSection.allCases.compactMap { section in
            var seen = Set<String>()
            let rows = listed.filter { $0.section == section }
                .filter { seen.insert($0.binding.keyLabel + "\u{0}" + $0.binding.helpText).inserted }
                .map { (keys: $0.binding.keyLabel, help: $0.binding.helpText) }
            return rows.isEmpty ? nil : (section, rows)
        }
    }
}

extension Binding {
    /// The binding without a row in the help (its section's note says it).
    var unlisted: Binding {
        var binding = self
        binding.helpSection = nil
        return binding
    }
}
