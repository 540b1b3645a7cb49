import DatasetFormats
import TimelineKit

/// One event as `StagedEvents` holds it: the columns of its `events` row, its notes, and what the
/// full-text index reads, as one byte string. This type is the staged format's only definition:
/// `encode` writes the fields and `init(decoding:)` reads them back in the same order, so every
/// reader (`StoreWriter`, `SideTablesBuilder`, the tests) gets them by name, never by position.
///
/// Texts are their UTF-8 bytes inside the staged buffer (nil for SQL NULL), valid only while
/// `StagedEvents.forEachInOrder`'s call runs.
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

/// One staged event with what orders and files it: its file-order row, sort key, pair and country
/// numbers, then its `StagedEvent` bytes. The same bytes are held in memory and written to a spill
/// run (`StagedEvents`); `encode` and `init(decoding:)` are the format's only definition.
struct StagedRecord {
    /// Its index in the file (quotes refer to events by it).
    var row: Int
    var sortDay: Int
    var precision: Int
    /// Its pairs' numbers (first-seen order, `StoreWriter.Session.tally`).
    var pairs: Numbers
    var countries: Numbers
    /// What the trend rollups tally it as (`StoreWriter+Trends`): its category and measures.
    var trend: Trend
    var event: StagedEvent

    struct Trend {
        var category: EventCategory
        var goldstein: Double?
        var tone: Double?

        init(_ event: Event) {
            category = EventClassification.category(of: event.facts)
            (goldstein, tone) = TrendMeasure.values(of: event.attributes)
        }

        fileprivate init(reader: inout VarintReader) {
            category = EventCategory(rawValue: reader.int()) ?? .other
            let present = reader.int()
            goldstein = present & 1 != 0 ? Double(bitPattern: reader.varint()) : nil
            tone = present & 2 != 0 ? Double(bitPattern: reader.varint()) : nil
        }

        fileprivate func encode(into out: inout VarintWriter) {
            out.int(category.rawValue)
            out.int((goldstein == nil ? 0 : 1) | (tone == nil ? 0 : 2))
            if let goldstein { out.varint(goldstein.bitPattern) }
            if let tone { out.varint(tone.bitPattern) }
        }
    }

    static func encode(row: Int, sortDay: Int, precision: EDTFPrecision, pairs: [Int32], countries: [Int32],
                       event: Event, into out: inout VarintWriter) {
        out.int(row)
        out.int(sortDay)
        out.int(precision.rawValue)
        out.int(pairs.count)
        for number in pairs { out.int(Int(number)) }
        out.int(countries.count)
        for number in countries { out.int(Int(number)) }
        Trend(event).encode(into: &out)
        StagedEvent.encode(event, into: &out)
    }

    init(decoding bytes: UnsafeBufferPointer<UInt8>) {
        var reader = VarintReader(bytes: bytes)
        row = reader.int()
        sortDay = reader.int()
        precision = reader.int()
        pairs = Numbers(reader: &reader)
        countries = Numbers(reader: &reader)
        trend = Trend(reader: &reader)
        event = StagedEvent(decoding: UnsafeBufferPointer(rebasing: bytes[reader.index...]))
    }

    /// A record's sort key, read without decoding the rest (the merge compares these).
    struct Key {
        var day: Int
        var precision: Int
        var id: UnsafeBufferPointer<UInt8>

        init(day: Int, precision: Int, id: UnsafeBufferPointer<UInt8>) {
            self.day = day
            self.precision = precision
            self.id = id
        }

        init(decoding bytes: UnsafeBufferPointer<UInt8>) {
            var reader = VarintReader(bytes: bytes)
            _ = reader.int()
            day = reader.int()
            precision = reader.int()
            _ = Numbers(reader: &reader)
            _ = Numbers(reader: &reader)
            _ = Trend(reader: &reader)
            id = reader.text() ?? UnsafeBufferPointer(start: nil, count: 0)
        }

        /// `ChronologicalKey`'s order: ids compare as Swift strings do, which for ASCII is their bytes'.
        static func < (a: Key, b: Key) -> Bool {
            if a.day != b.day { return a.day < b.day }
            if a.precision != b.precision { return a.precision < b.precision }
            if a.id.allSatisfy({ $0 < 0x80 }) && b.id.allSatisfy({ $0 < 0x80 }) {
                return a.id.lexicographicallyPrecedes(b.id)
            }
            return String(decoding: a.id, as: UTF8.self) < String(decoding: b.id, as: UTF8.self)
        }
    }

    /// Numbers in the record, read as they are iterated.
    struct Numbers: Sequence, IteratorProtocol {
        private(set) var remaining: Int
        private var reader: VarintReader

        init(reader: inout VarintReader) {
            remaining = reader.int()
            self.reader = reader
            for _ in 0..<remaining { _ = reader.int() }
        }

        var underestimatedCount: Int { remaining }

        mutating func next() -> Int32? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            return Int32(truncatingIfNeeded: reader.int())
        }
    }
}
