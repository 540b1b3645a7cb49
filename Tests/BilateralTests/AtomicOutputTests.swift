import Foundation
import Testing
import TestSupport

/// Outputs written beside their path and renamed into place: a signal leaves nothing behind, a
/// symlinked output replaces its target (the link stays), and a file keeps its permissions.
@Suite("Atomic outputs")
struct AtomicOutputTests {
    let scratch: ScratchFolder
    init() throws { scratch = try ScratchFolder("atomic-output") }

    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.contains(".tmp-") }
    }

    @Test("generate -o stopped by SIGTERM mid-write leaves no temporary file and no output")
    func interruptedGenerate() throws {
        let output = scratch.path("big.json")
        // The signals at their default actions: the test runner's ignored ones would be inherited.
        let pid = try BinaryRunner.spawnWithDefaultSignals(["generate", "--events", "3000000", "-o", output])
        // Wait (bounded) until the temporary file exists: the write is under way.
        let deadline = Date().addingTimeInterval(30)
        while try leftovers().isEmpty, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(try !leftovers().isEmpty, "no temporary file appeared")
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        #expect(status & 0x7F == SIGTERM, "ended by the signal (wait status \(status))")
        #expect(try leftovers() == [])
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("-o through a symlink replaces the target, keeps the link, and keeps the target's permissions")
    func symlinkAndMode() throws {
        let target = scratch.path("target.json"), link = scratch.path("link.json")
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        chmod(target, 0o600)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.json")
        let result = try BinaryRunner.run(["generate", "--events", "5", "-o", link])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target.json")
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written.hasPrefix("{"))
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try leftovers() == [])
    }
}
