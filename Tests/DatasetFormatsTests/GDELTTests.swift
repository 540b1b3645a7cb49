import DatasetFormats
@testable import DatasetFormats
import Foundation
import ReferenceStore
import TestSupport
import Testing
import TimelineKit

/// GDELT rows as the exports write them: tab-separated, no header, 57, 58 or 61 columns.
enum GDELTFixture {
    static func row(id: String = "1", date: String = "20240105", actor1: String = "SAU", actor2: String = "EGY",
                    name1: String = "SAUDI ARABIA", name2: String = "EGYPT", code: String = "020", root: String = "02",
                    goldstein: String = "3.0", url: String = "https://news.example/a", columns: Int = 61) -> String {
        var fields = Array(repeating: "", count: columns)
        fields[0] = id; fields[1] = date; fields[2] = String(date.prefix(6)); fields[3] = String(date.prefix(4))
        fields[5] = actor1; fields[6] = name1; fields[7] = actor1
        fields[15] = actor2; fields[16] = name2; fields[17] = actor2
        fields[25] = "1"; fields[26] = code; fields[27] = String(code.prefix(3)); fields[28] = root
        fields[29] = "1"; fields[30] = goldstein; fields[31] = "10"; fields[32] = "2"; fields[33] = "10"; fields[34] = "-1.25"
        let geo = columns == 61 ? (name: 52, country: 53, lat: 56, long: 57) : (name: 50, country: 51, lat: 53, long: 54)
        fields[geo.name - 1] = "4"; fields[geo.name] = "Cairo, Al Qahirah, Egypt"; fields[geo.country] = "EG"
        fields[geo.lat] = "30.05"; fields[geo.long] = "31.25"
        if columns == 61 { fields[59] = date + "120000"; fields[60] = url }
        if columns == 58 { fields[56] = date; fields[57] = url }
        return fields.joined(separator: "\t")
    }
}

@Suite("Importing: GDELT")
struct GDELTTests {
    func read(_ rows: [String], name: String = "20240105.export.CSV") -> ReadResult {
        GDELTReader().read(Array((rows.joined(separator: "\n") + "\n").utf8), name: name)
    }

    @Test("A 2.0 row: directed pair, CAMEO title and kind, day, place by FIPS, source, id, attributes")
    func version2() throws {
        let result = read([GDELTFixture.row(code: "0231", goldstein: "-2.5")])
        #expect(result.problems == [])
        let event = try #require(result.dataset.events.first)
        #expect(event.id == "gdelt-1")
        #expect(event.title == "Saudi Arabia → Egypt: Appeal for economic aid")
        #expect(event.kind == "appeal")
        #expect(event.date.text == "2024-01-05")
        #expect(event.participants == .directed(from: [Country(alpha3: "SAU")!], to: [Country(alpha3: "EGY")!]))
        #expect(event.place == Place(name: "Cairo, Al Qahirah", country: Country(alpha3: "EGY")))
        #expect(result.dataset.sources.map(\.url) == ["https://news.example/a"])
        #expect(event.attributes["EventCode"] == .string("0231"))
        #expect(event.attributes["GoldsteinScale"] == .number(-2.5))
        #expect(event.attributes["NumArticles"] == .number(10))
        #expect(event.attributes["ActionGeo_Lat"] == .number(30.05))
        #expect(event.attributes["IsRootEvent"] == .number(1))
    }

    /// The store holds only finite numbers (one beyond would be written as null and read back as a
    /// corrupt store): a coordinate that is not one stays the text the row had.
    @Test(arguments: [("nan", AttributeValue.string("nan")), ("1e999", .string("1e999")), ("-inf", .string("-inf")), ("-33.9", .number(-33.9))])
    func coordinatesThatAreNotFiniteStayText(latitude: String, expected: AttributeValue) throws {
        var fields = GDELTFixture.row().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        fields[56] = latitude
        let result = read([fields.joined(separator: "\t")])
        #expect(result.problems == [])
        let event = try #require(result.dataset.events.first)
        #expect(event.attributes["ActionGeo_Lat"] == expected)
        #expect(event.attributes["ActionGeo_Long"] == .number(31.25))
    }

