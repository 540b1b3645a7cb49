/// What is on top of the panes, taking the keys.
public enum Overlay: Hashable, Sendable {
    case help(scroll: Int)
    case picker(PickerState)
    case input(InputLine)
}
