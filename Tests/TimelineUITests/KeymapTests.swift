import DatasetFormats
import ReferenceStore
import Testing
import TimelineKit
@testable import TimelineUI

@Suite("Keymap")
struct KeymapTests {
    @Test("Keys map to actions in their context", arguments: [
        (Key.character("j"), KeyContext.timeline, Action.moveDown),
        (.down, .detail, .moveDown),
        (.character(" "), .timeline, .pageDown),
        (.control("f"), .timeline, .pageDown),
        (.control("b"), .quotes, .pageUp),
        (.control("d"), .timeline, .halfPageDown),
        (.character("G"), .timeline, .last),
        (.end, .timeline, .last),
        (.character("["), .timeline, .previousYear),
        (.character("]"), .timeline, .nextYear),
        (.tab, .timeline, .focusNext),
        (.backTab, .detail, .focusPrevious),
        (.character("p"), .detail, .openPairPicker),
        (.character("P"), .timeline, .clearPairFilter),
        (.character("/"), .quotes, .beginSearch),
        (.character("n"), .timeline, .nextMatch),
        (.character("?"), .timeline, .toggleHelp),
        (.character("q"), .timeline, .quit),
        (.control("c"), .input, .interrupt),
        (.character("q"), .input, .insert("q")),
        (.character("q"), .help, .toggleHelp),
        (.character("*"), .picker, .selectAllPairs),
        (.enter, .picker, .activate),
        (.backspace, .input, .deleteBackward),
        (.escape, .picker, .back),
        (.character("s"), .timeline, .openSpeakerPicker),
        (.character("s"), .quotes, .openSpeakerPicker),
        (.character("s"), .picker, .insert("s")),
    ])
    func bindings(_ key: Key, _ context: KeyContext, _ action: Action) {
        #expect(Keymap.action(for: key, in: context) == action)
    }

    @Test("In a picker, 'a' selects all pairs only before typing")
    func pickerA() {
        #expect(Keymap.action(for: .character("a"), in: .picker, pickerFilterEmpty: true) == .selectAllPairs)
        #expect(Keymap.action(for: .character("a"), in: .picker, pickerFilterEmpty: false) == .insert("a"))
    }

    @Test("The state decides a binding's condition: 'a' in the picker selects all only before typing")
    func pickerAFromState() {
        var state = Fixtures.state()
        state.apply(.openPairPicker)
        #expect(state.action(for: .character("a")) == .selectAllPairs)
        state.type("r")
        #expect(state.action(for: .character("a")) == .insert("a"))
    }

    @Test("Every binding the help lists says what it does")
    func helpWords() {
        for binding in Keymap.bindings where binding.helpSection != nil {
            #expect(!binding.helpText.isEmpty, "\(binding.keyLabel) in \(binding.context)")
        }
    }

    @Test("The footer's items come from the table, kept ones marked", arguments: [
        (KeyContext.timeline, "j move|[ ] year|: date|Enter open|Tab pane|p pairs|/ search|? help!|q quit!|t trend"),
        (.detail, "j move|o source|Tab pane|p pairs|/ search|? help!|q quit!|t trend"),
        (.trend, "h l bucket|j k pair|Enter open|t timeline|p pairs|b by|m measure|? help!|q quit!"),
        (.quotes, "j move|Enter open|v quotes|s speaker|Tab pane|p pairs|/ search|? help!|q quit!|t trend"),
        (.picker, "↓ move|Enter open|* all|Esc back"),
        (.input, "Enter accept|Esc cancel"),
        (.help, "? help!"),
    ])
    func footer(_ context: KeyContext, _ expected: String) {
        let items = Keymap.footerItems(for: context).map { "\($0.keys) \($0.word)" + ($0.kept ? "!" : "") }
        #expect(items.joined(separator: "|") == expected)
    }
}
