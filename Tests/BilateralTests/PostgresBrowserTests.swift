import Foundation
import TestSupport
import Testing

/// The browser over PostgreSQL when the server stops and starts again under it: one footer line
/// while it is away, the key waits, browsing goes on when it is back, and the terminal is restored.
@Suite("The browser on a lost connection", .serialized, .enabled(if: TestPostgres.enabled, Comment(rawValue: TestPostgres.skipReason)))
struct PostgresBrowserTests {
    @Test("Server stopped and started under the browser: it waits, then goes on")
    func serverRestarted() throws {
        _ = try TestPostgres.server()
        let server = try PrivatePostgres()
        let address = server.url + "?dataset=article"
        #expect(try BinaryRunner.run(["import", Repository.articleFixture, "-o", address]).status == 0)
        let tmux = try Tmux(arguments: ["--data", address], width: 80, height: 24)
        try tmux.waitFor("13 of 13 events", "▶2 Jun 2014")

        try server.halt()
        try tmux.send("j")
        let waiting = try tmux.waitFor("connection lost, retrying…")
        #expect(!waiting.contains("store error"))
        #expect(!waiting.contains("PostgreSQL at"))
        // The screen before the key: the first event still selected.
        #expect(waiting.contains("▶2 Jun 2014"))

        try server.resume()
        // The waiting key takes effect once the server answers (retried every second).
        let deadline = Date().addingTimeInterval(20)
        var screen = tmux.screen
        while Date() < deadline, screen.contains("connection lost") || screen.contains("▶2 Jun 2014") {
            Thread.sleep(forTimeInterval: 0.1)
            screen = tmux.screen
        }
        #expect(!screen.contains("connection lost"), "\(screen)")
        #expect(!screen.contains("▶2 Jun 2014"), "\(screen)")
        try tmux.send("j", "j")
        try tmux.waitFor("▶24 Sep – 10 Oct 2016")
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
        #expect(tmux.terminalRestored)
        #expect(tmux.standardError.isEmpty, "\(tmux.standardError)")
    }
}
