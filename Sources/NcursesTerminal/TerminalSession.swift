import CNcursesw
import CTerminalSignals
import Foundation
import TerminalText
import TimelineUI

/// The full-screen terminal: set-up and teardown, keys in, grid differences out. The only
/// place that calls curses. Checks the terminal (isatty, then setupterm, then newterm)
/// before touching the screen, so a bad TERM never leaves a half-initialised terminal.
public final class TerminalSession {
    public struct Options: Sendable {
        public var color: Bool
        public var mouse: Bool

        public init(color: Bool, mouse: Bool) {
            self.color = color
            self.mouse = mouse
        }
    }

    private var screen: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>?
    private var colors = ColorScheme()
    private var previous: Grid?
    private var stopped = false
    private var inputDescriptor: Int32 = STDIN_FILENO
    private let wakeUp = WakeUpPipe()
    /// False when the locale cannot show UTF-8: non-ASCII text is then drawn as '?'.
    public private(set) var unicode = true

    public var width: Int { Int(cncw_cols()) }
    public var height: Int { Int(cncw_lines()) }

    public init(options: Options) throws {
        setlocale(LC_ALL, "")
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        guard let term = ProcessInfo.processInfo.environment["TERM"], !term.isEmpty else { throw TerminalError.termNotSet }
        var status: Int32 = 0
        guard setupterm(term, STDOUT_FILENO, &status) == OK else { throw TerminalError.unknownTerminal(Sanitizer.line(term)) }
        if let cursorAddress = tigetstr("cup"), Int(bitPattern: cursorAddress) != -1 {} else {
            throw TerminalError.incapableTerminal(Sanitizer.line(term))
        }
        unicode = String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8"
        cts_install_handlers() // before newterm, so curses keeps our handlers
        Self.installCrashHandlers()
        if ProcessInfo.processInfo.environment["ESCDELAY"] == nil { set_escdelay(25) }
        guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r") else {
            throw TerminalError.initializationFailed(Sanitizer.line(term))
        }
        try start(term: term, output: output, input: input, options: options)
    }

    /// A session on any stream, without a TTY or signal handlers: for tests, which read the
    /// drawn cells back with `cell(x:y:)`.
    init(testingTerm term: String, output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>, options: Options) throws {
        setlocale(LC_ALL, "")
        unicode = String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8"
        try start(term: term, output: output, input: input, options: options)
    }

    private func start(term: String, output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>, options: Options) throws {
        guard let screen = newterm(term, output, input) else {
            throw TerminalError.initializationFailed(Sanitizer.line(term))
        }
        self.screen = screen
        inputDescriptor = fileno(input)
        window = cncw_stdscr()
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        curs_set(0)
        colors.start(wantColor: options.color)
        if options.mouse {
            mousemask(cncw_mouse_mask_default(), nil)
            mouseinterval(0)
        }
    }

    /// Restores the terminal. Safe to call more than once.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
        cts_remove_crash_handlers()
    }

    /// A crash must not leave the terminal in the alternate screen with mouse reporting on, and
    /// endwin() cannot run in a signal handler: the bytes that undo what `start` turns on are
    /// prepared now, from this terminal's own capabilities where it has them.
    private static func installCrashHandlers() {
        func capability(_ name: String) -> String {
            guard let value = tigetstr(name), Int(bitPattern: value) != -1 && Int(bitPattern: value) != 0 else { return "" }
            return String(cString: value)
        }
        // Mouse reporting off in each mode xterm-like terminals have (ncurses turns on 1000/1002/1006).
        let mouseOff = "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l"
        let restore = capability("sgr0") + capability("cnorm") + capability("rmkx") + mouseOff + capability("rmcup") + "\r\n"
        let bytes = Array(restore.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cts_install_crash_handlers($0.baseAddress, $0.count) }
        }
    }

    deinit { stop() }

    /// The signal that asked us to stop (SIGINT, SIGTERM, SIGHUP), if one came.
    public func takeSignal() -> Int32? {
        let signal = cts_take_signal()
        return signal == 0 ? nil : signal
    }

    /// Waits up to `waitTime` milliseconds for a key; nil on timeout, interruption or a wake-up
    /// (`wake()`), after which the caller collects what the worker answered.
    public func readKey(waitTime: Int32 = 200) -> Key? {
        // Keys curses has already read from the terminal (a burst of keys) come first, without waiting.
        if let key = nextKey(timeout: 0) { return key }
        var descriptors = [pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0)]
        if let wakeUp { descriptors.append(pollfd(fd: wakeUp.readEnd, events: Int16(POLLIN), revents: 0)) }
        let ready = poll(&descriptors, nfds_t(descriptors.count), waitTime)
        if descriptors.count > 1, descriptors[1].revents != 0 { wakeUp?.drain() }
        // A signal (a resize) ends the wait early too: curses then reports it as a key.
        if ready <= 0 || descriptors[0].revents == 0 { return nextKey(timeout: 0) }
        // The rest of an escape sequence may still be on its way: curses waits ESCDELAY for it.
        return nextKey(timeout: waitTime)
    }

    /// Ends a `readKey` wait now, when called from any thread (a worker whose answer is ready).
    public var waker: @Sendable () -> Void {
        let pipe = wakeUp
        return { pipe?.signal() }
    }

    private func nextKey(timeout: Int32) -> Key? {
        wtimeout(window, timeout)
        var code: wint_t = 0
        let status = wget_wch(window, &code)
        let key = KeyDecoder.decode(status: status, code: UInt32(code))
        if case .resize = key { previous = nil }
        return key
    }

    /// Sends the rows that differ from the last frame.
    public func draw(_ grid: Grid) {
        let full = previous == nil || previous!.width != grid.width || previous!.height != grid.height
        if full { werase(window) }
        for y in 0..<grid.height {
            if !full, let previous, rowEqual(previous, grid, y) { continue }
            drawRow(grid, y)
        }
        previous = grid
        wnoutrefresh(window)
        doupdate()
    }

    private func rowEqual(_ a: Grid, _ b: Grid, _ y: Int) -> Bool {
        let start = y * b.width
        return a.cells[start..<(start + b.width)] == b.cells[start..<(start + b.width)]
    }

    private func drawRow(_ grid: Grid, _ y: Int) {
        var x = 0
        while x < grid.width {
            let cell = grid[x, y]
            let wide = x + 1 < grid.width && grid[x + 1, y].isContinuation
            if !cell.isContinuation { put(cell, x: x, y: y, wide: wide) }
            x += wide ? 2 : 1
        }
    }

    private func put(_ cell: Cell, x: Int, y: Int, wide: Bool) {
        let (attr, pair) = colors.attributes(for: cell.style)
        var scalars = cell.character.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) }
        let expected: Int32 = wide ? 2 : 1
        // Where the C library measures a character differently than we laid it out, draw a
        // replacement of the planned width so the rest of the row stays aligned.
        if !unicode && scalars.first.map({ $0 >= 0x80 }) == true {
            scalars = [wchar_t(UInt8(ascii: "?"))]
        } else if let first = scalars.first, wcwidth(first) != expected {
            scalars = [wchar_t(unicode ? 0xFFFD : 0x3F)]
            if wide { drawText(" ", x: x + 1, y: y, attr: attr, pair: pair) }
        }
        scalars.append(0)
        var character = cchar_t()
        setcchar(&character, scalars, attr, pair, nil)
        mvwadd_wch(window, Int32(y), Int32(x), &character)
    }

    /// The text and attributes curses holds for a cell (for tests of the grid-to-curses path).
    func cell(x: Int, y: Int) -> (text: String, attributes: attr_t) {
        var character = cchar_t()
        mvwin_wch(window, Int32(y), Int32(x), &character)
        var characters = [wchar_t](repeating: 0, count: 8)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        getcchar(&character, &characters, &attributes, &pair, nil)
        let text = String(String.UnicodeScalarView(characters.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
        return (text, attributes)
    }

    private func drawText(_ text: String, x: Int, y: Int, attr: attr_t, pair: Int16) {
        var character = cchar_t()
        let scalars = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
        setcchar(&character, scalars, attr, pair, nil)
        mvwadd_wch(window, Int32(y), Int32(x), &character)
    }
}