    @Test("1.0 rows of 57 and 58 columns; one source per distinct URL")
    func version1() throws {
        let result = read([GDELTFixture.row(id: "1", columns: 58), GDELTFixture.row(id: "2", columns: 58),
                           GDELTFixture.row(id: "3", url: "https://news.example/b", columns: 58), GDELTFixture.row(id: "4", columns: 57)])
        #expect(result.problems == [])
        #expect(result.dataset.events.map(\.title) == Array(repeating: "Saudi Arabia → Egypt: Make an appeal or request", count: 4))
        #expect(result.dataset.sources.map(\.url) == ["https://news.example/a", "https://news.example/b", nil])
        #expect(result.dataset.events.map(\.sources) == [[0], [0], [1], [2]])
        #expect(result.dataset.events[3].place?.country == Country(alpha3: "EGY"))
    }

    @Test("Rows without two different countries are left out and counted by reason, not errors")
    func notBilateral() {
        let result = read([GDELTFixture.row(id: "1"), GDELTFixture.row(id: "2", actor2: ""), GDELTFixture.row(id: "3", actor1: "AFR"),
                           GDELTFixture.row(id: "4", actor2: "SAU"), GDELTFixture.row(id: "5", actor1: "EUR")])
        #expect(result.problems == [])
        #expect(result.recordsRead == 5)
        #expect(result.dataset.events.count == 1)
        #expect(result.excluded.summary == "2 with a regional or unknown actor country code, 1 without two actor countries, 1 within one country")
    }

