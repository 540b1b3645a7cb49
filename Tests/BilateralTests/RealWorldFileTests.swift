import Foundation
import TestSupport
import Testing

/// Real files of each format, found in public repositories (Fixtures/real-world/PROVENANCE.md says
/// where each comes from and what was cut): imported into a store by the real binary, then browsed
/// with `list`, `show` and `pairs` as a person would, checking values read off the files themselves.
@Suite("real-world files of each format")
final class RealWorldFileTests {
    let scratch: ScratchFolder

    init() throws { scratch = try ScratchFolder("real-world") }

    static func fixture(_ name: String) -> String { Repository.fixture("real-world/" + name) }

    /// Imports one fixture into a store of this test's own; returns the store and what import printed.
    func importStore(_ file: String, _ options: [String] = []) throws -> (store: String, stderr: String) {
        let store = scratch.path(file + ".bilateral")
        let result = try BinaryRunner.run(["import", Self.fixture(file), "-o", store] + options)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: store))
        return (store, result.stderr)
    }

    func run(_ arguments: [String]) throws -> String {
        let result = try BinaryRunner.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    func json(_ arguments: [String]) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(run(arguments + ["--format", "json"]).utf8))
    }

    func events(_ store: String, _ filters: [String] = []) throws -> [[String: Any]] {
        try #require(json(["list", "--data", store] + filters) as? [[String: Any]])
    }

    func event(_ id: String, _ store: String) throws -> [String: Any] {
        try #require(json(["show", id, "--data", store]) as? [String: Any])
    }

    @Test("GDELT 1.0 daily export (58 columns): 11 of 80 rows bilateral, places without the repeated country")
    func gdelt() throws {
        let (store, stderr) = try importStore("20160728.export.sample.CSV")
        #expect(stderr.contains("read 80 records, imported 11, skipped 69 (64 without two actor countries, 4 within one country, "
            + "1 with a regional or unknown actor country code)"), "\(stderr)")

        let listed = try events(store)
        #expect(listed.count == 11)
        #expect(listed.first?["id"] as? String == "gdelt-564111684")
        #expect(listed.first?["date"] as? String == "2016-07-21")
        #expect(listed.first?["title"] as? String == "Canada → United States: Impose administrative sanctions")
        #expect(listed.last?["id"] as? String == "gdelt-564137648")
        let table = try run(["list", "--data", store])
        #expect(table.contains("28 Jul 2016  ITA–VAT  Italy → Holy See (Vatican City State): Host a visit"), "\(table)")

        let fight = try event("gdelt-564137628", store)
        #expect(fight["title"] as? String == "Israel → Palestine, State of: Fight with small arms and light weapons")
        #expect(fight["kind"] as? String == "fight")
        #expect(fight["pairs"] as? [String] == ["ISR-PSE"])
        let place = try #require(fight["place"] as? [String: Any])
        #expect(place["name"] as? String == "Hebron, Israel (general)")
        #expect(place["country"] as? String == "ISR")
        let attributes = try #require(fight["attributes"] as? [String: Any])
        #expect(attributes["EventCode"] as? String == "193")
        #expect(attributes["GoldsteinScale"] as? Double == -10)
        #expect(attributes["AvgTone"] as? Double == -7.39177637828756)
        #expect(attributes["Actor2Name"] as? String == "PALESTINIAN")

        let sanctions = try run(["show", "gdelt-564111684", "--data", store])
        #expect(sanctions.contains("Place     Washington, District of Columbia, United States\n"), "\(sanctions)")
        #expect(sanctions.contains(" 1. neworleanscitybusiness.com"), "\(sanctions)")
        #expect(sanctions.contains("AvgTone: -3.40034628703348"), "\(sanctions)")
        // A row with one actor country (GOV → USA) was left out, so there is nothing to show.
        #expect(try BinaryRunner.run(["show", "gdelt-564137308", "--data", store]).status == 1)

        let pairs = try run(["pairs", "--data", store])
        #expect(pairs.split(separator: "\n").count == 12, "\(pairs)")
        #expect(pairs.contains("ISR–PSE  1       Jul 2016  Israel – Palestine, State of"), "\(pairs)")
        #expect(try BinaryRunner.run(["list", "--pair", "CHN-USA", "--data", store, "--count"]).stdout.hasPrefix("1"))
    }

    @Test("ICEWS sample written by R: NA is no value, so no Namibia; domestic rows left out")
    func icews() throws {
        let (store, stderr) = try importStore("events.2018.sample.head.tab")
        #expect(stderr.contains("read 58 records, imported 36, skipped 22 (21 within one country, 1 without two countries)"), "\(stderr)")

        let appeal = try event("icews-32891059", store)
        #expect(appeal["title"] as? String == "Japan → United States: Make an appeal or request")
        #expect(appeal["summary"] as? String == "Aso Taro → United States")
        #expect(appeal["date"] as? String == "2018-06-01")
        let place = try #require(appeal["place"] as? [String: Any])
        #expect(place["name"] as? String == "Washington D.C.")
        #expect(place["country"] as? String == "USA")
        let attributes = try #require(appeal["attributes"] as? [String: Any])
        #expect(attributes["Intensity"] as? Double == 3)
        #expect(attributes["Story ID"] as? String == "47400361")
        #expect(attributes["Target Sectors"] == nil)

        let shown = try run(["show", "icews-32891167", "--data", store])
        #expect(shown.contains("North Korea → South Korea: Make an appeal or request"), "\(shown)")
        #expect(shown.contains("Place     Seoul, Seoul-teukbyeolsi, South Korea"), "\(shown)")
        #expect(shown.contains(" 1. Reuters News"), "\(shown)")
        // Kazakhstan → the Shanghai Cooperation Organization (Target Country NA) is not bilateral.
        #expect(try BinaryRunner.run(["show", "icews-32891094", "--data", store]).status == 1)

        let pairs = try #require(json(["pairs", "--data", store]) as? [[String: Any]])
        #expect(pairs.count == 15)
        #expect(pairs.first?["pair"] as? String == "JPN-USA")
        #expect(pairs.first?["events"] as? Int == 7)
        #expect(!pairs.contains { ($0["countries"] as? [String])?.contains("NAM") == true })
        #expect(try events(store, ["--pair", "IND-PAK"]).map { $0["id"] as? String }
                == ["icews-32891176", "icews-32891177", "icews-32891178", "icews-32891179"])
    }

    @Test("TimelineJS 3's own Women in Computing timeline: all 10 slides, blank end dates are none")
    func timelineJS() throws {
        let (store, stderr) = try importStore("women_in_computing.json")
        #expect(stderr.contains("read 10 records, imported 10, skipped 0"), "\(stderr)")

        let listed = try events(store)
        #expect(listed.map { $0["date"] as? String } == ["1815-12-10/1852-11-27", "1943-06-05", "1943-07/1946", "1948-03-14", "1951",
                                                        "1952", "1956/1962", "1958", "1972", "1985"])
        #expect(listed.map { $0["title"] as? String }.contains("Rózsa Péter writes recursion"))
        #expect(listed.last?["title"] as? String == "\"The Mother of the Internet\"")
        #expect(listed.allSatisfy { ($0["pairs"] as? [String]) == [] })

        let ada = try run(["show", "women_in_computing-1", "--data", store])
        #expect(ada.contains("Date      10 Dec 1815 – 27 Nov 1852"), "\(ada)")
        #expect(ada.contains("contains notes of the first\nmachine-implemented algorithm.\n\nThis slide demonstrates a simple \"image\" media type."),
                "\(ada)")
        #expect(ada.contains(" 1. Wikimedia Commons — Portrait by Alfred Edward Chalon"), "\(ada)")
        // Its media is a quotation, not a URL: the slide cites the file.
        let clarke = try run(["show", "women_in_computing-2", "--data", store])
        #expect(clarke.contains("Date      14 Mar 1948\n"), "\(clarke)")
        #expect(clarke.contains(" 1. women_in_computing.json"), "\(clarke)")

        let pairs = try run(["pairs", "--data", store])
        #expect(pairs.split(separator: "\n") == ["PAIR  EVENTS  SPAN  COUNTRIES"])
    }

    @Test("TimelineJS's sheet as CSV: CRLF rows, quoted cells with line breaks; its title row is skipped")
    func csv() throws {
        let (store, stderr) = try importStore("women_in_computing.csv", [
            "--map", "date=Year", "--map", "end=End Year", "--map", "title=Headline", "--map", "summary=Text", "--map", "url=Media",
            "--skip-invalid",
        ])
        // The sheet's first row is the timeline's title (Type "title"), with no year: not an event.
        #expect(stderr.contains("women_in_computing.csv:2:1: Year: the date is empty"), "\(stderr)")
        #expect(stderr.contains("read 11 records, imported 10, skipped 1 (1 missing date)"), "\(stderr)")

        let listed = try events(store)
        // Ids are the rows' lines: the ENIAC rows' texts each hold a line break.
        #expect(listed.map { $0["id"] as? String } == (["3", "5", "7", "4"] + (9...14).map(String.init)).map { "women_in_computing-\($0)" })
        #expect(listed.map { $0["date"] as? String }.prefix(4) == ["1815/1852", "1943/1946", "1943", "1948"])
        #expect(listed.last?["title"] as? String == "\"The Mother of the Internet\"")

        let eniac = try event("women_in_computing-5", store)
        #expect(eniac["title"] as? String == "...And the women who made it work")
        #expect((eniac["summary"] as? String)?.hasSuffix("this video on the ENIAC Women.\n.</span>") == true)
        let attributes = try #require(eniac["attributes"] as? [String: Any])
        #expect(attributes["Month"] as? Double == 7)
        #expect(attributes["Media Caption"] as? String == "Jean Bartik talks about the ENIAC women")
        #expect(attributes["Background"] as? String == "https://upload.wikimedia.org/wikipedia/commons/c/cd/ARL_ENIAC_02.png")

        let peter = try run(["show", "women_in_computing-9", "--data", store])
        #expect(peter.contains("Rózsa Péter writes recursion"), "\(peter)")
        #expect(peter.contains(" 1. en.wikipedia.org\n    https://en.wikipedia.org/wiki/Reduction_(recursion_theory)"), "\(peter)")
        #expect(try run(["pairs", "--data", store]).split(separator: "\n").count == 1)
    }

    @Test("GDELT 2.0 rows saved by gdeltPyR as a CSV with a header: pairs from the actor country columns")
    func csvWithCountries() throws {
        let (store, stderr) = try importStore("events2samps.head.csv", [
            "--map", "id=GLOBALEVENTID", "--map", "date=SQLDATE", "--map", "from=Actor1CountryCode", "--map", "to=Actor2CountryCode",
            "--map", "title=CAMEOCodeDescription", "--map", "url=SOURCEURL", "--map", "place=ActionGeo_FullName", "--skip-invalid",
        ])
        // Rows with one actor country are invalid as directed events; rows with none have no countries.
        #expect(stderr.contains("read 33 records, imported 15, skipped 18 (18 one side missing)"), "\(stderr)")
        #expect(stderr.contains("events2samps.head.csv:10:64: Actor2CountryCode: to is empty; a directed event needs both sides (or neither)"),
                "\(stderr)")

        let pairs = try #require(json(["pairs", "--data", store]) as? [[String: Any]])
        #expect(pairs.map { $0["pair"] as? String } == ["EGY-SAU", "MLI-TCD"])
        #expect(pairs.map { $0["events"] as? Int } == [6, 3])

        let force = try event("669666380", store)
        // pandas wrote the description with a leading space (" Use conventional..."): the title is trimmed.
        #expect(force["title"] as? String == "Use conventional military force, not specified below")
        #expect(force["date"] as? String == "2017-06-01")
        let participants = try #require(force["participants"] as? [String: Any])
        #expect(participants["from"] as? [String] == ["MLI"])
        #expect(participants["to"] as? [String] == ["TCD"])
        #expect((force["place"] as? [String: Any])?["name"] as? String == "Kidal, Kidal, Mali")
        let attributes = try #require(force["attributes"] as? [String: Any])
        #expect(attributes["GoldsteinScale"] as? Double == -10)
        #expect(attributes["Actor2Geo_FullName"] as? String == "Chad")
        #expect(attributes["EventBaseCode"] as? Double == 190)
        #expect(try event("669666359", store)["attributes"].flatMap { ($0 as? [String: Any])?["EventCode"] } as? String == "043")

        let shown = try run(["show", "669666380", "--data", store])
        #expect(shown.contains("Who       Mali → Chad (directed)"), "\(shown)")
        #expect(shown.contains(" 1. thenationonlineng.net"), "\(shown)")
        let neighbourhood = try event("669666350", store)
        #expect(neighbourhood["pairs"] as? [String] == [])
        #expect(try run(["list", "--pair", "EGY-SAU", "--count", "--data", store]).hasPrefix("6"))
    }

    @Test("The browser opens the GDELT store: timeline, detail pane, the pair picker")
    func browse() throws {
        let (store, _) = try importStore("20160728.export.sample.CSV")
        let tmux = try Tmux(arguments: ["--data", store], width: 80, height: 24)
        try tmux.waitFor("GDELT events: 20160728.export.sample", "11 of 11 events", "▶21 Jul 2016 CAN–USA",
                         "Place     Washington, District of Columbia, United States")
        try tmux.send("G", "Enter")
        try tmux.waitFor("Italy → Holy See (Vatican City State): Host a visit", "Place     Vatican City          ", "femalefirst.co.uk") // the country, not named again
        try tmux.send("Escape", "p")
        try tmux.waitFor("Pairs · type to narrow")
        try tmux.type("isr-pse")
        try tmux.send("Enter")
        try tmux.waitFor("pair ISR–PSE", "1 of 11 events", "Place     Hebron, Israel (general), Israel")
        try tmux.send("q")
        #expect(try tmux.exitStatus() == 0)
    }
}
