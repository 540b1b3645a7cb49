import Foundation
import TestSupport
import Testing

/// The real binary: output, exit statuses, and behaviour on bad input.
@Suite("bilateral command line")
struct CommandLineTests {
    private func run(_ arguments: String...) throws -> BinaryRunner.Result { try run(arguments) }

    /// Runs the binary on the frozen article fixture (not the bundled data, which grows), so
    /// these expectations stay true; `--data` given explicitly wins.
    private func run(_ arguments: [String]) throws -> BinaryRunner.Result {
        let takesData = arguments.isEmpty || ["list", "pairs", "show", "quotes"].contains(arguments[0])
        let explicit = arguments.contains("--data") || arguments.contains("--help")
        return try BinaryRunner.run(takesData && !explicit ? arguments + ["--data", Repository.articleFixture] : arguments)
    }

    @Test("list prints the timeline as a table that fits 80 columns when piped")
    func listTable() throws {
        let result = try run("list")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("DATE") == true)
        #expect(lines.count == 14)
        #expect(lines[1].hasPrefix("2 Jun 2014"))
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(!result.stdout.contains("\u{1B}"), "no escape sequences when not a terminal")
        #expect(try run().stdout == result.stdout, "bare bilateral prints the list when not on a terminal")
    }

    @Test("list --count with a search (counted over the selection without the words) equals the rows list prints, in memory and in a store")
    func searchCountEqualsRows() throws {
        let scratch = try ScratchFolder("search-count")
        let bundled = Repository.path("data/timeline.json"), store = scratch.path("bundled.bilateral")
        #expect(try BinaryRunner.run(["import", bundled, "-o", store]).status == 0)
        let searches = ["russia", "ru", "joint exercise", "pakistan helicopters", "zzzz", "Moscow talks", "é"]
        let filters: [[String]] = [[], ["--pair", "RUS-PAK"], ["--pair", "RUS-PAK", "--pair", "IND-RUS"], ["--country", "PAK"],
                                   ["--from", "2015"], ["--kind", "military-exercise"]]
        var nonzero = 0
        for data in [["--data", bundled, "--no-cache"], ["--data", store]] {
            for search in searches {
                for filter in filters {
                    let arguments = ["list", "--search", search] + filter + data
                    let counted = try BinaryRunner.run(arguments + ["--count"])
                    let rows = try BinaryRunner.run(arguments + ["--format", "csv"])
                    #expect(counted.status == 0 && rows.status == 0, "\(arguments): \(counted.stderr)\(rows.stderr)")
                    let listed = rows.stdout.split(separator: "\n").count - 1
                    #expect(counted.stdout == "\(listed)\n", "\(arguments)")
                    if listed > 0 { nonzero += 1 }
                }
            }
        }
        #expect(nonzero > 20, "the searches select events: \(nonzero)")
    }

    @Test("list filters by pair, country, date, kind and text")
    func listFilters() throws {
        #expect(try run("list", "--pair", "usa-pak", "--count").stdout == "2\n")
        #expect(try run("list", "--pair", "United States–Pakistan", "--pair", "IND/RUS", "--count").stdout == "4\n")
        #expect(try run("list", "--country", "India", "--count").stdout == "2\n")
        #expect(try run("list", "--from", "2017-09", "--to", "2017-09", "--count").stdout == "7\n")
        #expect(try run("list", "--kind", "military-exercise", "--count").stdout == "2\n")
        #expect(try run("list", "--search", "Helicopter", "--count").stdout == "2\n")
    }

    @Test("list --format json has the documented fields")
    func listJSON() throws {
        let result = try run("list", "--pair", "RUS-PAK", "--format", "json")
        #expect(result.status == 0)
        let records = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(records.count == 9)
        let first = records[0]
        #expect(first["id"] as? String == "embargo-lifted-2014")
        #expect(first["date"] as? String == "2014-06-02")
        #expect(first["dateText"] as? String == "2 Jun 2014")
        #expect(first["earliest"] as? String == "2014-06-02")
        #expect(first["pairs"] as? [String] == ["RUS-PAK"])
        #expect((first["participants"] as? [String: Any])?["mode"] as? String == "directed")
        let expectedKeys: Set<String> = ["id", "date", "dateText", "earliest", "latest", "precision", "approximate", "uncertain",
                                         "title", "summary", "kind", "status", "participants", "pairs", "place", "tags",
                                         "people", "sources", "notes", "quotes", "attributes", "actors", "cameo", "category"]
        #expect(Set(first.keys).isSubset(of: expectedKeys))
        #expect(Set(first.keys).isSuperset(of: expectedKeys.subtracting(["place", "cameo"])))
        #expect(first["category"] as? String == "other", "the article's embargo event has no code; its kind, arms-policy, is other")
    }

    @Test("list --format csv and markdown")
    func listCSVAndMarkdown() throws {
        let csv = try run("list", "--pair", "IND-RUS", "--format", "csv").stdout
        #expect(csv.split(separator: "\n").first == "id,date,date_text,pairs,kind,status,title")
        #expect(csv.contains("india-plea-2017,2017-09-18~/2017-09-24~,18 – 24 Sep 2017 (approx.),IND–RUS,diplomatic-protest,reported,"))
        let markdown = try run("list", "--kind", "speech", "--format", "markdown").stdout
        #expect(markdown.contains("| 21 Aug 2017 | USA–PAK | speech | occurred | Trump's Afghanistan strategy speech criticises Pakistan | `trump-afghanistan-strategy-2017` |"))
    }

    @Test("pairs lists every pair, busiest first")
    func pairs() throws {
        let result = try run("pairs")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines[0].hasPrefix("PAIR"))
        #expect(lines[1].hasPrefix("RUS–PAK  9       Jun 2014 – ongoing"))
        #expect(lines.count == 7)
        let json = try run("pairs", "--format", "json").stdout
        #expect(json.contains("\"pair\" : \"RUS-PAK\""))
        #expect(json.contains("\"last\" : null"), "an ongoing pair's last day is null, not left out")
    }

    @Test("show prints one event in full")
    func show() throws {
        let result = try run("show", "friendship-2016")
        #expect(result.status == 0)
        let text = result.stdout
        for expected in ["Friendship 2016: the first Russia–Pakistan joint drills", "24 Sep – 10 Oct 2016", "17 days",
                         "Russia ↔ Pakistan (together)", "Cherat", "https://www.dawn.com/news/1286616",
                         "Sources disagree on the end date"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        let bajwa = try run("show", "bajwa-visit-2017").stdout
        #expect(bajwa.contains("SCHEDULED"))
        let tour = try run("show", "asif-eurasian-tour-2017").stdout
        #expect(tour.contains("Pakistan ↔ each of China, Türkiye, Russia (separately)"))
    }

    @Test("show of an unknown id suggests the nearest and exits 1")
    func showUnknown() throws {
        let result = try run("show", "frendship-2017")
        #expect(result.status == 1)
        #expect(result.stderr == "bilateral: no event 'frendship-2017'; did you mean 'friendship-2017'?\n")
    }

    @Test("quotes filter by speaker, pair and event")
    func quotes() throws {
        let rakisits = try run("quotes", "--speaker", "Rakisits", "--format", "json")
        let records = try #require(try JSONSerialization.jsonObject(with: Data(rakisits.stdout.utf8)) as? [[String: Any]])
        #expect(records.count == 19)
        #expect(records.allSatisfy { $0["speaker"] as? String == "rakisits" })
        let text = try run("quotes", "--event", "asif-eurasian-tour-2017").stdout
        #expect(text.contains("“revolutionize”"))
        #expect(text.contains("— Andrew Korybko"))
        // The quote pane's document, as in the browser: the context, then each event on a line of its own.
        #expect(text.contains("\n   In context: Mr. Korybko has previously told ValueWalk"))
        #expect(text.contains("\n   → Foreign Minister Asif tours China, Turkey and Russia (7 Sep 2017 – unknown\n   end)\n"))
        let usa = try run("quotes", "--pair", "USA-PAK", "--format", "json").stdout
        #expect(usa.contains("trump-safe-havens"))
        #expect(!usa.contains("korybko-superpowers"))
    }

    @Test("pairs, show and quotes take --format table or json only; quotes checks --pair as list does")
    func tableOrJSONOnly() throws {
        for arguments in [["pairs"], ["show", "friendship-2017"], ["quotes"]] {
            let result = try run(arguments + ["--format", "csv"])
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.hasPrefix("Error: \(arguments[0]) supports --format table or json\n"), "\(arguments)")
        }
        let pair = try run(["quotes", "--pair", "PAKK-RUS"])
        #expect(pair.status == 64)
        #expect(pair.stderr.hasPrefix("Error: --pair: unknown country 'PAKK'; did you mean PAK (Pakistan)?\n"))
    }

    @Test("Bad arguments exit 64 with a suggestion")
    func usageErrors() throws {
        let pair = try run("list", "--pair", "PAKK-RUS")
        #expect(pair.status == 64)
        #expect(pair.stderr.contains("unknown country 'PAKK'; did you mean PAK (Pakistan)?"))
        let date = try run("list", "--from", "2017-13")
        #expect(date.status == 64)
        #expect(date.stderr.contains("--from: invalid date"))
    }

    @Test("validate summarises a good file and exits 0")
    func validateGood() throws {
        let path = Repository.articleFixture
        let result = try run("validate", path)
        #expect(result.status == 0)
        #expect(result.stdout == "\(path): ok: 13 events, 6 pairs, 29 quotes, 23 sources, 8 people\n")
    }

    @Test("validate reports every problem of a bad file and exits 65")
    func validateBad() throws {
        let path = Repository.fixture("bad-many.json")
        let result = try run("validate", path)
        #expect(result.status == 65)
        #expect(result.stderr.split(separator: "\n").map(String.init) == [
            "\(path):4:26: events[0].date: invalid EDTF date: '2017-02-30': day 30 does not exist in Feb 2017",
            "\(path):5:67: events[0].participants.to[0]: unknown country 'PAKK'; did you mean PAK (Pakistan)?",
            "\(path):6:18: events[0].sources[0]: unknown source 'artcle'; did you mean 'article'?",
            "\(path):8:11: events[1].id: duplicate id 'e1'; events[0] already uses it",
            "\(path):8:25: events[1].date: invalid EDTF date: the interval '2017-10-04/2017-09-25' ends before it starts",
        ])
    }

    @Test("Unreadable input exits 66; a directory and a missing file are named")
    func unreadable() throws {
        let missing = try run("list", "--data", "/no/such.json")
        #expect(missing.status == 66)
        #expect(missing.stderr == "/no/such.json:1:1: (file): no such file\n")
        let directory = try run("validate", "/tmp")
        #expect(directory.status == 66)
        let mixed = try run("validate", "/no/such.json", Repository.fixture("bad-many.json"))
        #expect(mixed.status == 66)
    }

    @Test("Invalid UTF-8 and an empty file exit 65")
    func brokenFiles() throws {
        let utf8 = try run("list", "--data", Repository.fixture("bad-utf8.json"))
        #expect(utf8.status == 65)
        #expect(utf8.stderr.contains(":3:14: (document): invalid UTF-8 byte 0xFF"))
        let empty = try run("validate", Repository.fixture("empty.json"))
        #expect(empty.status == 65)
        #expect(empty.stderr.hasSuffix("empty.json:1:1: (document): the file is empty; expected a JSON object\n"))
    }

    @Test("Control characters from a dataset are shown, never sent to the terminal")
    func hostileText() throws {
        let path = Repository.fixture("hostile.json")
        for arguments in [["list"], ["show", "evil"], ["quotes"], ["list", "--format", "csv"], ["list", "--format", "markdown"], ["pairs"]] {
            let result = try BinaryRunner.run(arguments + ["--data", path])
            #expect(result.status == 0, "\(arguments)")
            for forbidden in ["\u{1B}", "\u{07}", "\u{9B}", "\u{202E}", "\r"] {
                #expect(!result.stdout.contains(forbidden), "\(arguments) leaked \(forbidden.unicodeScalars.first!.value)")
            }
        }
        #expect(try BinaryRunner.run(["list", "--data", path]).stdout.contains("␛[31m"))
        let json = try BinaryRunner.run(["list", "--format", "json", "--data", path]).stdout
        #expect(json.contains("\\u001b[31m"), "JSON escapes controls itself")
    }

    @Test("The table truncates by display width, never mid-character")
    func wideText() throws {
        let result = try BinaryRunner.run(["list", "--data", Repository.fixture("wide.json")])
        #expect(result.status == 0)
        let row = try #require(result.stdout.split(separator: "\n").last)
        #expect(row.hasSuffix("…"))
        #expect(!row.unicodeScalars.contains("\u{FFFD}"))
    }

    @Test("--version and --help")
    func versionAndHelp() throws {
        #expect(try run("--version").stdout == "0.1.0\n")
        let help = try run("--help")
        #expect(help.status == 0)
        for command in ["list", "pairs", "show", "quotes", "validate"] { #expect(help.stdout.contains(command)) }
        #expect(try run("list", "--help").stdout.contains("--data <path>"))
    }

    @Test("A copy of the binary alone works from the filesystem root")
    func copiedBinary() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bilateral-copy-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("bilateral")
        try FileManager.default.copyItem(at: BinaryRunner.binary, to: copy)
        let result = try BinaryRunner.run(["show", "friendship-2017"], executable: copy, directory: URL(fileURLWithPath: "/"))
        #expect(result.status == 0)
        #expect(result.stdout.contains("Friendship 2017"))
    }
}

@Suite("browse without a terminal")
struct BrowseWithoutTerminalTests {
    @Test("bilateral browse fails clearly when not on a terminal")
    func browseNeedsTerminal() throws {
        let result = try BinaryRunner.run(["browse"])
        #expect(result.status == 69)
        #expect(result.stderr.contains("the browser needs a terminal"))
    }

    @Test("Plain bilateral honours --pair when printing the list")
    func plainFiltered() throws {
        let result = try BinaryRunner.run(["--data", Repository.articleFixture, "--pair", "IND-RUS"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 3)
    }
}
