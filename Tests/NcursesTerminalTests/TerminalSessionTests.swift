import CNcursesw
import Foundation
import Testing
import TimelineUI
@testable import NcursesTerminal

/// The backend without a TTY: curses writes to /dev/null, and the cells it holds are read back.
@Suite("ncurses backend", .serialized)
struct TerminalSessionTests {
    @Test("A grid reaches curses cell by cell: wide characters, styles, and only changed rows")
    func drawsGrid() throws {
        // Wide characters need a UTF-8 locale whatever the machine's LANG is.
        setenv("LC_ALL", "C.UTF-8", 1)
        let output = try #require(fopen("/dev/null", "w"))
        let input = try #require(fopen("/dev/null", "r"))
        defer { fclose(output); fclose(input) }
        let session = try TerminalSession(testingTerm: "xterm-256color", output: output, input: input,
                                          options: .init(color: false, mouse: false))
        defer { session.stop() }
        try #require(session.unicode, "the C.UTF-8 locale is available")
        var grid = Grid(width: session.width, height: session.height)
        grid.put("日本 Кириллица ␛[31m", x: 0, y: 0)
        grid.put("selected", x: 2, y: 1, style: .selection)
        grid.put("bold", x: 0, y: 2, style: .title)
        session.draw(grid)
        #expect(session.cell(x: 0, y: 0).text == "日")
        #expect(session.cell(x: 2, y: 0).text == "本")
        #expect(session.cell(x: 5, y: 0).text == "К")
        #expect(session.cell(x: 15, y: 0).text == "␛")
        #expect(session.cell(x: 2, y: 1).text == "s")
        #expect(session.cell(x: 2, y: 1).attributes & cncw_a_reverse() != 0)
        #expect(session.cell(x: 0, y: 2).attributes & cncw_a_bold() != 0)
        #expect(session.cell(x: 0, y: 1).attributes & cncw_a_reverse() == 0)

        // A cell changed behind the session's back survives a frame that differs only in
        // another row: that row alone was sent.
        var tamper = cchar_t()
        setcchar(&tamper, [wchar_t(UInt8(ascii: "Z")), 0], 0, 0, nil)
        mvwadd_wch(cncw_stdscr(), 0, 30, &tamper)
        try #require(session.cell(x: 30, y: 0).text == "Z", "the session draws on the current screen's window")
        grid.put("x", x: 0, y: 3)
        session.draw(grid)
        #expect(session.cell(x: 0, y: 3).text == "x")
        #expect(session.cell(x: 30, y: 0).text == "Z", "the unchanged row was not redrawn")
        #expect(session.cell(x: 0, y: 0).text == "日")
    }
}
