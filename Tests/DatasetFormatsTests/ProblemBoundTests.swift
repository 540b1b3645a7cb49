@testable import DatasetFormats
import Foundation
import Testing
import TimelineKit

/// A reader keeps the first `DiagnosticList.keptLimit` problems in file order and counts the
/// rest: the summary's counts and the printer's "… and N more problems" are those of every
/// problem, the memory that of the kept ones.
@Suite("Problems: the first ones kept, all of them counted")
struct ProblemBoundTests {
    static let limit = DiagnosticList.keptLimit

    func jsonLines(_ text: String) -> ReadResult {
        JSONLinesReader().read(Array(text.utf8), name: "t.jsonl")
    }

    func csv(_ text: String, map: [String]) throws -> ReadResult {
        CSVReader(options: try ImportOptions(mapArguments: map)).read(Array(text.utf8), name: "t.csv")
    }

    @Test("1,000 lines that are not objects: 200 kept in file order, 1,000 counted")
    func notObjects() throws {
        let result = jsonLines(String(repeating: "[1]\n", count: 1000))
        #expect(result.problems.count == Self.limit)
        #expect(result.problems.map(\.diagnostic.line) == Array(1...Self.limit))
        #expect(result.problems.first?.diagnostic.description == "t.jsonl:1:1: (line): expected an object, found an array")
        #expect(result.problemCount == 1000)
        #expect(result.invalidRecords == 1000)
        #expect(result.invalidByReason.summary == "1000 not an object")
        #expect(result.recordsRead == 1000)
        #expect(result.diagnostics.omitted == 800)
    }