    @Test("Wrong column counts, bad dates and ids, invalid UTF-8 are located problems")
    func problems() {
        var bytes = Array((GDELTFixture.row(id: "x1") + "\n" + GDELTFixture.row(date: "2024-01-05") + "\n"
                           + "1\t20240105\tshort\n" + GDELTFixture.row(id: "7", name1: "ZQZ") + "\n").utf8)
        let bad = bytes.indices.first { Array(bytes[$0...].prefix(3)) == Array("ZQZ".utf8) }! + 1
        bytes[bad] = 0xFF
        let result = GDELTReader().read(bytes, name: "g.CSV")
        #expect(result.problems.map(\.diagnostic.description) == [
            "g.CSV:1:1: GLOBALEVENTID: not an event number: 'x1'",
            "g.CSV:2:3: SQLDATE: not a day as YYYYMMDD: '2024-01-05'",
            "g.CSV:3:1: row 3: expected 57 or 58 columns (GDELT 1.0) or 61 (GDELT 2.0), found 3",
            "g.CSV:4:30: row 4: invalid UTF-8; the file must be UTF-8",
        ])
        #expect(result.problems.map(\.reason) == ["bad id", "bad date", "wrong column count", "invalid UTF-8"])
    }

    @Test("A place's name leaves out the country GDELT's full name ends with")
    func placeNames() {
        let usa = Country(alpha3: "USA"), bhs = Country(alpha3: "BHS"), isr = Country(alpha3: "ISR"), kor = Country(alpha3: "KOR")
        // Full names as in a real GDELT 1.0 daily file (Fixtures/real-world/20160728.export.sample.CSV).
        #expect(GDELTReader.placeName("Washington, District of Columbia, United States", country: usa) == "Washington, District of Columbia")
        #expect(GDELTReader.placeName("Hebron, Israel (general), Israel", country: isr) == "Hebron, Israel (general)")
        #expect(GDELTReader.placeName("Nassau, New Providence, Bahamas, The", country: bhs) == "Nassau, New Providence")
        #expect(GDELTReader.placeName("Seoul, Soul-t'ukpyolsi, South Korea", country: kor) == "Seoul, Soul-t'ukpyolsi")
        #expect(GDELTReader.placeName("Busan, Korea, South", country: kor) == "Busan")
        #expect(GDELTReader.placeName("Georgia, United States", country: usa) == "Georgia")
        // The country alone stays, as does a name that does not end with the place's country.
        #expect(GDELTReader.placeName("United States", country: usa) == "United States")
        #expect(GDELTReader.placeName("Yangon, Yangon, Myanmar", country: usa) == "Yangon, Yangon, Myanmar")
        #expect(GDELTReader.placeName("Somewhere, Atlantis", country: nil) == "Somewhere, Atlantis")
    }

    @Test("The dataset's title names the file, not the path it was given by")
    func title() {
        #expect(read([GDELTFixture.row()], name: "Tests/BilateralTests/Fixtures/real-world/20160728.export.sample.CSV").dataset.title
                == "GDELT events: 20160728.export.sample.CSV")
        #expect(read([GDELTFixture.row()], name: "/data/day.zip:20240105.export.CSV").dataset.title == "GDELT events: day.zip:20240105.export.CSV")
    }

    @Test("CAMEO names and kinds; FIPS codes")
    func tables() {
        let cameo = CAMEO.shared
        #expect(cameo.eventName(code: "020", root: "02") == "Make an appeal or request")
        #expect(cameo.eventName(code: "9999", root: "19") == "Fight")
        // The reference table splits this word in 18 names; the generated table has it whole.
        #expect(cameo.eventName(code: "1312", root: "13") == "Threaten with sanctions, boycott, embargo")
        #expect(!cameo.names.values.contains { $0.contains("Threate n") })
        #expect(cameo.kind(root: "19") == "fight")
        #expect(cameo.kind(root: "01") == "make-public-statement")
        #expect(cameo.fips["UK"]?.alpha3 == "GBR")
        #expect(cameo.fips["GM"]?.alpha3 == "DEU")
    }

    static func rows(_ name: String) throws -> [[Substring]] {
        let text = try String(contentsOf: Repository.root.appendingPathComponent("data/reference/\(name)"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
    }

    @Test("The tables in the binary hold every row of data/reference, with 'Threaten' spelled whole")
    func embeddedTablesMatchCommittedCopies() throws {
        let cameoRows = try Self.rows("cameo-event-codes.tsv")
        #expect(cameoRows.count == CAMEO.shared.names.count)
        #expect(cameoRows.filter { $0[1].contains("Threate n") }.count == 18, "the committed copy is the reference as published")
        #expect(!CAMEO.shared.names.values.contains { $0.contains("Threate n") })
        #expect(CAMEO.shared.names["1312"] == "Threaten with sanctions, boycott, embargo")
        #expect(CAMEO.shared.names["190"] == "Use conventional military force, not specified below")
        for row in cameoRows {
            #expect(CAMEO.shared.names[String(row[0])] == row[1].replacingOccurrences(of: "Threate n", with: "Threaten"))
        }
        #expect(CAMEO.shared.fips["RS"]?.alpha3 == "RUS")
        #expect(CAMEO.shared.fips["PK"]?.alpha3 == "PAK")
        #expect(CAMEO.shared.fips["KV"] == nil, "Kosovo (XKX) is not in ISO 3166-1")
        for row in try Self.rows("fips-10-4-countries.tsv") {
            // Codes of countries that are gone (ANT, SCG) or not in ISO 3166-1 (XKX) give a place without a country.
            let iso = String(row[1])
            #expect(CAMEO.shared.fips[String(row[0])]?.alpha3 == (Country(alpha3: iso) == nil ? nil : iso), "FIPS \(row[0])")
        }
    }

    @Test("data/reference holds exactly the team's ../shared/reference tables",
          .enabled(if: Repository.shared != nil, "../shared is not beside the repository (a user's clone)"))
    func committedCopiesMatchShared() throws {
        let shared = try #require(Repository.shared).appendingPathComponent("reference")
        for name in ["cameo-event-codes.tsv", "fips-10-4-countries.tsv"] {
            let committed = try Data(contentsOf: Repository.root.appendingPathComponent("data/reference/\(name)"))
            #expect(committed == (try Data(contentsOf: shared.appendingPathComponent(name))), "\(name): copy it from ../shared/reference")
        }
    }
}

/// A big file is read as two halves on two threads: the same result as one pass, row for row.
@Suite("Importing: GDELT in two halves")
struct GDELTHalvesTests {
    /// Seeded rows past the size at which the reader splits the file; some URLs repeat (within and
    /// across the halves) and some rows have none (they cite the file itself).
    static func lines(rows: Int = 20_000) -> [String] {
        var generator = SyntheticGDELT(seed: 3)
        var text = ""
        generator.write(rows: rows) { text += $0 }
        return text.split(separator: "\n").enumerated().map { index, line in
            var fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if index % 7 == 0 { fields[60] = "" } else if index % 3 == 0 { fields[60] = "https://repeat.example/\(index % 10)" }
            return fields.joined(separator: "\t")
        }
    }

    static func bytes(_ lines: [String]) -> [UInt8] { Array((lines.joined(separator: "\n") + "\n").utf8) }

    static func summary(_ result: ReadResult) -> [String] {
        let dataset = result.dataset
        return ["read \(result.recordsRead), excluded \(result.excluded.summary), problems \(result.problems.count)"]
            + dataset.sources.map { "\($0.id) \($0.url ?? "-") \($0.publisher)" }
            + dataset.events.map { "\($0.id) \($0.date.text) \($0.title) \($0.sources) \($0.place?.name ?? "-") \($0.attributes.count)" }
    }

    /// The halves as `read` cuts them, read and joined here, so a join that gave up (and left the
    /// work to one pass) would show.
    static func joined(_ bytes: [UInt8]) -> (result: ReadResult, joined: Bool) {
        let cut = bytes[(bytes.count / 2)...].firstIndex(of: 0x0A)! + 1
        let reader = GDELTReader()
        var builder = DatasetBuilder(name: "big.export.CSV"), other = DatasetBuilder(name: "big.export.CSV")
        var firstEvents: [Event] = [], secondEvents: [Event] = []
        var first = reader.readRows(bytes, range: 0..<cut, into: &builder) { firstEvents.append($0) }
        var second = reader.readRows(bytes, range: cut..<bytes.count, into: &other) { secondEvents.append($0) }
        first.dataset.events = firstEvents
        second.dataset.events = secondEvents
        let joined = GDELTReader.join(&first, &second, firstBuilder: &builder)
        return (first, joined)
    }

    @Test func halvesJoinAsOnePass() {
        let bytes = Self.bytes(Self.lines())
        #expect(bytes.count >= GDELTReader.splitSize)
        let onePass = GDELTReader().readRows(bytes, name: "big.export.CSV")
        #expect(onePass.dataset.events.count > 10_000)
        #expect(onePass.dataset.sources.contains { $0.url == nil }, "some rows cite the file")
        let (result, joined) = Self.joined(bytes)
        #expect(joined)
        #expect(Self.summary(result) == Self.summary(onePass))
        #expect(Self.summary(GDELTReader().read(bytes, name: "big.export.CSV")) == Self.summary(onePass))
    }

    /// An id in both halves, and nothing else wrong: the join gives up, and the one pass reports
    /// the duplicate where it is.
    @Test func anIDInBothHalvesIsReportedByOnePass() throws {
        var lines = Self.lines()
        let bilateral = try #require(lines.indices.first { Self.isBilateral(lines[$0]) })
        let lastBilateral = try #require(lines.indices.last { Self.isBilateral(lines[$0]) })
        var fields = lines[lastBilateral].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        fields[0] = String(lines[bilateral].split(separator: "\t", omittingEmptySubsequences: false)[0])
        lines[lastBilateral] = fields.joined(separator: "\t")
        let bytes = Self.bytes(lines)
        #expect(!Self.joined(bytes).joined)
        let split = GDELTReader().read(bytes, name: "big.export.CSV")
        #expect(split.problems.map(\.reason) == ["duplicate id"])
        #expect(split.problems.first?.diagnostic.line == lastBilateral + 1)
        #expect(split.problems == GDELTReader().readRows(bytes, name: "big.export.CSV").problems)
    }

    /// A bad row in the second half: the same report as one pass.
    @Test func aBadRowIsReportedByOnePass() {
        var lines = Self.lines()
        lines[lines.count - 2] = "not\ta\tgdelt\trow"
        let bytes = Self.bytes(lines)
        let split = GDELTReader().read(bytes, name: "big.export.CSV")
        #expect(split.problems.map(\.reason) == ["wrong column count"])
        #expect(split.problems.first?.diagnostic.line == lines.count - 1)
        #expect(split.problems == GDELTReader().readRows(bytes, name: "big.export.CSV").problems)
    }

    static func isBilateral(_ line: String) -> Bool {
        GDELTReader().readRows(Array((line + "\n").utf8), name: "one").dataset.events.count == 1
    }
}
