import Foundation
import TestSupport
import Testing

/// `bilateral export`: every format from a store, and back in through import.
@Suite("export")
struct ExportCommandTests {
    let scratch: ScratchFolder
    var directory: URL { scratch.url }

    init() throws {
        scratch = try ScratchFolder("export")
    }

    func path(_ name: String) -> String { scratch.path(name) }

    func same(_ a: String, _ b: String, _ commands: [[String]]) throws {
        for command in commands {
            let left = try BinaryRunner.run(command + ["--data", a, "--no-cache"])
            let right = try BinaryRunner.run(command + ["--data", b, "--no-cache"])
            #expect(left.status == 0 && right.status == 0, "\(left.stderr)\(right.stderr)")
            #expect(left.stdout == right.stdout, "\(command.joined(separator: " ")) differs")
        }
    }

    @Test("import → export → import: our JSON and JSON Lines give the same events, quotes and pairs")
    func roundTrip() throws {
        let store = path("a.bilateral")
        #expect(try BinaryRunner.run(["import", Repository.articleFixture, "-o", store]).status == 0)
        for (format, name) in [("bilateral", "out.json"), ("jsonl", "out.jsonl")] {
            let result = try BinaryRunner.run(["export", "--data", store, "--format", format, "-o", path(name)])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("exported 13 events"))
            let again = path(name + ".bilateral")
            let imported = try BinaryRunner.run(["import", path(name), "-o", again])
            #expect(imported.status == 0, "\(imported.stderr)")
            try same(store, again, [["list", "--format", "json"], ["quotes", "--format", "json"], ["pairs", "--format", "json"],
                                    ["show", "friendship-2017"]])
        }
        #expect(try BinaryRunner.run(["validate", path("out.json")]).status == 0)
    }

    @Test("An export larger than the write buffer (written in pieces as it goes) imports back to the same events",
          arguments: ["bilateral", "jsonl"])
    func largerThanTheBuffer(format: String) throws {
        let generated = path("gen.json"), store = path("gen.bilateral"), out = path("gen.out." + format)
        #expect(try BinaryRunner.run(["generate", "--events", "6000", "--seed", "3", "-o", generated]).status == 0)
        #expect(try BinaryRunner.run(["import", generated, "-o", store]).status == 0)
        let result = try BinaryRunner.run(["export", "--data", store, "--format", format, "-o", out])
        #expect(result.status == 0, "\(result.stderr)")
        let size = try FileManager.default.attributesOfItem(atPath: out)[.size] as? Int ?? 0
        #expect(size > 3 << 20, "several 1 MiB buffers: \(size) bytes")
        let again = path("gen.again.bilateral")
        let imported = try BinaryRunner.run(["import", out, "-o", again])
        #expect(imported.status == 0, "\(imported.stderr)")
        try same(store, again, [["list", "--format", "csv"], ["quotes", "--format", "json"], ["pairs", "--format", "json"]])
    }

    @Test("An export that selects nothing imports back to an empty store (our JSON, JSON Lines, TimelineJS)",
          arguments: [("bilateral", "none.json"), ("jsonl", "none.jsonl"), ("timelinejs", "none.timeline.json")])
    func emptySelection(format: String, name: String) throws {
        let out = path(name)
        let result = try BinaryRunner.run(["export", "--data", Repository.articleFixture, "--no-cache", "--search", "zzzzqq",
                                           "--format", format, "-o", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("exported 0 events"))
        let store = path(name + ".bilateral")
        let imported = try BinaryRunner.run(["import", out, "-o", store])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try BinaryRunner.run(["list", "--count", "--data", store]).stdout == "0\n")
    }

    @Test("A filtered export holds only those events, and still validates")
    func filtered() throws {
        let out = path("pair.json")
        let result = try BinaryRunner.run(["export", "--data", Repository.articleFixture, "--no-cache", "--pair", "IND-RUS",
                                           "--format", "bilateral", "-o", out])
        #expect(result.status == 0, "\(result.stderr)")
        let listed = try BinaryRunner.run(["list", "--format", "csv", "--data", out, "--no-cache"])
        let expected = try BinaryRunner.run(["list", "--format", "csv", "--pair", "IND-RUS", "--data", Repository.articleFixture, "--no-cache"])
        #expect(listed.status == 0 && expected.status == 0)
        #expect(expected.stdout.split(separator: "\n").count > 1, "the filter selects some events")
        #expect(listed.stdout == expected.stdout)
        #expect(try BinaryRunner.run(["validate", out]).status == 0)
    }

    @Test("CSV out reads back with --map of its column names; TimelineJS out reads back as TimelineJS")
    func csvAndTimelineJS() throws {
        let csv = path("out.csv")
        #expect(try BinaryRunner.run(["export", "--data", Repository.articleFixture, "--no-cache", "--format", "csv", "-o", csv]).status == 0)
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(text.hasPrefix("id,date,title,summary,kind,status,from,to,countries,place,url\n"))
        let back = try BinaryRunner.run(["convert", csv, "-o", path("csv.json")] + ["id", "date", "title", "summary", "kind", "status", "from",
                                                                                      "to", "countries", "place", "url"].flatMap { ["--map", "\($0)=\($0)"] })
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stderr.contains("read 13 records, imported 13, skipped 0"))
        let ids = try BinaryRunner.run(["list", "--format", "csv", "--data", path("csv.json"), "--no-cache"])
        let original = try BinaryRunner.run(["list", "--format", "csv", "--data", Repository.articleFixture, "--no-cache"])
        #expect(ids.status == 0)
        #expect(ids.stdout == original.stdout, "every listed column comes back: id, dates, pairs, kind, status, title")
        // Summary, place and source URL come back too.
        func fields(_ data: String) throws -> [String: Any] {
            let json = try BinaryRunner.run(["show", "friendship-2017", "--format", "json", "--data", data, "--no-cache"]).stdout
            return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        }
        let roundTripped = try fields(path("csv.json")), before = try fields(Repository.articleFixture)
        #expect(roundTripped["summary"] as? String == before["summary"] as? String)
        #expect((roundTripped["place"] as? [String: Any])?["name"] as? String == (before["place"] as? [String: Any])?["name"] as? String)

        let timeline = path("tl.json")
        #expect(try BinaryRunner.run(["export", "--data", Repository.articleFixture, "--no-cache", "--format", "timelinejs", "-o", timeline]).status == 0)
        let imported = try BinaryRunner.run(["convert", timeline, "-o", path("tl-back.json")])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("read 13 records, imported 13, skipped 0"))
    }

    @Test("An unknown format is bad usage")
    func usage() throws {
        #expect(try BinaryRunner.run(["export", "--format", "xml", "-o", path("x")]).status == 64)
    }
}
