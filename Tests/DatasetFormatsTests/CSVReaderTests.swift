import DatasetFormats
@testable import DatasetFormats
import Foundation
import ReferenceStore
import Testing
import TimelineKit

@Suite("Importing: CSV and TSV")
struct CSVReaderTests {
    static let map = ["date=Event Date", "from=Source Country", "to=Target Country", "title=Event Text"]

    func read(_ text: String, map: [String] = CSVReaderTests.map, name: String = "t.csv") throws -> ReadResult {
        CSVReader(options: try ImportOptions(mapArguments: map)).read(Array(text.utf8), name: name)
    }

    @Test("Quoted fields, doubled quotes, embedded line breaks, a BOM and CRLF")
    func rfc4180() throws {
        let text = "\u{FEFF}Event Date,Source Country,Target Country,Event Text,Goldstein,Code\r\n"
            + "2017-09-25,Russia,Pakistan,\"Drills, \"\"Friendship\"\"\r\nsecond line\",3.5,0231\r\n"
            + "20170926,IND,RUS,Plea,-2,\r\n"
        let result = try read(text)
        #expect(result.problems == [])
        #expect(result.recordsRead == 2)
        let events = result.dataset.events
        #expect(events.map(\.title) == ["Drills, \"Friendship\"\r\nsecond line", "Plea"])
        #expect(events[0].participants == .directed(from: [Country(alpha3: "RUS")!], to: [Country(alpha3: "PAK")!]))
        #expect(events[0].attributes == [Attribute("Goldstein", .number(3.5)), Attribute("Code", .string("0231"))])
        #expect(events[1].attributes == [Attribute("Goldstein", .number(-2))])
        #expect(events[1].date.text == "2017-09-26")
        // Ids come from the line each record starts on.
        #expect(events.map(\.id) == ["t-2", "t-4"])
    }

    @Test("Only the first hundred unknown countries get a suggestion: a million bad rows stay linear")
    func boundedSuggestions() throws {
        let rows = (0..<150).map { "2017-09-25,RUSS,PAK,Row \($0)\n" }.joined()
        let result = try read("Event Date,Source Country,Target Country,Event Text\n" + rows)
        let messages = result.problems.map(\.diagnostic.message)
        #expect(messages.count == 150)
        #expect(messages.prefix(100).allSatisfy { $0.contains("did you mean RUS") })
        #expect(messages.dropFirst(100).allSatisfy { $0 == "unknown country 'RUSS'" })
    }

