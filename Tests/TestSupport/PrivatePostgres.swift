import Foundation

/// A PostgreSQL server of a test's own (`scripts/dev-postgres` in a scratch folder), for tests that
/// stop and start the server under a client, leaving the shared test server up for the others.
/// Stopped and removed when the value goes.
public final class PrivatePostgres {
    let folder: ScratchFolder
    let directory: String
    /// `postgresql://bilateral@127.0.0.1:PORT/bilateral`; the port stays the same across `halt` and `resume`.
    public private(set) var url = ""

    public init() throws {
        folder = try ScratchFolder("pgserver")
        directory = folder.path("server")
        try run("start")
        let port = try String(contentsOfFile: directory + "/port", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        url = "postgresql://bilateral@127.0.0.1:\(port)/bilateral"
    }

    /// Stops the server (a fast shutdown: clients' connections are closed), keeping its data.
    public func halt() throws { try run("halt") }

    /// Starts it again on the same port.
    public func resume() throws { try run("start") }

    deinit { try? run("stop") }

    /// Runs the script with posix_spawn and waitpid, its output to nowhere, and no descriptor of
    /// ours: the server it starts outlives it, which Foundation's Process mishandles (its wait never
    /// returned) and which would hold any pipe it inherited open (as `Tmux` found for tmux).
    private func run(_ command: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let inherited = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
        for descriptor in inherited where descriptor > 2 { posix_spawn_file_actions_addclose(&actions, descriptor) }
        let script = Repository.path("scripts/dev-postgres")
        let words: [String] = [script, command, directory]
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { environment.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, script, &actions, nil, argv, environment) == 0 else {
            throw Failure(description: "cannot run scripts/dev-postgres")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else { throw Failure(description: "scripts/dev-postgres \(command) failed (status \(status))") }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }
}
