import Foundation
import Testing
import TestSupport

/// A trap in the browser (a Swift runtime error is SIGILL or SIGTRAP) must not leave the user's
/// terminal in the alternate screen with mouse reporting on and echo off. The crash is simulated by
/// sending the signal a fault would raise; the handler runs the same way for both. The runtime's
/// crash report still follows, on the restored screen.
@Suite("The terminal after a crash", .serialized)
struct CrashRestoreTests {
    @Test("A crash leaves the alternate screen and mouse mode, restores the modes, and still dies of its signal",
          arguments: [("ILL", SIGILL), ("TRAP", SIGTRAP), ("ABRT", SIGABRT), ("SEGV", SIGSEGV), ("BUS", SIGBUS), ("FPE", SIGFPE), ("QUIT", SIGQUIT)])
    func crash(_ name: String, _ signal: Int32) throws {
        // The Swift runtime's backtracer runs after the terminal is restored; on a terminal it would
        // wait up to 30 s for a key before it exits, so the test asks it not to.
        let tmux = try Tmux(arguments: ["--data", Repository.articleFixture], environment: ["SWIFT_BACKTRACE": "interactive=no"])
        try tmux.waitFor("13 of 13 events")
        #expect(try tmux.paneModes() == "1 1", "the browser is in the alternate screen with the mouse on before the crash")
        let pid = try #require(try tmux.programPID())
        kill(pid, signal)
        #expect(try tmux.exitStatus() == 128 + signal, "SIG\(name): the process still dies of the signal")
        #expect(try tmux.paneModes() == "0 0", "SIG\(name): alternate screen and mouse reporting are off")
        #expect(tmux.terminalRestored, "SIG\(name): the terminal modes are as before")
        #expect(tmux.standardError.contains("Program crashed"), "SIG\(name): the runtime's crash report still comes (on stderr)")
    }
}

extension Tmux {
    /// "alternate-screen mouse-reporting", each 1 or 0, as tmux tracks the pane.
    func paneModes() throws -> String {
        try tmux(["display-message", "-p", "-t", session, "#{alternate_on} #{mouse_any_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A store damaged where the first screen reads it: the browser restores the terminal, then says
/// what is wrong in one line naming the file, and exits 65 (not a footer message in a live screen).
@Suite("A damaged store in the browser", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
struct DamagedStoreBrowserTests {
    /// A generated store of `events` events with `damage` applied by sqlite3, in `scratch` (which
    /// removes it when it goes).
    static func damagedStore(_ scratch: ScratchFolder, events: Int, damage: String) throws -> String {
        let json = scratch.path("data.json"), store = scratch.path("damaged.bilateral")
        _ = try BinaryRunner.run(["generate", "--events", String(events), "--seed", "4", "-o", json])
        #expect(try BinaryRunner.run(["import", json, "-o", store]).status == 0)
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [store, damage]
        try sqlite.run()
        sqlite.waitUntilExit()
        return store
    }

    /// The browser on `store` ended by the damage: exit 65, the terminal restored, one line on stderr.
    static func browserEnds(on store: String) throws -> [Substring] {
        let tmux = try Tmux(arguments: ["--data", store])
        #expect(try tmux.exitStatus() == 65)
        #expect(tmux.terminalRestored)
        #expect(try tmux.paneModes() == "0 0")
        let lines = tmux.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(lines)")
        return lines
    }

    @Test("The browser leaves the screen and exits 65 with one line naming the file")
    func damagedTitle() throws {
        // A title that is a blob: the store opens (its cheap checks pass) and fails on the first page.
        let scratch = try ScratchFolder("damaged-browse")
        let store = try Self.damagedStore(scratch, events: 50, damage: "UPDATE events SET title = x'00ff' WHERE num = 2")
        let lines = try Self.browserEnds(on: store)
        #expect(lines.first?.hasPrefix("bilateral: \(store): corrupt store: events.title") == true, "\(lines)")
    }

    /// The count of the events rows is left out of the open (it reads a whole index, in a time that
    /// grows with the store) and made on a worker once the first screen is drawn.
    @Test("A row missing far from the first screen ends the session once the worker has counted")
    func missingRowFoundByTheDeferredCount() throws {
        let scratch = try ScratchFolder("damaged-browse-count")
        let store = try Self.damagedStore(scratch, events: 5000, damage: "DELETE FROM events WHERE num = 4990")
        let says = "corrupt store: 4999 events numbered 1...5000 where the meta table says 1...5000"
        // A command counts at open.
        let listed = try BinaryRunner.run(["list", "--from", "1990", "--data", store])
        #expect(listed.status == 65 && listed.stderr.contains(says), "\(listed.stderr)")
        let lines = try Self.browserEnds(on: store)
        #expect(lines.first == "bilateral: \(store): \(says)", "\(lines)")
    }
}

