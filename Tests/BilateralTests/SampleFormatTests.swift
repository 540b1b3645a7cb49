import Foundation
import TestSupport
import Testing

/// The hand-made sample of each format in Fixtures/formats: imported, then browsed through `list`
/// and `show` as a person would.
@Suite("samples of each format")
struct SampleFormatTests {
    static func sample(_ name: String) -> String { Repository.fixture("formats/" + name) }

    static let cases: [(file: String, options: [String], summary: String, id: String, shows: String)] = [
        ("20240105120000.export.CSV", [], "read 12 records, imported 10, skipped 2 (1 with a regional or unknown actor country code, 1 within one country)",
         "gdelt-400000001", "Attributes"),
        ("events.2018.sample.tab", [], "read 6 records, imported 3, skipped 3 (1 within one country, 1 without two countries, 1 with a country not in ISO 3166-1)",
         "icews-26710001", "Russia → Ukraine: Make statement"),
        ("timeline.json", [], "read 5 records, imported 5, skipped 0", "friendship-2017", "start_time: 09:30"),
        ("events.jsonl", [], "read 3 records, imported 3, skipped 0", "un-1945", "no countries"),
        ("events.csv", ["--map", "date=Event Date", "--map", "from=Source Country", "--map", "to=Target Country", "--map", "title=Event Text"],
         "read 3 records, imported 3, skipped 0", "events-2", "Code: 0231"),
    ]

    @Test("Each sample imports with its summary, lists and shows", arguments: cases.indices)
    func sample(_ index: Int) throws {
        let item = Self.cases[index]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bilateral-sample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("s.bilateral").path
        let imported = try BinaryRunner.run(["import", Self.sample(item.file), "-o", store] + item.options)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains(item.summary), "\(imported.stderr)")
        let listed = try BinaryRunner.run(["list", "--data", store])
        #expect(listed.status == 0)
        #expect(listed.stdout.split(separator: "\n").count > 1)
        let shown = try BinaryRunner.run(["show", item.id, "--data", store])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains(item.shows), "\(shown.stdout)")
        let json = try BinaryRunner.run(["convert", Self.sample(item.file), "-o", directory.appendingPathComponent("s.json").path] + item.options)
        #expect(json.status == 0, "\(json.stderr)")
    }
}
