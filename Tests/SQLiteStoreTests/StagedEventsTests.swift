import DatasetFormats
import ReferenceStore
@testable import SQLiteStore
import Testing
import TimelineKit

/// Staged records read back as written, across blocks and across two stagings joined, and the
/// rows sort into `Timeline`'s order.
@Suite struct StagedEventsTests {
    /// Each event's columns as the writer reads them (`StreamingStoreWriter.insertEvents`).
    static func columns(_ staged: StagedEvents, row: Int) -> [String] {
        staged.withRecord(row) { record in
            var values: [String] = []
            func text() { values.append(record.text().map { String(decoding: $0, as: UTF8.self) } ?? "NULL") }
            text(); text() // id, date
            values.append(String(record.int())); values.append(String(record.int())) // filter range
            for _ in 0..<12 { text() } // title ... attributes
            for _ in 0..<record.int() { text(); text() } // notes
            return values
        }
    }

    static func expected(_ event: Event) -> [String] {
        let range = event.date.filterRange
        return [event.id, event.date.text, String(range.lowerBound), String(range.upperBound), event.title, event.summary,
                event.kind, event.status.rawValue, event.participants.modeName, StagedEvents.participants(event.participants),
                event.place?.name ?? "NULL", event.place?.country?.alpha3 ?? "NULL",
                event.tags.isEmpty ? "NULL" : event.tags.joined(separator: StoreSchema.listSeparator),
                StagedEvents.indices(event.sources), StagedEvents.indices(event.people),
                event.attributes.isEmpty ? "NULL" : JSONWriter.attributes(event.attributes)]
            + event.notes.flatMap { [$0.text, StagedEvents.indices($0.sources)] }
    }

    @Test func recordsAcrossBlocksAndJoinedHalves() throws {
        let timeline = try Fixtures.generated(events: 400)
        let events = timeline.dataset.events
        // Blocks of 1 KB hold a few records each: most rows sit next to a block boundary.
        let first = StagedEvents(chunkSize: 1024), second = StagedEvents(chunkSize: 1024)
        for (index, event) in events.enumerated() {
            (index < 150 ? first : second).append(event, pairs: [Int32(index % 3)], countries: [Int32(index % 5), 7])
        }
        first.append(contentsOf: second)
        #expect(first.count == events.count)
        for (row, event) in events.enumerated() {
            #expect(Self.columns(first, row: row) == Self.expected(event), "row \(row)")
            #expect(first.pairNumbers[first.pairStarts[row]..<first.pairStarts[row + 1]] == [Int32(row % 3)])
            #expect(first.countryNumbers[first.countryStarts[row]..<first.countryStarts[row + 1]] == [Int32(row % 5), 7])
        }
        #expect(first.chronologicalOrder().map(Int.init) == timeline.order.map(Int.init))
    }
}
