import Foundation
import TestSupport
import Testing

/// The real binary in a real terminal (tmux): what a person sees and types.
@Suite("End to end in tmux", .serialized)
struct EndToEndTests {
    @Test("Start, move, filter to a pair and back, quotes, search, resize, quit to a sane terminal")
    func session() throws {
        let tmux = try Tmux(arguments: ["--data", Repository.articleFixture], width: 80, height: 24)
        try tmux.waitFor("13 of 13 events", "▶2 Jun 2014", "Russia lifts its arms-sale embargo")

        try tmux.send("j", "j", "j")
        try tmux.waitFor("▶24 Sep – 10 Oct 2016")

        try tmux.send("p")
        try tmux.waitFor("Pairs · type to narrow")
        try tmux.type("usa-pak")
        try tmux.send("Enter")
        try tmux.waitFor("2 of 13 events", "pair USA–PAK", "Trump's Afghanistan strategy speech")
        try tmux.send("P")
        try tmux.waitFor("13 of 13 events")

        try tmux.send("G", "k", "Tab", "Tab")
        try tmux.waitFor("Quotes (19)", "About: Friendship 2017")
        try tmux.send("v")
        try tmux.waitFor("All 29 quotes by speaker")
        try tmux.send("Escape")

        try tmux.enter("/", "helicopter")
        try tmux.waitFor("2 matching events", "search “helicopter”", "▶20 Aug 2015")

        try tmux.resize(width: 160, height: 50)
        try tmux.waitFor("┐┌─ Detail", "All 29 quotes by speaker")
        try tmux.resize(width: 30, height: 8)
        try tmux.waitFor("terminal too small")
        try tmux.resize(width: 80, height: 24)
        try tmux.waitFor("13 of 13 events")

        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
        #expect(tmux.terminalRestored)
    }

    @Test("The trend view in a real terminal: the bars come from the worker, b and a resize read again, Enter opens the pair")
    func trendView() throws {
        let tmux = try Tmux(arguments: ["--pair", "RUS-PAK", "--pair", "IND-RUS", "--from", "1990", "--to", "2025"], width: 80, height: 24)
        try tmux.waitFor("37 of 80 events")
        try tmux.send("t")
        // The counts in the readout are the background read's answer, drawn when it arrived.
        try tmux.waitFor("IND–RUS · 2025: 1 event — 1 verbal cooperation", "▶IND–RUS", "RUS–PAK")
        try tmux.send("j", "b")
        try tmux.waitFor("RUS–PAK · 2025 Q1: no events")
        try tmux.send("h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h", "h")
        try tmux.waitFor("RUS–PAK · 2017 Q1: no events", "│2014")
        try tmux.resize(width: 160, height: 50)
        try tmux.waitFor("RUS–PAK · 2017 Q1: no events", "│2014")
        try tmux.send("Enter")
        try tmux.waitFor("pair RUS–PAK", "of 80 events")
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
        #expect(tmux.terminalRestored)
    }

    @Test("The new user's path at 160×50: drills, Rakisits, the US pair and back, 2014, helicopter")
    func newUser() throws {
        let tmux = try Tmux(arguments: ["--data", Repository.articleFixture], width: 160, height: 50)
        try tmux.waitFor("13 of 13 events")
        try tmux.enter("/", "Friendship 2017")
        try tmux.waitFor("▶25 Sep – 4 Oct 2017", "Nizhny Arkhyz")
        // The quotes pane: Korybko's eight quotes about the drills come first, then Rakisits's.
        try tmux.send("Tab", "Tab")
        try tmux.waitFor("┌─ Quotes (19)")
        for _ in 0..<8 { try tmux.send("j") }
        try tmux.waitFor("Dr. Claude Rakisits", "“Countries which engage in joint military drills")
        try tmux.send("Escape")
        try tmux.enter("p", "united states")
        try tmux.waitFor("2 of 13 events")
        try tmux.send("p", "*")
        try tmux.waitFor("13 of 13 events")
        try tmux.enter(":", "2014")
        try tmux.waitFor("▶2 Jun 2014")
        try tmux.enter("/", "helicopter")
        try tmux.waitFor("2 matching events", "▶20 Aug 2015")
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
        #expect(tmux.terminalRestored)
    }

    @Test("SIGTERM, SIGINT and SIGHUP restore the terminal and exit 143, 130, 129",
          arguments: [("TERM", Int32(15), Int32(143)), ("INT", 2, 130), ("HUP", 1, 129)])
    func signals(_ name: String, _ signal: Int32, _ status: Int32) throws {
        let tmux = try Tmux(arguments: ["--data", Repository.articleFixture])
        try tmux.waitFor("13 of 13 events")
        let pid = try #require(try tmux.programPID())
        kill(pid, signal)
        #expect(try tmux.exitStatus() == status)
        #expect(tmux.terminalRestored)
    }

    @Test("Ctrl-C quits and restores the terminal")
    func controlC() throws {
        let tmux = try Tmux(arguments: ["--data", Repository.articleFixture])
        try tmux.waitFor("13 of 13 events")
        try tmux.send("/", "C-c")
        #expect(try tmux.exitStatus() == 130)
        #expect(tmux.terminalRestored)
    }

    @Test("A dataset full of escape sequences changes nothing but the text shown")
    func hostileDataset() throws {
        let tmux = try Tmux(arguments: ["--data", Repository.fixture("hostile.json")], width: 100, height: 30)
        try tmux.waitFor("1 of 1 events", "␛[31mRed title␛[0m")
        try tmux.send("Enter")
        try tmux.waitFor("Line one", "␛]52;c;aGVsbG8=␇")
        let title = try tmux.tmux(["display-message", "-p", "-t", tmux.session, "#{pane_title}"])
        #expect(!title.contains("pwned"))
        try tmux.send("Escape", "q")
        #expect(try tmux.exitStatus() == 0)
        #expect(tmux.terminalRestored)
    }

    @Test("Start filtered with --pair and --search; --ascii and --no-color")
    func startOptions() throws {
        let tmux = try Tmux(arguments: ["--data", Repository.articleFixture, "--pair", "IND-RUS", "--search", "cancel", "--ascii", "--no-color"])
        try tmux.waitFor("2 of 13 events", "pair IND–RUS", "+- Timeline (2) -")
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
    }

    @Test("An unknown TERM gets a clear message and a non-zero exit, terminal untouched")
    func unknownTerm() throws {
        let tmux = try Tmux(arguments: ["--data", Repository.articleFixture], environment: ["TERM": "no-such-terminal"])
        #expect(try tmux.exitStatus() == 69)
        #expect(tmux.standardError.contains("unknown terminal type 'no-such-terminal' (TERM)"))
        #expect(tmux.terminalRestored)
    }
}
