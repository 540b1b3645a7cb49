import Foundation
import TestSupport
import Testing

/// Writes that fail end cleanly: a full device gives one line and 74 (stdout) or 73 (a file, with
/// nothing left behind), a reader gone with SIGPIPE ignored a quiet 141, and never a trap.
@Suite("failed writes")
struct WriteFailureTests {
    let scratch: ScratchFolder

    init() throws {
        scratch = try ScratchFolder("writes")
    }

    /// The binary run by `/bin/sh -c script`, as `"$0"` with `"$@"`: for redirections, traps and limits.
    static func shell(_ script: String, _ arguments: [String], directory: URL? = nil) throws -> BinaryRunner.Result {
        try BinaryRunner.run(["-c", script, BinaryRunner.binary.path] + arguments, executable: URL(fileURLWithPath: "/bin/sh"),
                             directory: directory)
    }

    /// A dataset whose `list --format json` is far more than a pipe holds (about 3 MB).
    private func largeDataset() throws -> String {
        let path = scratch.path("large.json")
        let generated = try BinaryRunner.run(["generate", "--events", "3000", "-o", path])
        #expect(generated.status == 0, "\(generated.stderr)")
        return path
    }

    static let noSpace = "bilateral: cannot write to standard output: No space left on device\n"

    @Test("Every command's stdout on /dev/full: one line and exit 74, no trap", arguments: [
        ["list"], ["list", "--format", "json"], ["list", "--format", "csv"], ["list", "--format", "markdown"], ["list", "--count"],
        ["pairs"], ["pairs", "--format", "json"], ["show", "friendship-2017"], ["show", "friendship-2017", "--format", "json"],
        ["quotes"], ["quotes", "--format", "json"], ["generate"], ["generate", "--format", "gdelt"], ["--help"], ["--version"],
    ])
    func fullDevice(arguments: [String]) throws {
        let result = try Self.shell(#"exec "$0" "$@" > /dev/full"#, arguments)
        #expect(result.status == 74, "\(arguments): \(result.status) \(result.stderr)")
        #expect(result.stderr == Self.noSpace, "\(arguments)")
    }

    @Test("validate's summary on /dev/full: 74, not reported as a bad dataset")
    func validateFullDevice() throws {
        let result = try Self.shell(#"exec "$0" "$@" > /dev/full"#, ["validate", Repository.articleFixture])
        #expect(result.status == 74)
        #expect(result.stderr == Self.noSpace)
    }

    @Test("A large list on /dev/full fails at its first page, as a store and as JSON", arguments: ["json", "csv", "table"])
    func largeListFullDevice(format: String) throws {
        let data = try largeDataset()
        let result = try Self.shell(#"exec "$0" "$@" > /dev/full"#, ["list", "--format", format, "--data", data, "--no-cache"])
        #expect(result.status == 74, "\(format): \(result.stderr)")
        #expect(result.stderr == Self.noSpace)
    }

    /// The reader (`head -c1`) goes after one byte; with SIGPIPE ignored the next write fails
    /// with EPIPE. What bilateral wrote to stderr and its status come back on stderr.
    static let closedPipe = #"""
        trap '' PIPE
        { "$0" "$@" 2>&3; echo "status $?" >&3; } 3>&2 | head -c1 > /dev/null
        """#

    @Test("stdout closed early with SIGPIPE ignored: quiet, status 141, no trap", arguments: [
        ["list", "--format", "json"], ["list", "--format", "csv"], ["list"], ["generate", "--events", "20000"],
    ])
    func closedPipe(arguments: [String]) throws {
        let data = try largeDataset()
        let command = arguments.first == "generate" ? arguments : arguments + ["--data", data, "--no-cache"]
        let result = try Self.shell(Self.closedPipe, command)
        #expect(result.stderr == "status 141\n", "\(arguments): \(result.stderr)")
    }

    @Test("generate -o that cannot be written midway (a file size limit): exit 73, nothing left, the old file untouched")
    func generateFailsMidway() throws {
        let output = scratch.path("out.json")
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: output))
        // 100 blocks of 512 bytes; with SIGXFSZ ignored, the write past them fails with EFBIG.
        let result = try Self.shell(#"ulimit -f 100; trap '' XFSZ; exec "$0" "$@""#, ["generate", "--events", "20000", "-o", output])
        #expect(result.status == 73, "\(result.status) \(result.stderr)")
        #expect(result.stderr == "bilateral: cannot write \(output): File too large\n")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path) == ["out.json"])

        try FileManager.default.removeItem(atPath: output)
        let fresh = try Self.shell(#"ulimit -f 100; trap '' XFSZ; exec "$0" "$@""#, ["generate", "--events", "20000", "-o", output])
        #expect(fresh.status == 73)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).isEmpty, "no partial file, no temporary file")
    }

    @Test("export -o that cannot be written midway (a file size limit): exit 73, the old file untouched, nothing else left",
          arguments: ["jsonl", "bilateral", "csv"])
    func exportFailsMidway(format: String) throws {
        let data = try largeDataset()
        let output = scratch.path("out.export")
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: output))
        // 2,000 blocks of 512 bytes: past the export's first buffer, so the failure comes between writes.
        let result = try Self.shell(#"ulimit -f 2000; trap '' XFSZ; exec "$0" "$@""#,
                                    ["export", "--data", data, "--no-cache", "--format", format, "-o", output])
        #expect(result.status == 73, "\(result.status) \(result.stderr)")
        #expect(result.stderr == "bilateral: cannot write \(output): File too large\n")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted() == ["large.json", "out.export"])
    }

    @Test("generate -o writes the bytes it writes to stdout, through a temporary file renamed into place")
    func generateToFile() throws {
        let output = scratch.path("g.json")
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: output))
        let toFile = try BinaryRunner.run(["generate", "--events", "500", "--seed", "7", "-o", output])
        let toStdout = try BinaryRunner.run(["generate", "--events", "500", "--seed", "7"])
        #expect(toFile.status == 0 && toFile.stdout.isEmpty)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == toStdout.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path) == ["g.json"])
    }
}
