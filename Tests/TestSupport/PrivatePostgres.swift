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

    /// Runs the script with its output to nowhere: a pipe would never reach its end, as the
    /// server it starts inherits it.
    private func run(_ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repository.path("scripts/dev-postgres"))
        process.arguments = [command, directory]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: "scripts/dev-postgres \(command) failed") }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }
}
