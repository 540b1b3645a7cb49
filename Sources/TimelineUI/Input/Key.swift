/// A key press or terminal event, as the backend decodes it.
public enum Key: Hashable, Sendable {
    case character(Character)
    /// Ctrl plus a letter, lower case: `.control("f")` is Ctrl-F.
    case control(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab, backTab
    case function(Int)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)

    /// How the key is written in the footer and the help screen.
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .control(let c): return "Ctrl-" + String(c).uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .function(let n): return "F\(n)"
        case .mouse: return "mouse"
        case .resize: return "resize"
        }
    }
}
