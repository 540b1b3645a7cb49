import Foundation
import TestSupport
import Testing

/// What reaches stdout from a dataset's text: JSON escapes what a terminal would obey, text
/// output shows what it would otherwise swallow, and unreadable inputs end in a clear message.
@Suite("Output safety")
struct OutputSafetyTests {
    /// DEL, C1 (U+009B is a one-byte CSI), bidi embeddings, overrides and isolates.
    static let controls = "\u{7F}\u{80}\u{9B}\u{9F}\u{202A}\u{202E}\u{2066}\u{2069}"

    private func withDataset(title: String, summary: String, quote: String,
                             _ body: (String) throws -> Void) throws {
        func json(_ text: String) -> String {
            String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
        }
        let dataset = """
        {"format": "bilateral-timeline/1", "title": "t",
         "people": [{"id": "p", "name": "P"}],
         "sources": [{"id": "s", "publisher": "p"}],
         "events": [{"id": "e", "date": "2017", "title": \(json(title)), "summary": \(json(summary)),
                     "participants": {"mode": "mutual", "countries": ["RUS", "PAK"]},
                     "kind": "talks", "status": "occurred", "sources": ["s"]}],
         "quotes": [{"id": "q", "speaker": "p", "text": \(json(quote)), "events": ["e"], "source": "s"}]}
        """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("safety-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try dataset.write(toFile: path, atomically: true, encoding: .utf8)
        try body(path)
    }

    @Test("--format json of list, show and quotes escapes DEL, C1 and bidi controls as \\u escapes")
    func jsonEscapesControls() throws {
        let text = "a" + Self.controls + "b"
        try withDataset(title: text, summary: text, quote: text) { path in
            for arguments in [["list"], ["show", "e"], ["quotes"]] {
                let result = try BinaryRunner.run(arguments + ["--format", "json", "--data", path])
                #expect(result.status == 0, "\(arguments)")
                for scalar in Self.controls.unicodeScalars {
                    #expect(!result.stdout.unicodeScalars.contains(scalar), "\(arguments) passed U+\(String(scalar.value, radix: 16)) raw")
                }
                #expect(result.stdout.contains(#"a\u007f\u0080\u009b\u009f\u202a\u202e\u2066\u2069b"#), "\(arguments)")
                // Still the same text to a JSON reader.
                let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
                let record = (parsed as? [[String: Any]])?.first ?? (parsed as? [String: Any])
                let field = arguments[0] == "quotes" ? "text" : "title"
                #expect(record?[field] as? String == text, "\(arguments)")
            }
        }
    }

    @Test("show shows a lone carriage return in a title or summary as ␍; CR LF stays a line break")
    func loneCarriageReturn() throws {
        try withDataset(title: "Title\rhidden", summary: "one\rtwo\r\nthree", quote: "q") { path in
            let output = try BinaryRunner.run(["show", "e", "--data", path]).stdout
            #expect(output.contains("Title␍hidden"))
            #expect(output.contains("one␍two\nthree"))
            #expect(!output.contains("\r"))
        }
    }

    @Test("validate /dev/zero ends at once with a message naming the file, exit 66")
    func devZero() throws {
        let result = try BinaryRunner.run(["validate", "/dev/zero"])
        #expect(result.status == 66)
        #expect(result.stderr == "/dev/zero:1:1: (file): is a device, not a dataset file\n")
    }
}