    @Test("1,000 `{}` lines: five problems each from the decoding pass, 200 kept, 5,000 counted")
    func emptyObjects() throws {
        let result = jsonLines(String(repeating: "{}\n", count: 1000))
        #expect(result.problems.count == Self.limit)
        #expect(result.problemCount == 5000)
        #expect(result.invalidRecords == 1000)
        #expect(result.recordsRead == 1000)
        #expect(result.invalidByReason.summary == "1000 missing field")
        // Five to a line, in the order they were found (all at the line's start): lines 1 to 40.
        #expect(result.problems.map(\.record) == (1...40).flatMap { Array(repeating: $0, count: 5) })
        #expect(result.problems.prefix(5).map(\.diagnostic.description) == [
            "t.jsonl:1:1: id: required field is missing",
            "t.jsonl:1:1: date: required field is missing",
            "t.jsonl:1:1: title: required field is missing",
            "t.jsonl:1:1: kind: required field is missing",
            "t.jsonl:1:1: status: required field is missing",
        ])
    }

    @Test("A problem of the decoding pass sorts before the first pass's, and keeps its place among 200")
    func secondPassFirst() throws {
        let good = #"{"id": "e1", "date": "2014-13", "title": "One", "kind": "talks", "status": "occurred"}"#
        let result = jsonLines(good + "\n" + String(repeating: "{\"a\": \n", count: 500))
        #expect(result.problemCount == 501)
        #expect(result.problems.count == Self.limit)
        #expect(result.problems.first?.reason == "bad date")
        #expect(result.problems.first?.diagnostic.line == 1)
        #expect(result.problems.dropFirst().map(\.diagnostic.line) == Array(2..<(Self.limit + 1)))
        #expect(result.invalidByReason.summary == "500 malformed JSON, 1 bad date")
    }

    @Test("Reasons are listed in the order of their records, whichever pass found them")
    func reasonOrder() throws {
        let bad = #"{"id": "e1", "date": "2014-13", "title": "One", "kind": "talks", "status": "occurred"}"#
        let result = jsonLines(bad + "\n{\"a\": \n")
        #expect(result.invalidByReason.summary == "1 bad date, 1 malformed JSON")
    }

    @Test("A row's reason is its first problem in file order, not the first one checked")
    func firstReasonInFileOrder() throws {
        let rows = String(repeating: ",not a date\n", count: 300)
        let result = try csv("title,date\n" + rows, map: ["date=date", "title=title"])
        #expect(result.problemCount == 600)
        #expect(result.problems.count == Self.limit)
        #expect(result.problems.prefix(2).map(\.diagnostic.description) == [
            "t.csv:2:1: title: the title is empty",
            "t.csv:2:2: date: not a date: 'not a date'; write EDTF (2017-09-25, 2017-09, 2017~) or YYYYMMDD",
        ])
        #expect(result.invalidByReason.summary == "300 missing title")
        #expect(result.invalidRecords == 300)
    }

    @Test("Through the seam: the summary and the count of problems are exact; 200 diagnostics per input")
    func seam() throws {
        let lines = try ImportSeamTests.temporary("bad.jsonl", String(repeating: "[1]\n", count: 1000))
        let rows = try ImportSeamTests.temporary("bad.csv", "title\n" + String(repeating: "x\n", count: 300))
        let options = try ImportOptions(mapArguments: ["date=title", "title=title"])
        do {
            _ = try DatasetImport.run(inputs: [lines, rows], format: .auto, options: options)
            Issue.record("expected a failure")
        } catch {
            guard case .invalid(let diagnostics, let summary) = error else { Issue.record("\(error)"); return }
            #expect(diagnostics.count == 2 * Self.limit)
            #expect(diagnostics.total == 1300)
            #expect(diagnostics.omitted == 900)
            #expect(diagnostics[Self.limit].description.hasPrefix(rows + ":2:1: title: not a date: 'x'"))
            #expect(summary == "read 1300 records, 1300 invalid: nothing written (--skip-invalid imports the good ones)")
        }
        let outcome = try DatasetImport.run(inputs: [lines, rows], format: .auto, options: options, skipInvalid: true)
        #expect(outcome.summary == "read 1300 records, imported 0, skipped 1300 (1000 not an object, 300 bad date)")
        #expect(outcome.skippedProblems.count == 2 * Self.limit)
        #expect(outcome.skippedProblemCount == 1300)
        #expect(outcome.skippedDiagnostics.total == 1300)
    }

    @Test("The first items in file order: the smallest offsets, ties in the order added")
    func firstInFileOrder() {
        var generator = SystemRandomNumberGenerator()
        var kept = FirstInFileOrder<Int>(limit: 50)
        var all: [(offset: Int, sequence: Int)] = []
        for sequence in 0..<5000 {
            let offset = Int.random(in: 0..<700, using: &generator)
            all.append((offset, sequence))
            kept.add(offset: offset, sequence)
        }
        let expected = all.sorted { ($0.offset, $0.sequence) < ($1.offset, $1.sequence) }.prefix(50).map(\.sequence)
        #expect(kept.inFileOrder == expected)
        #expect(kept.count == 5000)
    }

    @Test("Offsets located in one pass, as the line table locates them")
    func locations() {
        let bytes = Array("ab\né€\n\n𝄞x\r\nlast".utf8)
        let offsets = Array(0...bytes.count).shuffled()
        let source = SourceText(bytes: bytes)
        let found = SourceText.locations(of: offsets + [bytes.count + 5, -3], in: bytes)
        #expect(found.map(\.line) == (offsets + [bytes.count + 5, -3]).map { source.location(of: $0).line })
        #expect(found.map(\.column) == (offsets + [bytes.count + 5, -3]).map { source.location(of: $0).column })
    }

    @Test("A record set counts each record once")
    func recordSet() {
        var set = RecordSet()
        let inserted = [set.insert(5), set.insert(5), set.insert(100_000), set.insert(0)]
        #expect(inserted == [true, false, true, true])
        #expect(set.count == 3)
        #expect(set.contains(100_000) && set.contains(0) && !set.contains(6) && !set.contains(1 << 40))
    }
}
