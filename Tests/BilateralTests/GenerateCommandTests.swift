import Foundation
import TestSupport
import Testing

/// `bilateral generate`: the benchmarks' data must be the same bytes for the same seed, and valid.
@Suite("generate")
struct GenerateCommandTests {
    @Test("The same seed writes the same bytes; another seed other bytes; the result validates")
    func seeded() throws {
        let first = try BinaryRunner.run(["generate", "--events", "300", "--seed", "42"])
        let again = try BinaryRunner.run(["generate", "--events", "300", "--seed", "42"])
        let other = try BinaryRunner.run(["generate", "--events", "300", "--seed", "43"])
        #expect(first.status == 0)
        #expect(first.stdout == again.stdout)
        #expect(other.status == 0 && !other.stdout.isEmpty)
        #expect(first.stdout != other.stdout)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("generated-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try first.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        let validated = try BinaryRunner.run(["validate", path])
        #expect(validated.status == 0, "\(validated.stderr)")
        #expect(validated.stdout.contains("ok: 300 events"))
    }
}
