@testable import DatasetFormats
import Foundation
import ReferenceStore
@testable import SQLiteStore
import StoreTestSupport
import TestSupport
import Testing
import TimelineKit

/// Every input format streamed record by record into the store writer (`DatasetImport.stream`)
/// makes the same store, table by table, as the same inputs read whole into a `Dataset` and
/// written from it (`DatasetImport.run`), spilled under a tiny budget or not; and says the same
/// about them: the summary, the records passed over, the failures.
@Suite struct StreamedReadersTests {
    struct Input: CustomTestStringConvertible, Sendable {
        var label: String
        /// File name → contents.
        var files: [(String, String)]
        var format: InputFormat = .auto
        var map: [String] = []
        var skipInvalid = false
        /// At least this many runs spilled under the tiny budget.
        var minimumRuns = 2
        var testDescription: String { label }
    }

    static let csvMap = ["id", "date", "title", "summary", "kind", "status", "from", "to", "countries", "place", "url"].map { "\($0)=\($0)" }

    /// A generated dataset written by one of our writers (CSV, JSON Lines, TimelineJS).
    static func exported(events: Int, seed: UInt64, _ writer: (any EventStore, any EventSelection, (String) throws -> Void) throws -> Void) throws -> String {
        let store = MemoryEventStore(timeline: try Fixtures.generated(events: events, seed: seed))
        var text = ""
        try writer(store, try store.selection(TimelineQuery())) { text += $0 }
        return text
    }

