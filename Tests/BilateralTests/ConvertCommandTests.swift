import Foundation
import Testing

/// `bilateral convert` and the reading options that `import` shares with it.
@Suite("convert and import options")
struct ConvertCommandTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bilateral-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    @Test("Our JSON converts to our JSON: the same events, validated")
    func roundTrip() throws {
        let out = path("a.json")
        let result = try BinaryRunner.run(["convert", BinaryRunner.articleFixture, "-o", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("read 13 records, imported 13, skipped 0"))
        let original = try BinaryRunner.run(["list", "--format", "json", "--data", BinaryRunner.articleFixture, "--no-cache"])
        let converted = try BinaryRunner.run(["list", "--format", "json", "--data", out, "--no-cache"])
        #expect(converted.status == 0)
        #expect(converted.stdout == original.stdout)
        #expect(try BinaryRunner.run(["validate", out]).status == 0)
    }

    @Test("Bad usage: no input, an unknown --map field or format")
    func usage() throws {
        #expect(try BinaryRunner.run(["convert", "-o", path("x.json")]).status == 64)
        let badMap = try BinaryRunner.run(["convert", BinaryRunner.articleFixture, "--map", "dte=x", "-o", path("x.json")])
        #expect(badMap.status == 64)
        #expect(badMap.stderr.contains("did you mean 'date'?"))
        #expect(try BinaryRunner.run(["import", BinaryRunner.articleFixture, "--format", "xml", "-o", path("x.bilateral")]).status == 64)
    }

    @Test("A missing input exits 66 and writes nothing")
    func missing() throws {
        let result = try BinaryRunner.run(["convert", path("nope.json"), "-o", path("x.json")])
        #expect(result.status == 66)
        #expect(!FileManager.default.fileExists(atPath: path("x.json")))
    }
}
