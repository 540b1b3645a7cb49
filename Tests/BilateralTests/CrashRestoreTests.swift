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
          arguments: [("ILL", SIGILL), ("TRAP", SIGTRAP), ("ABRT", SIGABRT), ("SEGV", SIGSEGV), ("BUS", SIGBUS)])
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
