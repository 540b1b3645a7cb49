import DatasetFormats
@testable import DatasetFormats
import ReferenceStore
import Testing
import TimelineKit

@Suite("Importing: ICEWS")
struct ICEWSTests {
    static let header = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
                         "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
                         "City", "District", "Province", "Country", "Latitude", "Longitude"].joined(separator: "\t")

    static func row(_ id: String, date: String = "2018-01-01", source: String = "Russian Federation", target: String = "Ukraine",
                    text: String = "Make statement", code: String = "010", publisher: String = "Interfax") -> String {
        [id, date, "Vladimir Putin", "Executive,Government", source, text, code, "0.0", "Petro Poroshenko", "Executive", target,
         "28235806", "3", publisher, "Moscow", "", "Moskva", "Russian Federation", "55.7522", "37.6156"].joined(separator: "\t")
    }

    func read(_ rows: [String], name: String = "events.2018.tab") -> ReadResult {
        ICEWSReader().read(Array(([Self.header] + rows).joined(separator: "\r\n").utf8), name: name)
    }

    @Test("A row: countries by ICEWS's names, title, kind, place, publisher, attributes")
    func row() throws {
        let result = read([Self.row("1"), Self.row("2", source: "Occupied Palestinian Territory", target: "United States", publisher: "AFP")])
        #expect(result.problems == [])
        let event = try #require(result.dataset.events.first)
        #expect(event.id == "icews-1")
        #expect(event.title == "Russia → Ukraine: Make statement")
        #expect(event.summary == "Vladimir Putin → Petro Poroshenko")
        #expect(event.kind == "make-public-statement")
        #expect(event.date.text == "2018-01-01")
        #expect(event.place == Place(name: "Moscow, Moskva", country: Country(alpha3: "RUS")))
        #expect(event.attributes["CAMEO Code"] == .string("010"))
        #expect(event.attributes["Intensity"] == .number(0))
        #expect(event.attributes["Latitude"] == .number(55.7522))
        #expect(result.dataset.sources.map(\.publisher) == ["Interfax", "AFP"])
        #expect(result.dataset.events[1].participants.countries.map(\.alpha3) == ["PSE", "USA"])
    }

    @Test("Domestic rows, missing and unlisted countries are left out and counted; bad rows are located")
    func skipped() {
        let result = read([Self.row("1"), Self.row("2", target: "Russian Federation"), Self.row("3", target: ""), Self.row("4", target: "Kosovo"),
                           Self.row("5", date: "01/02/2018"), "6\t2018-01-01\tshort", Self.row("1")])
        #expect(result.excluded.summary == "1 within one country, 1 without two countries, 1 with a country not in ISO 3166-1")
        #expect(result.problems.map(\.diagnostic.description) == [
            "events.2018.tab:6:3: Event Date: not a date: '01/02/2018'; expected YYYY-MM-DD",
            "events.2018.tab:7:1: row 6: expected 20 fields as in the header, found 3",
            "events.2018.tab:8:1: Event ID: duplicate event id '1'",
        ])
        #expect(result.dataset.events.count == 1)
        #expect(result.recordsRead == 7)
    }

    @Test("NA, R's missing value in files written by readr, is an empty cell, not Namibia")
    func notAvailable() throws {
        // Rows as in the icews R package's inst/extdata/events.2018.sample.tab (fields cut short here).
        let international = ["32891094", "2018-06-01", "Nursultan Nazarbayev", "Executive", "Kazakhstan", "Make statement", "010", "0",
                             "Shanghai Cooperation Organization", "Regional", "NA", "47400632", "2", "Xinhua News Agency", "Astana", "NA",
                             "Astana Qalasy", "Kazakhstan", "51.1801", "71.446"].joined(separator: "\t")
        let country = ["32891059", "2018-06-01", "Aso Taro", "Government", "Japan", "Make an appeal or request", "020", "3",
                       "United States", "NA", "United States", "47400361", "2", "Kyodo News", "NA", "NA", "Washington D.C.",
                       "United States", "38.9171", "-77.0003"].joined(separator: "\t")
        let namibia = Self.row("3", target: "Namibia")
        let result = read([international, country, namibia])
        #expect(result.problems == [])
        #expect(result.excluded.summary == "1 without two countries")
        #expect(result.dataset.events.map(\.id) == ["icews-32891059", "icews-3"])
        let event = try #require(result.dataset.events.first)
        #expect(event.place == Place(name: "Washington D.C.", country: Country(alpha3: "USA")))
        #expect(event.attributes["Target Sectors"] == nil)
        #expect(event.attributes["Source Sectors"] == .string("Government"))
        #expect(result.dataset.events[1].participants.countries.map(\.alpha3) == ["RUS", "NAM"])
    }

    @Test("The dataset's title names the file, not the path it was given by")
    func title() {
        #expect(read([Self.row("1")], name: "/srv/icews/events.2018.20200427.tab").dataset.title == "ICEWS events: events.2018.20200427.tab")
    }

    @Test("A file without ICEWS's columns fails whole")
    func header() {
        let result = ICEWSReader().read(Array("Event ID\tEvent Date\n1\t2018-01-01\n".utf8), name: "x.tsv")
        #expect(result.wholeFile)
        #expect(result.problems.first?.diagnostic.message.hasPrefix("not an ICEWS header: no column 'Source Country'") == true)
    }
}
