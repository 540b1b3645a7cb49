import BundledData
import DatasetFormats
import Foundation
import ReferenceStore
import TestSupport
import Testing
@testable import TimelineKit

/// The bundled dataset against its sources: anchors, verbatim quotes, citations, schema.
@Suite("The bundled dataset")
struct DatasetTests {
    static let timeline = try! BundledDataset.load()

    private func event(_ id: String) throws -> Event {
        try #require(Self.timeline.event(id: id), "missing event \(id)")
    }

    @Test("The four anchor events are present with their dates")
    func anchors() throws {
        #expect(try event("embargo-lifted-2014").date.text == "2014-06-02")
        #expect(try event("friendship-2016").date.text == "2016-09-24/2016-10-10")
        #expect(try event("friendship-2017").date.text == "2017-09-25/2017-10-04")
        let delivery = try event("mi35m-delivery-2017")
        #expect(delivery.date.text == "2017-08~")
        #expect(delivery.date.isApproximate)
        #expect(delivery.status == .reported)
    }

    @Test("Every event the issue names is there")
    func coverage() throws {
        for id in ["mi35m-deal-2015", "weapons-talks-2015", "trump-afghanistan-strategy-2017", "pakistan-threatens-us-ties-2017",
                   "russia-warns-west-2017", "asif-eurasian-tour-2017", "india-plea-2017", "russia-refuses-india-2017",
                   "bajwa-visit-2017"] {
            _ = try event(id)
        }
        #expect(try event("bajwa-visit-2017").status == .scheduled)
        let tour = try event("asif-eurasian-tour-2017")
        #expect(Set(tour.participants.pairs.map(\.description)) == ["CHN–PAK", "PAK–TUR", "PAK–RUS"])
        let drills = try event("friendship-2017")
        #expect(drills.summary.contains("200 personnel"))
        #expect(drills.summary.contains("over 20 mountain warfare drills"))
        #expect(drills.summary.contains("hostage rescue"))
    }

    /// The article beside the repository (`../shared`): present in the team's working copies
    /// and in CI, absent from a user's clone, where the tests that need it are skipped.
    static let article: String? = Repository.shared.flatMap { try? String(contentsOf: $0.appendingPathComponent("source-article.txt"), encoding: .utf8) }

