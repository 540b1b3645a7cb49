import CNcursesw
import TimelineUI

/// Turns what `wget_wch` returns into a `Key`.
enum KeyDecoder {
    static func decode(status: Int32, code: UInt32) -> Key? {
        if status == KEY_CODE_YES { return decodeKeyCode(Int32(code)) }
        guard status == OK else { return nil }
        switch code {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(code) + 96)))
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    private static func decodeKeyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize(width: Int(cncw_cols()), height: Int(cncw_lines()))
        case KEY_MOUSE: return decodeMouse()
        default:
            for n in 1...12 where code == cncw_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    private static func decodeMouse() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let state = event.bstate
        let kind: MouseEvent.Kind
        if state & cncw_button4_pressed() != 0 { kind = .wheelUp }
        else if state & cncw_button5_pressed() != 0 { kind = .wheelDown }
        else if state & (cncw_button1_pressed() | cncw_button1_clicked()) != 0 { kind = .press }
        else { return nil }
        return .mouse(MouseEvent(kind, x: Int(event.x), y: Int(event.y)))
    }
}
