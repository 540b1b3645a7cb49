import ArchiveInput
import Foundation
import TestSupport
import Testing

/// `bilateral convert` and the reading options that `import` shares with it.
@Suite("convert and import options")
struct ConvertCommandTests {
    let scratch: ScratchFolder
    var directory: URL { scratch.url }

    init() throws {
        scratch = try ScratchFolder("convert")
    }

    func path(_ name: String) -> String { scratch.path(name) }

    @Test("Our JSON converts to our JSON: the same events, validated")
    func roundTrip() throws {
        let out = path("a.json")
        let result = try BinaryRunner.run(["convert", Repository.articleFixture, "-o", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("read 13 records, imported 13, skipped 0"))
        let original = try BinaryRunner.run(["list", "--format", "json", "--data", Repository.articleFixture, "--no-cache"])
        let converted = try BinaryRunner.run(["list", "--format", "json", "--data", out, "--no-cache"])
        #expect(converted.status == 0)
        #expect(converted.stdout == original.stdout)
        #expect(try BinaryRunner.run(["validate", out]).status == 0)
    }

    @Test("Bad usage: no input, an unknown --map field or format")
    func usage() throws {
        #expect(try BinaryRunner.run(["convert", "-o", path("x.json")]).status == 64)
        let badMap = try BinaryRunner.run(["convert", Repository.articleFixture, "--map", "dte=x", "-o", path("x.json")])
        #expect(badMap.status == 64)
        #expect(badMap.stderr.contains("did you mean 'date'?"))
        #expect(try BinaryRunner.run(["import", Repository.articleFixture, "--format", "xml", "-o", path("x.bilateral")]).status == 64)
    }

    @Test("A missing input exits 66 and writes nothing")
    func missing() throws {
        let result = try BinaryRunner.run(["convert", path("nope.json"), "-o", path("x.json")])
        #expect(result.status == 66)
        #expect(!FileManager.default.fileExists(atPath: path("x.json")))
    }
}

/// GDELT exports through the command: plain and zipped, skipped rows counted.
@Suite("import of GDELT files")
struct GDELTCommandTests {
    static func row(_ id: Int, _ a: String, _ b: String) -> String {
        var fields = Array(repeating: "", count: 61)
        fields[0] = String(id); fields[1] = "20240105"; fields[7] = a; fields[17] = b
        fields[26] = "190"; fields[27] = "190"; fields[28] = "19"; fields[30] = "-10"
        fields[60] = "https://news.example/\(id % 2)"
        return fields.joined(separator: "\t")
    }

    @Test("A zipped 2.0 export imports; rows without two countries are counted by reason")
    func zipped() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bilateral-gdelt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = [Self.row(1, "RUS", "UKR"), Self.row(2, "USA", "CHN"), Self.row(3, "AFR", "USA"), Self.row(4, "RUS", "")].joined(separator: "\n") + "\n"
        let zip = directory.appendingPathComponent("20240105120000.export.CSV.zip").path
        try Data(try ZipArchive.make([("20240105120000.export.CSV", Array(text.utf8))])).write(to: URL(fileURLWithPath: zip))
        let store = directory.appendingPathComponent("g.bilateral").path
        let result = try BinaryRunner.run(["import", zip, "-o", store])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("read 4 records, imported 2, skipped 2 (1 with a regional or unknown actor country code, 1 without two actor countries)"))
        let shown = try BinaryRunner.run(["show", "gdelt-1", "--data", store])
        #expect(shown.stdout.contains("Russia → Ukraine: Use conventional military force"))
        #expect(shown.stdout.contains("GoldsteinScale: -10"))
        #expect(shown.stdout.contains("EventCode: 190"))
        let plain = directory.appendingPathComponent("20240105.export.CSV").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: plain))
        #expect(try BinaryRunner.run(["convert", plain, "-o", directory.appendingPathComponent("g.json").path]).status == 0)
        let damaged = directory.appendingPathComponent("bad.zip").path
        try Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]).write(to: URL(fileURLWithPath: damaged))
        let bad = try BinaryRunner.run(["import", damaged, "-o", store])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("bad.zip:1:1: (file): a damaged ZIP archive"))
    }
}

/// Hostile text in an imported file reaches the terminal only as visible placeholders.
@Suite("hostile imports")
struct HostileImportTests {
    @Test("Escape sequences in rows, column names and problems are shown, not obeyed")
    func hostileCSV() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bilateral-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("h.csv").path
        let text = "date,from,to,title,\u{1B}]0;pwned\u{07}\n2017,RUS,PAK,\"\u{1B}[2J\u{9B}31mCleared\u{202E}\",x\n\u{1B}[31m,RUS,PAK,bad,y\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: csv))
        let store = directory.appendingPathComponent("h.bilateral").path
        let result = try BinaryRunner.run(["import", csv, "-o", store, "--skip-invalid"] + ["date", "from", "to", "title"].flatMap { ["--map", "\($0)=\($0)"] })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("h.csv:3:1: date: not a date: '␛[31m'"))
        let listed = try BinaryRunner.run(["list", "--data", store])
        let shown = try BinaryRunner.run(["show", "h-2", "--data", store])
        #expect(listed.status == 0 && shown.status == 0)
        #expect(listed.stdout.contains("␛[2J") && shown.stdout.contains("␛[2J"), "the title is shown with its escapes made visible")
        for output in [result.stderr, listed.stdout, shown.stdout] {
            #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E })
        }
        #expect(try BinaryRunner.run(["show", "h-2", "--data", store]).stdout.contains("␛]0;pwned␇: x"))
    }
}