    @Test("Every bad row is located, all at once, with a reason")
    func badRows() throws {
        let text = "Event Date,Source Country,Target Country,Event Text\n"
            + "bad,XX,RUS,Oops\n"          // line 2: bad date and unknown country
            + "2017-09-27,RUS,PAK\n"       // line 3: wrong column count
            + "2017-09-28,RUS,RUS,Same\n"  // line 4: same country on both sides
            + "2017-09-29,RUS,,One side\n" // line 5: one side missing
            + "2017-09-30,RUS,PAK,\n"      // line 6: no title
            + "2017-02-30,RUS,PAK,x\n"     // line 7: no such day
            + "2017,RUS,PAK,ab\"c\n"       // line 8: a quote in an unquoted field
            + "2017,RUS,PAK,\"ab\"c\n"     // line 9: text after a closing quote
            + "2017,RUS,PAK,ok\n"
        let result = try read(text)
        let found = result.problems.map(\.diagnostic.description)
        #expect(found == [
            "t.csv:2:1: Event Date: not a date: 'bad'; write EDTF (2017-09-25, 2017-09, 2017~) or YYYYMMDD",
            "t.csv:2:5: Source Country: unknown country 'XX'; did you mean ALA (Åland Islands)?",
            "t.csv:3:1: row 2: expected 4 fields as in the header, found 3",
            "t.csv:4:16: Target Country: RUS is on both sides",
            "t.csv:5:16: Target Country: to is empty; a directed event needs both sides (or neither)",
            "t.csv:6:20: Event Text: the title is empty",
            "t.csv:7:1: Event Date: not a date: '2017-02-30'; write EDTF (2017-09-25, 2017-09, 2017~) or YYYYMMDD",
            "t.csv:8:16: row 7: a quote inside an unquoted field; quote the whole field and double the quote",
            "t.csv:9:18: row 8: text after a closing quote; a quote inside a quoted field is written twice (\"\")",
        ])
        #expect(result.recordsRead == 9)
        #expect(result.dataset.events.map(\.title) == ["ok"])
        #expect(Set(result.problems.map(\.record)).count == 8)
    }

    @Test("An unclosed quote is reported where it opens")
    func unclosed() throws {
        let result = try read("Event Date,Source Country,Target Country,Event Text\n2017,RUS,PAK,\"never closed\n2018,RUS,PAK,x\n")
        #expect(result.problems.map(\.diagnostic.description) == ["t.csv:2:14: row 1: a quoted field is not closed before the end of the file"])
    }

    @Test("Invalid UTF-8 is a located problem of its row")
    func invalidUTF8() throws {
        var bytes = Array("Event Date,Source Country,Target Country,Event Text\n2017,RUS,PAK,ok\n2017,RUS,PAK,b".utf8)
        bytes += [0xFF, 0x0A]
        let result = CSVReader(options: try ImportOptions(mapArguments: Self.map)).read(bytes, name: "t.csv")
        #expect(result.problems.map(\.diagnostic.description) == ["t.csv:3:15: row 2: invalid UTF-8; the file must be UTF-8"])
        #expect(result.dataset.events.count == 1)
    }

    @Test("A mapped column that is not there, or no date or title mapped, fails the file")
    func mapping() throws {
        let result = try read("Event Date,Source Country,Target Country,Event Txt\n2017,RUS,PAK,x\n")
        #expect(result.wholeFile)
        #expect(result.problems.map(\.diagnostic.description) == ["t.csv:1:1: (header): --map title=Event Text: no column 'Event Text'; did you mean 'Event Txt'?"])
        let unmapped = try read("a,b\n1,2\n", map: [])
        #expect(unmapped.problems.count == 2)
        #expect(unmapped.problems[0].diagnostic.message.hasPrefix("map a column to date with --map date=COLUMN"))
        #expect(try read("", map: []).problems.first?.diagnostic.message.contains("empty") == true)
    }

    @Test("TSV, mutual countries, intervals, kinds, ids, places, URLs and times")
    func otherFields() throws {
        let text = "when\tuntil\twho\twhat\ttype\tkey\twhere\tlink\n"
            + "2017-09-25 14:30\t2017-10-04\tRUS; PAK; CHN\tDrills\tMilitary Exercise\tdr-1\tNizhny Arkhyz\thttps://www.example.org/a\n"
            + "2018\t\t\tNo pair\t\tdr-2\t\thttps://www.example.org/a\n"
            + "2019\t\tRUS\tOne\t\tdr-3\t\t\n"
            + "2020\t\t\tDup\t\tdr-2\t\t\n"
        let result = try read(text, map: ["date=when", "end=until", "countries=who", "title=what", "kind=type", "id=key", "place=where", "url=link"],
                              name: "dir/drills.tsv")
        #expect(result.problems.map(\.diagnostic.description) == [
            "dir/drills.tsv:4:7: who: needs at least two countries, found RUS",
            "dir/drills.tsv:5:13: key: duplicate id 'dr-2'",
        ])
        let events = result.dataset.events
        #expect(events.map(\.id) == ["dr-1", "dr-2"])
        #expect(events[0].date.text == "2017-09-25/2017-10-04")
        #expect(events[0].participants.pairs.count == 3)
        #expect(events[0].kind == "military-exercise")
        #expect(events[0].place?.name == "Nizhny Arkhyz")
        #expect(events[0].attributes == [Attribute("time", .string("14:30"))])
        #expect(events[1].participants == .none)
        #expect(events[0].sources == events[1].sources)
        #expect(result.dataset.sources[events[0].sources[0]].publisher == "example.org")
        #expect(result.dataset.sources[events[0].sources[0]].id == "drills.s1")
    }

    @Test("In TSV a quote inside a field is text")
    func tsvQuotes() throws {
        let result = try read("Event Date\tSource Country\tTarget Country\tEvent Text\n2017\tRUS\tPAK\tSays \"no\" to talks\n")
        #expect(result.problems == [])
        #expect(result.dataset.events.first?.title == "Says \"no\" to talks")
    }

    @Test("Hostile text passes through as data; it is sanitized where it is shown")
    func hostile() throws {
        let result = try read("Event Date,Source Country,Target Country,Event Text\n2017,RUS,PAK,\"\u{1B}]0;pwned\u{07}\u{202E}x\"\n")
        #expect(result.dataset.events.first?.title == "\u{1B}]0;pwned\u{07}\u{202E}x")
    }

    @Test("Through the seam: --skip-invalid imports the good rows and counts the rest by reason")
    func skipInvalid() throws {
        let path = try ImportSeamTests.temporary("rows.csv", "Event Date,Source Country,Target Country,Event Text\nbad,XX,RUS,a\nbad,RUS,PAK,b\n2017,RUS,PAK,c\n2017,RUS\n")
        let options = try ImportOptions(mapArguments: Self.map)
        #expect(throws: DatasetImport.Failure.self) { try DatasetImport.run(inputs: [path], format: .auto, options: options) }
        let outcome = try DatasetImport.run(inputs: [path], format: .auto, options: options, skipInvalid: true)
        #expect(outcome.summary == "read 4 records, imported 1, skipped 3 (2 bad date, 1 wrong column count)")
        #expect(outcome.skippedProblems.count == 4)
    }
}
