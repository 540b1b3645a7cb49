import Foundation
import Testing
import TestSupport

/// A `--data` file that is neither a store nor text gets one line, not a screen of UTF-8 errors;
/// a JSON file with a bad byte past its start is still reported where the byte is.
@Suite("Binary data given as a dataset")
struct BinaryDataTests {
    let scratch: ScratchFolder
    init() throws { scratch = try ScratchFolder("binary-data") }

    @Test("Random bytes named .bilateral: one line, exit 65")
    func randomBytes() throws {
        var generator = SystemRandomNumberGenerator()
        let path = scratch.path("random.bilateral")
        try Data((0..<3000).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: URL(fileURLWithPath: path))
        let result = try BinaryRunner.run(["list", "--data", path])
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.contains("\(path):1:1: (file): not a store (nor a JSON dataset)") == true, "\(lines)")
    }

    @Test("Text with a bad byte past the first 4 KB, and a character cut at 4 KB, are read as JSON")
    func textIsNotBinary() throws {
        // "é" is two bytes; the padding puts one of them at byte 4096.
        let padding = String(repeating: " ", count: 4084)
        let path = scratch.path("late.json")
        var bytes = Array(("{" + padding + "\"title\": \"é\"").utf8)
        bytes += [0xFF] + Array("}".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let result = try BinaryRunner.run(["list", "--data", path, "--no-cache"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("invalid UTF-8 byte 0xFF"), "\(result.stderr)")
        #expect(!result.stderr.contains("binary data"), "\(result.stderr)")
    }
}
