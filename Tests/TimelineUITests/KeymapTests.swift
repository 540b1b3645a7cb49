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
    ])
    func bindings(_ key: Key, _ context: KeyContext, _ action: Action) {
        #expect(Keymap.action(for: key, in: context) == action)
    }

    @Test("In a picker, 'a' selects all pairs only before typing")
    func pickerA() {
        #expect(Keymap.action(for: .character("a"), in: .picker, pickerFilterEmpty: true) == .selectAllPairs)
        #expect(Keymap.action(for: .character("a"), in: .picker, pickerFilterEmpty: false) == .insert("a"))
    }
}
