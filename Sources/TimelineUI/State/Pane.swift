public enum Pane: Int, Hashable, Sendable, CaseIterable {
    case timeline, detail, quotes
}
