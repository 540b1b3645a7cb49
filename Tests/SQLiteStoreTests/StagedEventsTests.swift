import DatasetFormats
import Foundation
import Synchronization
import ReferenceStore
@testable import SQLiteStore
import StoreTestSupport
import Testing
import TimelineKit

/// Staged events read back as written, across blocks and across two stagings joined, and the
/// rows sort into `Timeline`'s order.
@Suite struct StagedEventsTests {
    /// Each field of a staged event, by name, as the store's columns hold it ("NULL" for NULL).
    static func columns(_ event: StagedEvent) -> [String: String] {
        func text(_ value: StagedEvent.Text) -> String { value.map { String(decoding: $0, as: UTF8.self) } ?? "NULL" }
        return ["id": text(event.id), "date": text(event.date), "filterLow": String(event.filterLow),
                "filterHigh": String(event.filterHigh), "title": text(event.title), "summary": text(event.summary),
                "kind": text(event.kind), "status": text(event.status), "mode": text(event.mode),
                "participants": text(event.participants), "placeName": text(event.placeName),
                "placeCountry": text(event.placeCountry), "tags": text(event.tags), "sources": text(event.sources),
                "people": text(event.people), "attributes": text(event.attributes),
                "notes": event.notes.map { text($0.text) + "|" + text($0.sources) }.joined(separator: ";")]
    }

    /// What each column should hold, from the event itself.
    static func expected(_ event: Event) -> [String: String] {
        let range = event.date.filterRange
        return ["id": event.id, "date": event.date.text, "filterLow": String(range.lowerBound),
                "filterHigh": String(range.upperBound), "title": event.title, "summary": event.summary,
                "kind": event.kind, "status": event.status.rawValue, "mode": event.participants.modeName,
                "participants": StagedEvent.participantsColumn(event.participants), "placeName": event.place?.name ?? "NULL",
                "placeCountry": event.place?.country?.alpha3 ?? "NULL",
                "tags": event.tags.isEmpty ? "NULL" : event.tags.joined(separator: StoreSchema.listSeparator),
                "sources": event.sources.map(String.init).joined(separator: ","),
                "people": event.people.map(String.init).joined(separator: ","),
                "attributes": event.attributes.isEmpty ? "NULL" : JSONWriter.attributes(event.attributes),
                "notes": event.notes.map { $0.text + "|" + $0.sources.map(String.init).joined(separator: ",") }.joined(separator: ";")]
    }

    /// What a staging gives back in date order: each record's row, its fields, pair and country numbers.
    static func expectInOrder(_ staged: StagedEvents, _ timeline: Timeline, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let events = timeline.dataset.events
        var rows: [Int] = []
        var positions: [Int] = []
        try staged.forEachInOrder { position, record in
            positions.append(position)
            rows.append(record.row)
            let event = events[record.row]
            #expect(Self.columns(record.event) == Self.expected(event), "row \(record.row)", sourceLocation: sourceLocation)
            #expect(record.sortDay == event.date.sortDay, sourceLocation: sourceLocation)
            #expect(Array(record.pairs) == [Int32(record.row % 3)], sourceLocation: sourceLocation)
            #expect(Array(record.countries) == [Int32(record.row % 5), 7], sourceLocation: sourceLocation)
        }
        #expect(staged.count == events.count, sourceLocation: sourceLocation)
        #expect(positions == Array(events.indices), sourceLocation: sourceLocation)
        #expect(rows == timeline.order.map(Int.init), "Timeline's order", sourceLocation: sourceLocation)
    }

    /// Two stagings of a dataset's halves (as `write(dataset:)` makes them), joined and sealed.
    static func stageHalves(_ events: [Event], budget: Int?, spill: SpillFile?) throws -> StagedEvents {
        // Blocks of 1 KB hold a few events each: most records sit next to a block boundary.
        let first = StagedEvents(budget: budget, spill: spill, chunkSize: 1024)
        let second = StagedEvents(budget: budget, spill: spill, firstRow: 150, chunkSize: 1024)
        for (index, event) in events.enumerated() {
            try (index < 150 ? first : second).append(event, pairs: [Int32(index % 3)], countries: [Int32(index % 5), 7])
        }
        first.append(contentsOf: second)
        try first.seal()
        return first
    }

    @Test func eventsAcrossBlocksAndJoinedHalves() throws {
        let timeline = try Fixtures.generated(events: 400)
        let staged = try Self.stageHalves(timeline.dataset.events, budget: nil, spill: nil)
        #expect(!staged.spilled)
        try Self.expectInOrder(staged, timeline)
    }

    /// A budget of a few events: many sorted runs in the spill file, merged back into the same
    /// order with the same records, read by two merges at once as the writer's two threads do.
    @Test(arguments: [2_000, 9_000, 60_000])
    func spilledRunsMergeIntoTheSameOrder(budget: Int) throws {
        let timeline = try Fixtures.generated(events: 400)
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spill = SpillFile(path: directory + "/spill")
        let staged = try Self.stageHalves(timeline.dataset.events, budget: budget, spill: spill)
        #expect(staged.spilled)
        #expect(staged.runs.count >= (budget == 2_000 ? 50 : 2), "runs: \(staged.runs.count)")
        try Self.expectInOrder(staged, timeline)
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            var rows: [Int] = []
            do { try staged.forEachInOrder { _, record in rows.append(record.row) } } catch { failures.withLock { $0.append("\(error)") } }
            if rows != timeline.order.map(Int.init) { failures.withLock { $0.append("a concurrent merge's order differs") } }
        }
        #expect(failures.withLock { $0 } == [])
    }

    /// A record larger than a merge's read buffer (64 KB) grows it.
    @Test func recordLargerThanTheReadBuffer() throws {
        var dataset = try Fixtures.generated(events: 30).dataset
        dataset.events[7].summary = String(repeating: "long summary ", count: 20_000)
        let timeline = Timeline(dataset: dataset)
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let staged = StagedEvents(budget: 4096, spill: SpillFile(path: directory + "/spill"), chunkSize: 1024)
        for (index, event) in dataset.events.enumerated() {
            try staged.append(event, pairs: [Int32(index % 3)], countries: [Int32(index % 5), 7])
        }
        try staged.seal()
        #expect(staged.runs.count >= 3)
        try Self.expectInOrder(staged, timeline)
    }
}