    /// GDELT 2.0 rows: the fixture's rows again and again, each copy with ids and days of its own.
    static func gdelt(copies: Int, idBase: Int = 0) throws -> String {
        let rows = try String(contentsOfFile: Repository.fixture("formats/20240105120000.export.CSV"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        var out = ""
        for copy in 0..<copies {
            for (index, row) in rows.enumerated() {
                var row = row
                row[0] = String(idBase + copy * 100 + index)
                row[1] = String(format: "20%02d%02d%02d", 10 + copy % 10, 1 + (copy + index) % 12, 1 + (copy * 7 + index) % 28)
                out += row.joined(separator: "\t") + "\n"
            }
        }
        return out
    }

    static func fixture(_ name: String) throws -> String { try String(contentsOfFile: Repository.fixture(name), encoding: .utf8) }

    static func inputs() throws -> [Input] {
        let csv = try exported(events: 400, seed: 5) { try CSVWriter.write(store: $0, selection: $1, emit: $2) }
        let jsonl = try exported(events: 300, seed: 6) { try JSONLinesWriter.write(store: $0, selection: $1, emit: $2) }
        let timelineJS = try exported(events: 300, seed: 7) { _ = try TimelineJSWriter.write(store: $0, selection: $1, emit: $2) }
        // Bad rows among good ones, passed over: each format's reader keeps its counts and places.
        var badCSV = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        badCSV.insert("e-bad,someday,T,,event,occurred,RUS,PAK,,,", at: 7)
        badCSV[20] = "a,b"
        return [
            Input(label: "CSV", files: [("events.csv", csv)], map: csvMap),
            Input(label: "CSV with bad rows, skipped", files: [("events.csv", badCSV.joined(separator: "\n"))], map: csvMap, skipInvalid: true),
            Input(label: "GDELT", files: [("20240105.export.CSV", try gdelt(copies: 60))]),
            Input(label: "GDELT, real rows", files: [("20160728.export.CSV", try fixture("real-world/20160728.export.sample.CSV"))], minimumRuns: 1),
            Input(label: "ICEWS", files: [("events.2018.tab", try fixture("real-world/events.2018.sample.head.tab"))]),
            Input(label: "JSON Lines", files: [("events.jsonl", jsonl)]),
            Input(label: "TimelineJS", files: [("timeline.json", timelineJS)], format: .timelinejs),
            Input(label: "several inputs", files: [("a.csv", csv), ("b.export.CSV", try gdelt(copies: 20)), ("c.jsonl", jsonl),
                                                   ("d.tab", try fixture("real-world/events.2018.sample.head.tab"))],
                  // The CSV's ids are its lines': the generated ids are the JSON Lines' too.
                  map: csvMap.filter { $0 != "id=id" }),
        ]
    }

    /// The store and outcome of the inputs read whole (`run`, then written from the dataset) and
    /// streamed under `budget`; the runs the streamed write spilled.
    struct Written {
        var whole: [String: [[String]]]
        var streamed: [String: [[String]]]
        var wholeOutcome: DatasetImport.Outcome
        var streamedOutcome: DatasetImport.Outcome
        var runs: Int
    }

    static func write(_ input: Input, budget: Int, in directory: String) throws -> Written {
        var paths: [String] = []
        for (name, text) in input.files {
            try Fixtures.create(directory + "/" + name, Data(text.utf8))
            paths.append(directory + "/" + name)
        }
        let options = try ImportOptions(mapArguments: input.map)
        let wholeOutcome = try DatasetImport.run(inputs: paths, format: input.format, options: options, skipInvalid: input.skipInvalid)
        _ = try SpillTests.writeDataset(wholeOutcome.dataset, to: directory + "/whole.bilateral", budget: StoreWriter.defaultMemoryBudget)
        var streamedOutcome: DatasetImport.Outcome?
        var runs = 0
        try StoreFile.write(to: directory + "/streamed.bilateral") { db, temporary in
            runs = try StoreWriter.Session.write(db, scratch: StoreWriter.scratch(temporary, budget)) { sink in
                streamedOutcome = try DatasetImport.stream(inputs: paths, format: input.format, options: options,
                                                           skipInvalid: input.skipInvalid, into: sink)
            }
        }
        return Written(whole: try StreamingWriterTests.dump(directory + "/whole.bilateral"),
                       streamed: try StreamingWriterTests.dump(directory + "/streamed.bilateral"),
                       wholeOutcome: wholeOutcome, streamedOutcome: try #require(streamedOutcome), runs: runs)
    }

    @Test(arguments: try inputs())
    func streamedStoreEqualsTheDatasetOne(input: Input) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let written = try Self.write(input, budget: 4_096, in: directory)
        #expect(written.runs >= input.minimumRuns, "runs: \(written.runs)")
        #expect(written.whole.keys.sorted() == written.streamed.keys.sorted())
        #expect((written.whole["events"]?.count ?? 0) > 10)
        for table in written.whole.keys.sorted() {
            #expect(written.streamed[table] == written.whole[table], "table \(table)")
        }
        #expect(written.streamedOutcome.summary == written.wholeOutcome.summary)
        #expect(written.streamedOutcome.imported == written.wholeOutcome.dataset.events.count)
        #expect(written.streamedOutcome.skippedDiagnostics == written.wholeOutcome.skippedDiagnostics)
        #expect(written.streamedOutcome.dataset.title == written.wholeOutcome.dataset.title)
        if input.skipInvalid {
            #expect(written.streamedOutcome.skippedProblemCount == 2)
            #expect(written.streamedOutcome.skippedDiagnostics.map(\.line) == [8, 21])
        }
        #expect(try StoreValidator.validate(path: directory + "/streamed.bilateral") == [])
    }

    /// What `stream` throws, and whether it left a store behind.
    static func streamFailure(_ files: [(String, String)], map: [String] = csvMap) throws -> (stream: DatasetImport.Failure?, run: DatasetImport.Failure?, left: [String]) {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var paths: [String] = []
        for (name, text) in files {
            try Fixtures.create(directory + "/" + name, Data(text.utf8))
            paths.append(directory + "/" + name)
        }
        let options = try ImportOptions(mapArguments: map)
        var runFailure: DatasetImport.Failure?
        do { _ = try DatasetImport.run(inputs: paths, format: .auto, options: options) } catch { runFailure = error }
        var streamFailure: DatasetImport.Failure?
        do {
            try StoreWriter.write(to: directory + "/out.bilateral", memoryBudget: 4_096) { sink in
                _ = try DatasetImport.stream(inputs: paths, format: .auto, options: options, into: sink)
            }
        } catch let error as DatasetImport.Failure {
            streamFailure = error
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).filter { !paths.contains(directory + "/" + $0) }
        return (streamFailure, runFailure, left)
    }

    static func describe(_ failure: DatasetImport.Failure?) -> String {
        switch failure {
        case .unreadable(let diagnostics)?: "unreadable " + diagnostics.map(\.description).joined(separator: "\n")
        case .invalid(let list, let summary)?: list.map(\.description).joined(separator: "\n") + "\n" + summary
        case .conflict(let message, let summary)?: message + "\n" + summary
        case nil: "nothing"
        }
    }

    /// A bad row far into the file, after many good rows were handed on: the import fails naming the
    /// file, line, column and field, as the dataset path does, and leaves nothing behind.
    @Test func badRowFailsWithItsPlace() throws {
        var csv = try Self.exported(events: 300, seed: 5) { try CSVWriter.write(store: $0, selection: $1, emit: $2) }
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = csv[0].split(separator: ",").map(String.init)
        let dateColumn = try #require(header.firstIndex(of: "date"))
        var fields = csv[250].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[dateColumn] = "someday"
        csv[250] = fields.joined(separator: ",")
        let failed = try Self.streamFailure([("events.csv", csv.joined(separator: "\n"))])
        let text = Self.describe(failed.stream)
        #expect(text == Self.describe(failed.run))
        #expect(text.contains("events.csv:251:"), "\(text)")
        #expect(text.contains(": date: not a date: 'someday'"), "\(text)")
        #expect(text.hasSuffix("read 300 records, 1 invalid: nothing written (--skip-invalid imports the good ones)"), "\(text)")
        #expect(failed.left == [])
    }

    /// A duplicate id inside a GDELT file, and an id in two inputs: the same reports as before.
    @Test func duplicatesAreReportedAsBefore() throws {
        let rows = try Self.gdelt(copies: 30)
        let duplicate = rows + (rows.split(separator: "\n").last.map { String($0) + "\n" } ?? "")
        let inFile = try Self.streamFailure([("a.export.CSV", duplicate)], map: [])
        #expect(Self.describe(inFile.stream) == Self.describe(inFile.run))
        #expect(Self.describe(inFile.stream).contains("a.export.CSV:\(duplicate.split(separator: "\n").count):1: GLOBALEVENTID: duplicate event"),
                "\(Self.describe(inFile.stream))")
        #expect(inFile.left == [])

        let across = try Self.streamFailure([("a.export.CSV", rows), ("b.export.CSV", try Self.gdelt(copies: 2, idBase: 2_900))], map: [])
        #expect(Self.describe(across.stream) == Self.describe(across.run))
        #expect(Self.describe(across.stream).contains("event id 'gdelt-2900' is in both"), "\(Self.describe(across.stream))")
        #expect(across.left == [])
    }
}
