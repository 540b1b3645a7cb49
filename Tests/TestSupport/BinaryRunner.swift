import Foundation

/// Runs the built `bilateral` binary and captures what it prints and how it exits.
public struct BinaryRunner {
    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }


    /// The binary beside the test bundle (`swift test` builds it because the tests depend on it).
    public static var binary: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("bilateral")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return Repository.root.appendingPathComponent(".build/debug/bilateral")
    }


    /// A cache folder for this test process.
    public static let testCache: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bilateral-test-cache-\(getpid())").path
        // Removed when the test process ends, so runs leave no stores behind in the temporary folder.
        atexit { try? FileManager.default.removeItem(atPath: BinaryRunner.testCache) }
        return path
    }()


    public static func run(_ arguments: [String], executable: URL = binary, directory: URL? = nil,
                    environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = environment ?? ProcessInfo.processInfo.environment
        env.removeValue(forKey: "COLUMNS")
        // JSON datasets are cached as stores: the tests' cache is their own, not the user's.
        if env["XDG_CACHE_HOME"] == nil { env["XDG_CACHE_HOME"] = testCache }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting, so a large output cannot fill a pipe and deadlock.
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errBox.data
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The binary with the three signals at their default actions and none blocked, whatever the
    /// test runner has set (a child inherits ignored signals, and then an import rightly keeps them).
    public static func spawnWithDefaultSignals(_ arguments: [String], environment: [String: String] = [:]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let path = binary.path
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard result == 0 else { throw CocoaError(.fileReadUnknown) }
        return pid
    }
}

/// Carries the stderr bytes out of the reading thread; the group's wait orders the accesses.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
