import Foundation
import TestSupport

/// Drives the real binary in a detached tmux session on a private socket: type keys, read
/// the screen, resize, and collect the exit status and terminal modes afterwards.
final class Tmux {
    let socket = "bilateral-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
    let session = "e2e"
    let directory: URL

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `bilateral arguments` at width × height, recording `stty -g` before and after
    /// and the exit status, then keeps the pane open for reading.
    init(arguments: [String], width: Int = 80, height: Int = 24, environment: [String: String] = [:]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bilateral-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let binary = BinaryRunner.binary.path
        let quoted = ([binary] + arguments).map(Self.shellQuote).joined(separator: " ")
        let exports = (["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "XDG_CACHE_HOME": BinaryRunner.testCache].merging(environment) { $1 })
            .map { "\($0.key)=\(Self.shellQuote($0.value))" }.sorted().joined(separator: " ")
        let dir = Self.shellQuote(directory.path)
        // The shell traps (not ignores) the signals, so it outlives a Ctrl-C to record the status.
        let script = "trap : INT HUP TERM; stty -g > \(dir)/before; env \(exports) \(quoted) 2> \(dir)/stderr; echo $? > \(dir)/status.tmp; "
            + "stty -g > \(dir)/after; mv \(dir)/status.tmp \(dir)/status; sleep 120"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", "sh", "-c", script])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: directory)
    }

    static func shellQuote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs tmux and returns what it printed. posix_spawn and waitpid, not Foundation's
    /// Process: the tmux client forks the server, which Process's exit monitoring mishandles.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let outputPath = directory.appendingPathComponent("tmux-output-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // The tmux server outlives this call: it must not keep any other descriptor of the
        // test process (a pipe another test is reading) open.
        // (glibc ignores a close action on a descriptor that has closed meanwhile.)
        let inherited = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
        for descriptor in inherited where descriptor > 2 { posix_spawn_file_actions_addclose(&actions, descriptor) }
        let argv = (["tmux", "-u", "-L", socket] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { environment.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, "tmux", &actions, nil, argv, environment) == 0 else {
            throw Failure(description: "cannot start tmux; is it installed?")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else { throw Failure(description: "tmux \(arguments.joined(separator: " ")): \(output)") }
        return output
    }

    var screen: String { (try? tmux(["capture-pane", "-p", "-t", session])) ?? "" }

    /// Sends keys by tmux name ("j", "Enter", "C-c", "BTab") or literal text.
    func send(_ keys: String...) throws {
        for key in keys { try tmux(["send-keys", "-t", session, key]) }
    }

    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", session, "-l", text])
    }

    /// Opens a prompt or picker with `key`, types `text` and presses Enter: `/helicopter`, `:2014`.
    func enter(_ key: String, _ text: String) throws {
        try send(key)
        try type(text)
        try send("Enter")
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Waits until the screen contains every one of `texts` (a frame can be caught half
    /// drawn, so wait for all that is asserted), returning the screen; throws with the last
    /// screen if it never does.
    @discardableResult
    func waitFor(_ texts: String..., timeout: TimeInterval = 15) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen
            if texts.allSatisfy(last.contains) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "timed out waiting for \(texts); screen was:\n\(last)")
    }

    /// Waits for the program to exit and returns its status.
    func exitStatus(timeout: TimeInterval = 15) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        let url = directory.appendingPathComponent("status")
        while Date() < deadline {
            if let text = try? String(contentsOf: url, encoding: .utf8), let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "the program did not exit; screen was:\n\(screen)")
    }

    /// Whether the terminal modes after the program match those before it.
    var terminalRestored: Bool {
        let before = try? String(contentsOf: directory.appendingPathComponent("before"), encoding: .utf8)
        let after = try? String(contentsOf: directory.appendingPathComponent("after"), encoding: .utf8)
        return before != nil && before == after
    }

    var standardError: String {
        (try? String(contentsOf: directory.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
    }

    /// The pid of the program running in the pane's shell.
    func programPID() throws -> Int32? {
        let shell = try tmux(["display-message", "-p", "-t", session, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let output = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return output.split(separator: " ").compactMap { Int32($0) }.first { pid in
            let command = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
            return command.contains("bilateral")
        } ?? output.split(separator: " ").compactMap { Int32($0) }.first
    }
}
