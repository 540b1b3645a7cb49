import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// `bilateral trend`: its numbers are a brute-force count over `list --format json` (the same
/// filters), on the bundled data and on a seeded synthetic GDELT store (CAMEO codes, Goldstein and
/// tone); its SVG is XML with the panels and labels, and renders to PNG.
@Suite("trend command")
struct TrendCommandTests {
    let scratch: ScratchFolder
    init() throws { scratch = try ScratchFolder("trend") }

    /// A cell's tallies, keyed by (pair or "", bucket label, category).
    struct Tally: Equatable, CustomStringConvertible {
        var count = 0, goldsteinSum = 0.0, goldsteinCount = 0, toneSum = 0.0, toneCount = 0
        var description: String { "\(count) (g \(goldsteinSum)/\(goldsteinCount), t \(toneSum)/\(toneCount))" }
        func close(to other: Tally) -> Bool {
            count == other.count && goldsteinCount == other.goldsteinCount && toneCount == other.toneCount
                && abs(goldsteinSum - other.goldsteinSum) < 1e-6 && abs(toneSum - other.toneSum) < 1e-6
        }
    }
    typealias Key = String

    /// A tiny seeded generator, so a failing filter can be run again.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static func bucketLabel(_ iso: String, _ by: String) -> String {
        let parts = iso.split(separator: "-").map(String.init)
        switch by {
        case "year": return parts[0]
        case "quarter": return "\(parts[0]) Q\((Int(parts[1])! - 1) / 3 + 1)"
        default: return "\(parts[0])-\(parts[1])"
        }
    }

    func json(_ arguments: [String]) throws -> [[String: Any]] {
        let result = try BinaryRunner.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
    }

    /// The brute force: every event `list` gives for the series' filter, counted in its start
    /// month's bucket when that month lies in --from's month ... --to's month.
    func bruteForce(data: [String], pairs: [String], filters: [String], from: String?, to: String?, by: String) throws -> [Key: Tally] {
        var tallies: [Key: Tally] = [:]
        let lower = from.map { String($0.prefix(7)) }, upper = to.map { $0.count == 4 ? $0 + "-12" : String($0.prefix(7)) }
        for pair in pairs.isEmpty ? [nil] : pairs.map(Optional.some) {
            var arguments = ["list", "--format", "json"] + data + filters
            if let pair { arguments += ["--pair", pair] }
            if let from { arguments += ["--from", from] }
            if let to { arguments += ["--to", to] }
            for event in try json(arguments) {
                guard let earliest = event["earliest"] as? String else { continue }
                let month = String(earliest.prefix(7))
                if let lower, month < (lower.count == 4 ? lower + "-01" : lower) { continue }
                if let upper, month > upper { continue }
                let label = pair ?? ""
                let key = "\(label)|\(Self.bucketLabel(earliest, by))|\(event["category"] as? String ?? "?")"
                var tally = tallies[key] ?? Tally()
                tally.count += 1
                let attributes = event["attributes"] as? [String: Any] ?? [:]
                if let g = attributes["GoldsteinScale"] as? Double { tally.goldsteinSum += g; tally.goldsteinCount += 1 }
                if let t = attributes["AvgTone"] as? Double { tally.toneSum += t; tally.toneCount += 1 }
                tallies[key] = tally
            }
        }
        return tallies
    }

    func trend(data: [String], pairs: [String], filters: [String], from: String?, to: String?, by: String) throws -> [Key: Tally] {
        var arguments = ["trend", "--format", "json", "--by", by] + data + filters
        for pair in pairs { arguments += ["--pair", pair] }
        if let from { arguments += ["--from", from] }
        if let to { arguments += ["--to", to] }
        var tallies: [Key: Tally] = [:]
        for row in try json(arguments) {
            let key = "\(row["pair"] as? String ?? "")|\(row["bucket"] as? String ?? "")|\(row["category"] as? String ?? "")"
            let count = row["events"] as? Int ?? -1
            let gn = row["goldsteinEvents"] as? Int ?? -1, tn = row["toneEvents"] as? Int ?? -1
            #expect(tallies[key] == nil, "one row per pair × bucket × category: \(key)")
            tallies[key] = Tally(count: count, goldsteinSum: (row["goldstein"] as? Double ?? 0) * Double(gn), goldsteinCount: gn,
                                 toneSum: (row["tone"] as? Double ?? 0) * Double(tn), toneCount: tn)
        }
        return tallies
    }

    func compareRandomFilters(data: [String], seed: UInt64, rounds: Int, years: ClosedRange<Int>, kinds: [String], words: [String]) throws {
        let pairs = try json(["pairs", "--format", "json"] + data).compactMap { $0["pair"] as? String }
        #expect(pairs.count >= 3)
        var random = Random(state: seed)
        var nonEmpty = 0
        for round in 0..<rounds {
            let by = ["year", "quarter", "month"][random.below(3)]
            var chosen: [String] = []
            for _ in 0..<random.below(4) { let pair = pairs[random.below(min(pairs.count, 8))]; if !chosen.contains(pair) { chosen.append(pair) } }
            var filters: [String] = []
            if random.below(4) == 0 { filters += ["--country", String(pairs[random.below(pairs.count)].prefix(3))] }
            if random.below(5) == 0 { filters += ["--kind", kinds[random.below(kinds.count)]] }
            if random.below(5) == 0 { filters += ["--search", words[random.below(words.count)]] }
            func date() -> String {
                let year = years.lowerBound + random.below(years.count)
                return random.below(2) == 0 ? String(year) : String(format: "%04d-%02d", year, 1 + random.below(12))
            }
            var from = random.below(2) == 0 ? date() : nil, to = random.below(2) == 0 ? date() : nil
            if let f = from, let t = to, f > t { (from, to) = (t, f) }
            let expected = try bruteForce(data: data, pairs: chosen, filters: filters, from: from, to: to, by: by)
            let actual = try trend(data: data, pairs: chosen, filters: filters, from: from, to: to, by: by)
            let context = "round \(round): \(chosen) \(filters) from \(from ?? "-") to \(to ?? "-") by \(by)"
            #expect(Set(expected.keys) == Set(actual.keys), "\(context)")
            for (key, tally) in expected where !(actual[key].map { $0.close(to: tally) } ?? false) {
                Issue.record("\(context): \(key) expected \(tally), got \(actual[key].map(String.init(describing:)) ?? "nothing")")
            }
            if !expected.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > rounds / 3, "most filters select something")
    }

    @Test("Bundled data: random filters and buckets equal a count over list --format json")
    func bundled() throws {
        try compareRandomFilters(data: [], seed: 15, rounds: 14, years: 1945...2026, kinds: ["visit", "military-exercise", "sanctions", "agreement"],
                                 words: ["visit", "drills", "sanctions", "moscow"])
    }

    @Test("A seeded synthetic GDELT store (CAMEO codes, Goldstein, tone): random filters equal a count over list")
    func synthetic() throws {
        let rows = scratch.path("synthetic.export.CSV"), store = scratch.path("synthetic.bilateral")
        let generated = try BinaryRunner.run(["generate", "--events", "3000", "--seed", "15", "--format", "gdelt", "-o", rows])
        #expect(generated.status == 0, "\(generated.stderr)")
        let imported = try BinaryRunner.run(["import", rows, "-o", store])
        #expect(imported.status == 0, "\(imported.stderr)")
        try compareRandomFilters(data: ["--data", store], seed: 1515, rounds: 10, years: 2014...2025, kinds: ["fight", "consult", "appeal"],
                                 words: ["make", "russia", "visit"])
        // The measures are there to be compared at all.
        let rowsWithTone = try json(["trend", "--format", "json", "--data", store]).filter { ($0["toneEvents"] as? Int ?? 0) > 0 }
        #expect(!rowsWithTone.isEmpty)
    }

    @Test("CSV has one row per pair × bucket × category, with the header")
    func csv() throws {
        let result = try BinaryRunner.run(["trend", "--pair", "RUS-PAK", "--pair", "IND-RUS", "--from", "1990", "--to", "2025", "--format", "csv"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "pair,bucket,start,category,events,goldstein_mean,goldstein_events,tone_mean,tone_events")
        #expect(lines.contains("RUS-PAK,2017,2017-01-01,verbal-cooperation,4,,0,,0"))
        #expect(lines.contains("IND-RUS,2017,2017-01-01,verbal-conflict,1,,0,,0"))
        #expect(!lines.contains { $0.hasPrefix("RUS-PAK,1989") }, "--from cuts at 1990")
    }

    @Test("The SVG parses as XML, has a panel per pair with its labels and the legend, and renders to PNG")
    func svg() throws {
        let path = scratch.path("trend.svg")
        let result = try BinaryRunner.run(["trend", "--pair", "RUS-PAK", "--pair", "IND-RUS", "--from", "1990", "--to", "2025",
                                           "--format", "svg", "-o", path])
        #expect(result.status == 0, "\(result.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let collector = SVGCollector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map(String.init(describing:)) ?? "")")
        #expect(collector.root == "svg")
        #expect(collector.rootAttributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(collector.rootAttributes["version"] == "1.1")
        #expect(collector.panels == ["panel-1", "panel-2"])
        let texts = collector.texts.joined(separator: "\n")
        for label in ["RUS–PAK", "IND–RUS", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict",
                      "1990", "2024", "Russia–Pakistan relations, 1948–2025", "Okabe–Ito"] {
            #expect(texts.contains(label), "\(label)")
        }
        #expect(!collector.elements.contains("script") && !collector.elements.contains("image") && !collector.elements.contains("a"))
        #expect(!collector.hasReference, "no href, no url(...)")
        #expect(collector.rects.contains { $0 == "#D55E00" }, "a material-conflict bar")

        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/rsvg-convert") else {
            Issue.record("rsvg-convert is not installed (apt-get install librsvg2-bin): the PNG rendering is not checked")
            return
        }
        let png = scratch.path("trend.png")
        let convert = Process()
        convert.executableURL = URL(fileURLWithPath: "/usr/bin/rsvg-convert")
        convert.arguments = ["-o", png, path]
        let errors = Pipe()
        convert.standardError = errors
        try convert.run()
        convert.waitUntilExit()
        #expect(convert.terminationStatus == 0, "\(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) && bytes.count > 10_000)
    }

    @Test("Text from the dataset is escaped in the SVG: a title with markup and controls still parses")
    func svgEscapes() throws {
        let dataset = scratch.path("hostile.json"), path = scratch.path("hostile.svg")
        let text = #"""
            {"format": "bilateral-timeline/1", "title": "<script>alert('x')</script> & \u001b[31m \"Q\"", "description": "",
             "sources": [{"id": "s", "publisher": "P"}],
             "events": [{"id": "e", "date": "2016-09-24", "title": "T", "kind": "visit", "cameo": "042", "status": "occurred",
                         "participants": {"mode": "mutual", "countries": ["RUS", "PAK"]}, "sources": ["s"]}]}
            """#
        try text.write(toFile: dataset, atomically: true, encoding: .utf8)
        let result = try BinaryRunner.run(["trend", "--data", dataset, "--no-cache", "--pair", "RUS-PAK", "--format", "svg", "-o", path])
        #expect(result.status == 0, "\(result.stderr)")
        let collector = SVGCollector()
        let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: path)))
        parser.delegate = collector
        #expect(parser.parse())
        #expect(!collector.elements.contains("script"))
        #expect(collector.texts.contains { $0.contains("<script>alert('x')</script> & \u{FFFD}[31m \"Q\"") })
    }

    @Test("Usage: an unknown bucket, measure or format is exit 64; an unwritable -o is not a crash")
    func usage() throws {
        for arguments in [["--by", "week"], ["--measure", "mood"], ["--format", "png"]] {
            let result = try BinaryRunner.run(["trend"] + arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
        }
        let result = try BinaryRunner.run(["trend", "--format", "svg", "-o", "/nonexistent-dir/x.svg"])
        #expect(result.status != 0 && result.status < 128, "\(result.stderr)")
    }
}

/// What the SVG test looks at: elements, panels, texts, references, bar colours.
final class SVGCollector: NSObject, XMLParserDelegate {
    var root: String?
    var rootAttributes: [String: String] = [:]
    var elements = Set<String>()
    var panels: [String] = []
    var texts: [String] = []
    var rects: [String] = []
    var hasReference = false
    private var inText = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root == nil { root = name; rootAttributes = attributes }
        elements.insert(name)
        if name == "g", attributes["class"] == "panel", let id = attributes["id"] { panels.append(id) }
        if name == "rect", let fill = attributes["fill"] { rects.append(fill) }
        if attributes.keys.contains(where: { $0.hasSuffix("href") }) || attributes.values.contains(where: { $0.contains("url(") }) { hasReference = true }
        if name == "text" { inText = true; texts.append("") }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { texts[texts.count - 1] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { inText = false }
    }
}
