import DatasetFormats
import ReferenceStore
@testable import SQLiteStore
import StoreTestSupport
import Testing
import TimelineKit

/// Staged events read back as written, across blocks and across two stagings joined, and the
/// rows sort into `Timeline`'s order.
@Suite struct StagedEventsTests {
    /// Each field of a staged event, by name, as the store's columns hold it ("NULL" for NULL).
    static func columns(_ staged: StagedEvents, row: Int) -> [String: String] {
        staged.withEvent(row) { event in
            func text(_ value: StagedEvent.Text) -> String { value.map { String(decoding: $0, as: UTF8.self) } ?? "NULL" }
            return ["id": text(event.id), "date": text(event.date), "filterLow": String(event.filterLow),
                    "filterHigh": String(event.filterHigh), "title": text(event.title), "summary": text(event.summary),
                    "kind": text(event.kind), "status": text(event.status), "mode": text(event.mode),
                    "participants": text(event.participants), "placeName": text(event.placeName),
                    "placeCountry": text(event.placeCountry), "tags": text(event.tags), "sources": text(event.sources),
                    "people": text(event.people), "attributes": text(event.attributes),
                    "notes": event.notes.map { text($0.text) + "|" + text($0.sources) }.joined(separator: ";")]
        }
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

    @Test func eventsAcrossBlocksAndJoinedHalves() throws {
        let timeline = try Fixtures.generated(events: 400)
        let events = timeline.dataset.events
        // Blocks of 1 KB hold a few events each: most rows sit next to a block boundary.
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
