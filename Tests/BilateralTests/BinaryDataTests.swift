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
        // Seeded bytes (an LCG), the same every run.
        var state: UInt64 = 42
        let bytes = (0..<3000).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let path = scratch.path("random.bilateral")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let result = try BinaryRunner.run(["list", "--data", path])
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.contains("\(path):1:1: (file): not a store (nor a JSON dataset)") == true, "\(lines)")
    }

    @Test("Not UTF-8 but without NUL and not beginning as JSON: one line as well")
    func latin1Text() throws {
        let path = scratch.path("latin1.txt")
        try Data("Caf\u{E9} au lait, na\u{EF}ve".unicodeScalars.map { UInt8($0.value) }).write(to: URL(fileURLWithPath: path))
        let result = try BinaryRunner.run(["list", "--data", path])
        #expect(result.status == 65)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("not a store (nor a JSON dataset)"), "\(result.stderr)")
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

    @Test("Text that does not begin as JSON, with a character cut or whole at 4 KB, is not called binary",
          arguments: ["é", "€", "😀"])
    func characterAtTheBoundary(character: String) throws {
        for cut in 0..<character.utf8.count {
            // The character starts `cut` bytes before byte 4096: cut short by the head, or (cut 0) whole in it.
            let prefix = String(repeating: "x", count: 4096 - character.utf8.count + cut)
            let path = scratch.path("boundary-\(cut).txt")
            try Data((prefix + character + " more").utf8).write(to: URL(fileURLWithPath: path))
            let result = try BinaryRunner.run(["list", "--data", path, "--no-cache"])
            #expect(result.status == 65)
            #expect(!result.stderr.contains("binary data"), "\(character) at \(cut): \(result.stderr)")
        }
    }

    @Test("UTF-16 text is named as such")
    func utf16() throws {
        let path = scratch.path("utf16.json")
        try Data([0xFF, 0xFE] + Array("{}".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: URL(fileURLWithPath: path))
        let result = try BinaryRunner.run(["list", "--data", path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("UTF-16 or UTF-32 text; convert it to UTF-8"), "\(result.stderr)")
    }
}