    @Test("Every quote's text stands inside its own context, and contexts do not overlap")
    func quotesInsideContexts() {
        let quotes = Self.timeline.dataset.quotes
        #expect(quotes.count >= 20)
        for quote in quotes {
            #expect(!quote.text.isEmpty)
            if let context = quote.context {
                #expect(context.contains(quote.text.trimmingCharacters(in: CharacterSet(charactersIn: ",."))),
                        "quote \(quote.id) is not inside its context")
            }
        }
        // Two quotes may share a sentence; a context never cuts into another quote's context.
        let contexts = Set(quotes.compactMap(\.context))
        for a in contexts {
            for b in contexts where a != b {
                let overlap = (1..<min(a.count, b.count)).reversed().first { a.hasSuffix(b.prefix($0)) } ?? 0
                #expect(overlap < 12 || b.contains(a) || a.contains(b), "contexts overlap: \(a.prefix(40))… / \(b.prefix(40))…")
            }
        }
    }

    @Test("Every quote and its context are verbatim in the article",
          .enabled(if: article != nil, "../shared/source-article.txt is not beside this clone"))
    func verbatimQuotes() throws {
        let article = try #require(Self.article)
        for quote in Self.timeline.dataset.quotes where quote.source == articleSourceIndex {
            #expect(article.contains(quote.text), "quote \(quote.id) is not verbatim")
            if let context = quote.context {
                #expect(article.contains(context), "context of \(quote.id) is not verbatim")
            }
        }
    }

    private var articleSourceIndex: Int? { Self.timeline.dataset.sources.firstIndex { $0.id == "valuewalk-2017" } }

    @Test("Every quote of Korybko and Rakisits in the article is in the dataset",
          .enabled(if: article != nil, "../shared/source-article.txt is not beside this clone"))
    func allAnalystQuotes() throws {
        let article = try #require(Self.article)
        let quoted = Set(Self.timeline.dataset.quotes.filter { ["korybko", "rakisits"].contains(Self.timeline.person($0.speaker).id) }.map(\.text))
        // Each “…” passage in a paragraph that names one of them (or follows one that does).
        let paragraphs = article.components(separatedBy: "\n").filter { !$0.isEmpty }
        var speaker: String?
        for paragraph in paragraphs {
            if paragraph.contains("Korybko") { speaker = "korybko" }
            if paragraph.contains("Rakisits") { speaker = "rakisits" }
            if paragraph.contains("Trump") { speaker = nil }
            guard speaker != nil else { continue }
            for passage in paragraph.components(separatedBy: "“").dropFirst() {
                guard let text = passage.components(separatedBy: "”").first, !text.isEmpty else { continue }
                #expect(quoted.contains(text), "missing quote: \(text)")
            }
        }
    }

    /// The 13 events told by the article (2014–2017); every later addition cites its own sources.
    static let articleEventIDs = ["embargo-lifted-2014", "mi35m-deal-2015", "weapons-talks-2015", "friendship-2016",
                                  "trump-afghanistan-strategy-2017", "mi35m-delivery-2017", "pakistan-threatens-us-ties-2017",
                                  "russia-warns-west-2017", "asif-eurasian-tour-2017", "india-plea-2017", "russia-refuses-india-2017",
                                  "friendship-2017", "bajwa-visit-2017"]

    @Test("The article's 13 events cite the article, and every event has a source")
    func citations() throws {
        let dataset = Self.timeline.dataset
        let article = try #require(dataset.sources.firstIndex { $0.id == "valuewalk-2017" })
        for event in dataset.events {
            #expect(!event.sources.isEmpty, "\(event.id) has no source")
        }
        for id in Self.articleEventIDs {
            #expect(try event(id).sources.contains(article), "\(id) does not cite the article")
        }
    }

    /// Article-era sources recorded without a publication date; they stay as they were.
    /// A source without a publication date says so in its note (archival documents, reference pages).
    static func explainsMissingDate(_ source: Source) -> Bool {
        guard let note = source.note?.lowercased() else { return false }
        return ["undated", "not recorded", "no publication date"].contains { note.contains($0) }
    }

    @Test("Every event has a source with a URL; every source but the article has a publisher, and a date or a note saying why not")
    func sourceRecords() {
        let dataset = Self.timeline.dataset
        for event in dataset.events {
            #expect(event.sources.contains { dataset.sources[$0].url?.hasPrefix("http") == true },
                    "\(event.id) has no source with a URL")
        }
        for source in dataset.sources where source.id != "valuewalk-2017" {
            #expect(!source.publisher.trimmingCharacters(in: .whitespaces).isEmpty, "\(source.id) has no publisher")
            #expect(source.published != nil || Self.explainsMissingDate(source), "\(source.id) has no published date and no note saying why")
        }
    }

    @Test("The history spans 1948 to the 2020s over at least 8 pairs")
    func span() throws {
        let timeline = Self.timeline
        #expect(timeline.eventCount >= 60)
        let pairs = Set(timeline.dataset.events.flatMap { $0.participants.pairs.map(\.description) })
        #expect(pairs.count >= 8)
        for pair in ["PAK–RUS", "IND–RUS", "PAK–USA", "CHN–PAK", "AFG–PAK", "RUS–USA", "IND–PAK"] {
            #expect(pairs.contains(pair), "no event of \(pair)")
        }
        let first = try event("ussr-pakistan-relations-1948")
        #expect(first.date.text == "1948-04-27/1948-05-01")
        #expect(timeline.dataset.events.contains { $0.date.text.hasPrefix("2025") })
    }

    /// The USSR is filed under RUS (its continuator state): Soviet-era events say so and carry the tag `ussr`.
    @Test("Soviet-era events are marked as the Soviet Union")
    func sovietEra() throws {
        let dissolution = try #require(try EDTFDate(parsing: "1991-12-26").earliestDay)
        var count = 0
        for event in Self.timeline.dataset.events {
            guard event.participants.countries.contains(where: { $0.alpha3 == "RUS" }), let end = event.date.latestDay, end < dissolution else { continue }
            count += 1
            let text = event.title + " " + event.summary
            #expect(event.tags.contains("ussr"), "\(event.id) lacks the ussr tag")
            #expect(text.contains("Soviet") || text.contains("USSR"), "\(event.id) does not name the Soviet Union")
            #expect(!event.title.contains("Russia"), "\(event.id) calls the USSR Russia")
        }
        #expect(count >= 10)
    }

    /// The kind vocabulary README.md documents.
    static let kinds: Set<String> = ["agreement", "aid", "arms-deal", "arms-delivery", "arms-negotiation", "arms-policy",
                                     "diplomatic-protest", "diplomatic-relations", "diplomatic-response", "diplomatic-threat",
                                     "diplomatic-tour", "incident", "meeting", "military-exercise", "military-operation",
                                     "sanctions", "speech", "statement", "trade", "visit", "weapons-test"]

    @Test("Every kind is in the documented vocabulary")
    func kindVocabulary() {
        for event in Self.timeline.dataset.events {
            #expect(Self.kinds.contains(event.kind), "\(event.id): undocumented kind \(event.kind)")
        }
    }

    @Test("The Taliban are an actor within Afghanistan, not the Afghan state, where they acted before holding Kabul")
    func talibanAsActor() throws {
        for id in ["us-taliban-agreement-2020", "taliban-take-kabul-2021"] {
            #expect(try event(id).actors == [CountryActor(country: Country(alpha3: "AFG")!, name: "Taliban")], "\(id)")
        }
        #expect(try event("russia-recognises-taliban-2025").actors == [], "by 2025 they are the government Russia recognises")
    }

    @Test("Disagreements between sources are noted")
    func disagreements() throws {
        let embargo = try event("embargo-lifted-2014")
        #expect(embargo.notes.contains { $0.text.contains("Chemezov") && $0.text.contains("Putin") })
        let drills = try event("friendship-2016")
        #expect(drills.notes.contains { $0.text.contains("7 Oct 2016") && $0.text.contains("30 Sep 2016") })
    }

    @Test("The embedded copy is exactly data/timeline.json")
    func embeddedMatchesFile() throws {
        let file = try Data(contentsOf: Repository.root.appendingPathComponent("data/timeline.json"))
        #expect(BundledDataset.bytes == [UInt8](file), "the EmbedTextPlugin embeds the file as it is")
    }

    /// Python's jsonschema is a test prerequisite (README); `.ci/run` installs it.
    static let hasJSONSchema: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import jsonschema"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test("data/timeline.json validates against data/schema.json",
          .enabled(if: hasJSONSchema, "python3 with jsonschema is not installed (pip install jsonschema)"))
    func schema() throws {
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        data = json.load(open(sys.argv[2], encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
        for e in errors: print(e.json_path, e.message)
        sys.exit(1 if errors else 0)
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script,
                             Repository.root.appendingPathComponent("data/schema.json").path,
                             Repository.root.appendingPathComponent("data/timeline.json").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "schema validation failed: \(output)")
    }

    @Test("Events are in a total chronological order")
    func order() {
        let timeline = Self.timeline
        let days = (0..<timeline.eventCount).map { timeline.event(atPosition: $0).date.sortDay }
        #expect(days == days.sorted())
        #expect(timeline.event(atPosition: 0).id == "ussr-pakistan-relations-1948")
        #expect(timeline.event(atPosition: timeline.eventCount - 1).id == "doha-ceasefire-2025")
        let speech = timeline.positionOfEvent[timeline.eventIndexByID["trump-afghanistan-strategy-2017"]!]
        let warning = timeline.positionOfEvent[timeline.eventIndexByID["russia-warns-west-2017"]!]
        #expect(speech < warning, "a day-precise event leads its day")
    }
}
