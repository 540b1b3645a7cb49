public struct DisplayOptions: Hashable, Sendable {
    public var color: Bool
    public var ascii: Bool
    public var mouse: Bool

    public init(color: Bool = true, ascii: Bool = false, mouse: Bool = true) {
        self.color = color
        self.ascii = ascii
        self.mouse = mouse
    }
}
