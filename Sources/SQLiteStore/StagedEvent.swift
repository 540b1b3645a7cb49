import DatasetFormats
import TimelineKit

/// One event as `StagedEvents` holds it: the columns of its `events` row, its notes, and what the
/// full-text index reads, as one byte string. This type is the staged format's only definition:
/// `encode` writes the fields and `init(decoding:)` reads them back in the same order, so every
/// reader (`StoreWriter`, `FullTextBuilder`, the tests) gets them by name, never by position.
///
/// Texts are their UTF-8 bytes inside the staged buffer (nil for SQL NULL), valid only while
/// `StagedEvents.withEvent` runs.
struct StagedEvent {
    typealias Text = UnsafeBufferPointer<UInt8>?

    var id: Text
    var date: Text
    var filterLow: Int
    var filterHigh: Int
    var title: Text
    var summary: Text
    var kind: Text
    var status: Text
    var mode: Text
    /// Country codes, '>' between actors and targets (`participantsColumn`).
    var participants: Text
    var placeName: Text
    var placeCountry: Text
    /// Joined by `StoreSchema.listSeparator`; NULL when there are none.
    var tags: Text
    /// Source numbers (0-based indices into the dataset's sources), comma-separated.
    var sources: Text
    /// People numbers, comma-separated.
    var people: Text
    /// As JSON (`JSONWriter.attributes`); NULL when there are none.
    var attributes: Text
    /// Country code → actor name, as a JSON object (`actorsColumn`); NULL when there are none.
    var actors: Text
    /// The actors' names, for the full-text index; NULL when there are none.
    var actorNames: Text
    /// The CAMEO event code; NULL when the event has none.
    var cameo: Text
    /// Read last and lazily: most readers never get to them.
    var notes: Notes

    /// Appends `event`'s fields to `out`.
    static func encode(_ event: Event, into out: inout VarintWriter) {
        let range = event.date.filterRange
        out.text(event.id)
        out.text(event.date.text)
        out.int(range.lowerBound)
        out.int(range.upperBound)
        out.text(event.title)
        out.text(event.summary)
        out.text(event.kind)
        out.text(event.status.rawValue)
        out.text(event.participants.modeName)
        out.text(participantsColumn(event.participants))
        out.text(event.place?.name)
        out.text(event.place?.country?.alpha3)
        out.text(event.tags.isEmpty ? nil : event.tags.joined(separator: StoreSchema.listSeparator))
        out.text(numbersColumn(event.sources))
        out.text(numbersColumn(event.people))
        out.text(event.attributes.isEmpty ? nil : JSONWriter.attributes(event.attributes))
        out.text(actorsColumn(event.actors))
        out.text(event.actors.isEmpty ? nil : event.actors.map(\.name).joined(separator: " "))
        out.text(event.cameo)
        out.int(event.notes.count)
        for note in event.notes {
            out.text(note.text)
            out.text(numbersColumn(note.sources))
        }
    }

    /// Reads the fields `encode` wrote.
    init(decoding bytes: UnsafeBufferPointer<UInt8>) {
        var reader = VarintReader(bytes: bytes)
        id = reader.text()
        date = reader.text()
        filterLow = reader.int()
        filterHigh = reader.int()
        title = reader.text()
        summary = reader.text()
        kind = reader.text()
        status = reader.text()
        mode = reader.text()
        participants = reader.text()
        placeName = reader.text()
        placeCountry = reader.text()
        tags = reader.text()
        sources = reader.text()
        people = reader.text()
        attributes = reader.text()
        actors = reader.text()
        actorNames = reader.text()
        cameo = reader.text()
        let count = reader.int()
        notes = Notes(remaining: count, reader: reader)
    }

    /// The notes in order: each its text and its source numbers.
    struct Notes: Sequence, IteratorProtocol {
        private(set) var remaining: Int
        fileprivate var reader: VarintReader

        mutating func next() -> (text: Text, sources: Text)? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            return (reader.text(), reader.text())
        }
    }

    /// The `actors` column: `{"AFG": "Taliban"}` (the attributes' JSON form, names as strings).
    static func actorsColumn(_ actors: [CountryActor]) -> String? {
        actors.isEmpty ? nil : JSONWriter.attributes(actors.map { Attribute($0.country.alpha3, .string($0.name)) })
    }

    static func numbersColumn(_ list: [Int]) -> String { list.map(String.init).joined(separator: ",") }
    static func codes(_ list: [Country]) -> String { list.map(\.alpha3).joined(separator: ",") }

    /// The `participants` column: codes, with '>' between actors and targets.
    static func participantsColumn(_ participants: Participants) -> String {
        switch participants {
        case .mutual(let countries): return codes(countries)
        case .directed(let from, let to): return codes(from) + ">" + codes(to)
        case .hub(let hub, let spokes): return hub.alpha3 + ">" + codes(spokes)
        case .none: return ""
        }
    }
}
