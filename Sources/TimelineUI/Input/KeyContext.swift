/// Where keys are read: the focused pane, or the overlay on top.
public enum KeyContext: String, Hashable, Sendable, CaseIterable {
    case global, timeline, detail, quotes, picker, input, help, trend
}
