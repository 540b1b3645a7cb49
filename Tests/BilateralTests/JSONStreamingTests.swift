import Foundation
import TestSupport
import Testing

/// `list --format json` streams pages of events and writes each record itself; `show --format json`
/// goes through Foundation's encoder. Every record of the list must be the bytes `show` prints.
@Suite("list --format json as the encoder writes it")
struct JSONStreamingTests {
    let scratch: ScratchFolder

    init() throws {
        scratch = try ScratchFolder("json-stream")
    }

    /// Every character the two escape (C0 controls, the encoder's short escapes, DEL, C1, bidi and
    /// line separators), what they leave alone (`/`, non-ASCII), in every field that holds text.
    static let hostile = (0..<32).map { String(UnicodeScalar($0)!) }.joined()
        + "\u{7F}\u{80}\u{9B}\u{9F}\u{200E}\u{200F}\u{61C}\u{2028}\u{2029}\u{202A}\u{202E}\u{2066}\u{2069}/\\\"é😀 z"

    private func adversarialDataset() throws -> String {
        let text = Self.hostile
        let participants: [[String: Any]?] = [
            ["mode": "mutual", "countries": ["RUS", "PAK", "CHN"]], ["mode": "directed", "from": ["IND"], "to": ["RUS", ["country": "USA", "actor": "A" + text]]],
            ["mode": "hub", "hub": "PAK", "spokes": ["CHN", "TUR"]], nil, ["mode": "mutual", "countries": ["RUS", "PAK"]],
        ]
        let dates = ["2017", "2017-09-25/2017-10-04", "../2017", "2017?", "XXXX"]
        var events: [[String: Any]] = []
        for index in 0..<5 {
            var event: [String: Any] = [
                "id": "e\(index)", "date": dates[index], "title": "T" + text, "summary": text + text, "kind": "talks",
                "status": ["occurred", "reported", "scheduled", "unconfirmed", "occurred"][index], "sources": ["s1", "s2"],
                "tags": index % 2 == 1 ? ["a" + text, "b"] : [], "people": index < 2 ? ["p1"] : [],
            ]
            if let value = participants[index] { event["participants"] = value }
            if index == 0 { event["place"] = ["name": "P" + text, "country": "RUS"] }
            if index == 1 { event["place"] = ["name": "Q"] }
            if index == 0 { event["notes"] = [["text": "n" + text, "sources": ["s2", "s1"]], ["text": "m", "sources": [String]()]] }
            if index != 3 {
                // Names sorted by their bytes ("B" < "Z" < "a" < "é"); whole, fractional, tiny and huge numbers.
                event["attributes"] = ["b": 1, "a": "x" + text, "é": 2.5, "Z": -0.001, "big": 1e300, "small": 1e-7, "neg": -3,
                                       "B": 1e15, "c": 123456789012345.0, "ctl" + text: "v", "half": 0.1 + 0.2, "id-0231": "0231"]
            }
            events.append(event)
        }
        let dataset: [String: Any] = [
            "format": "bilateral-timeline/1", "title": "t" + text, "people": [["id": "p1", "name": "N" + text, "affiliation": "A"]],
            "sources": [["id": "s1", "publisher": "P"], ["id": "s2", "publisher": "Q", "url": "https://example.org/a/b"]],
            "events": events,
            "quotes": [["id": "q1", "speaker": "p1", "text": "hi" + text, "events": ["e0", "e1"], "source": "s1"],
                       ["id": "q0", "speaker": "p1", "text": "yo", "events": ["e0"], "source": "s2"]],
        ]
        let path = scratch.path("adversarial.json")
        try JSONSerialization.data(withJSONObject: dataset).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The list as `show --format json` of each of its events, indented one level inside the array.
    private func expectedList(ids: [String], data: String) throws -> String {
        let records = try ids.map { id -> String in
            let shown = try BinaryRunner.run(["show", id, "--format", "json", "--data", data])
            #expect(shown.status == 0, "\(id): \(shown.stderr)")
            #expect(shown.stdout.hasSuffix("\n"))
            return "  " + shown.stdout.dropLast().replacingOccurrences(of: "\n", with: "\n  ")
        }
        return records.isEmpty ? "[]\n" : "[\n" + records.joined(separator: ",\n") + "\n]\n"
    }

    /// The ids `list` gives, in its order.
    private func ids(_ data: String, _ filters: [String] = []) throws -> [String] {
        let csv = try BinaryRunner.run(["list", "--format", "csv", "--data", data] + filters)
        return csv.stdout.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
    }

    @Test("From a store (and a JSON file), list --format json is show --format json of each event, byte for byte", arguments: [
        "adversarial", "article", "gdelt", "icews",
    ])
    func sameBytesAsTheEncoder(dataset: String) throws {
        let source = switch dataset {
        case "adversarial": try adversarialDataset()
        case "article": Repository.articleFixture
        case "gdelt": Repository.fixture("real-world/20160728.export.sample.CSV")
        default: Repository.fixture("real-world/events.2018.sample.head.tab")
        }
        let store = scratch.path("\(dataset).bilateral")
        let imported = try BinaryRunner.run(["import", source, "-o", store])
        #expect(imported.status == 0, "\(imported.stderr)")
        let all = try ids(store)
        #expect(all.count >= 5)
        let listed = try BinaryRunner.run(["list", "--format", "json", "--data", store])
        #expect(listed.status == 0)
        let expected = try expectedList(ids: all, data: store)
        #expect(LineDiff.difference(expected: expected, actual: listed.stdout) == nil,
                "\(LineDiff.difference(expected: expected, actual: listed.stdout) ?? "")")
        if source.hasSuffix(".json") {
            let fromJSON = try BinaryRunner.run(["list", "--format", "json", "--data", source, "--no-cache"])
            #expect(fromJSON.stdout == expected)
        }
        // A filtered selection (not every position) and an empty one.
        let filtered = try BinaryRunner.run(["list", "--format", "json", "--data", store, "--country", "RUS"])
        #expect(filtered.stdout == (try expectedList(ids: try ids(store, ["--country", "RUS"]), data: store)))
        let none = try BinaryRunner.run(["list", "--format", "json", "--data", store, "--search", "zzzznothing"])
        #expect(none.stdout == "[]\n")
    }

    @Test("Several pages (2,000 events a page): the records and their order are those of a page at a time")
    func severalPages() throws {
        let json = scratch.path("g.json")
        #expect(try BinaryRunner.run(["generate", "--events", "4500", "--seed", "3", "-o", json]).status == 0)
        let store = scratch.path("g.bilateral")
        #expect(try BinaryRunner.run(["import", json, "-o", store]).status == 0)
        let listed = try BinaryRunner.run(["list", "--format", "json", "--data", store]).stdout
        let parsed = try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]]
        #expect(parsed?.count == 4500)
        let ids = try self.ids(store)
        #expect(parsed?.map { $0["id"] as? String ?? "" } == ids)
        // Events either side of each page boundary, and the last, are show's bytes.
        for index in [0, 1999, 2000, 3999, 4000, 4499] {
            let shown = try BinaryRunner.run(["show", ids[index], "--format", "json", "--data", store]).stdout
            let indented = "  " + shown.dropLast().replacingOccurrences(of: "\n", with: "\n  ")
            #expect(listed.contains("\n" + indented + (index == 4499 ? "\n]\n" : ",\n")), "event \(index)")
        }
    }
}
