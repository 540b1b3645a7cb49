import TimelineKit

/// The documented, stable JSON shapes of `bilateral ... --format json`. Field names are
/// part of the interface: add fields, never rename or remove them within format 1.
public struct EventRecord: Encodable, Sendable {
    public struct ParticipantsRecord: Encodable, Sendable {
        public var mode: String
        public var countries: [String]?
        public var from: [String]?
        public var to: [String]?
        public var hub: String?
        public var spokes: [String]?
    }

    public struct PlaceRecord: Encodable, Sendable {
        public var name: String
        public var country: String?
    }

    public struct NoteRecord: Encodable, Sendable {
        public var text: String
        public var sources: [String]
    }

    public var id: String
    /// The EDTF text as written in the dataset.
    public var date: String
    /// The date for people: "24 Sep – 10 Oct 2016".
    public var dateText: String
    /// ISO day of the earliest possible day, or null for an unknown or open start.
    public var earliest: String?
    /// ISO day of the latest possible day, or null for an unknown or open end.
    public var latest: String?
    public var precision: String
    public var approximate: Bool
    public var uncertain: Bool
    public var title: String
    public var summary: String
    public var kind: String
    public var status: String
    public var participants: ParticipantsRecord
    /// Who within a country acted, where the event names it: `[{"country": "AFG", "actor": "Taliban"}]`.
    public var actors: [ActorRecord]
    /// Alpha-3 pairs as the dataset presents them: "RUS-PAK".
    public var pairs: [String]
    public var place: PlaceRecord?
    public var tags: [String]
    public var people: [String]
    public var sources: [String]
    public var notes: [NoteRecord]
    public var quotes: [String]
    /// Free-form facts from an imported source: names to strings or numbers.
    public var attributes: AttributesRecord
    /// The CAMEO event code, when the dataset gives one ("042").
    public var cameo: String?
    /// The trend category: the CAMEO code's quad class, else the kind's ("verbal-cooperation",
    /// "material-cooperation", "verbal-conflict", "material-conflict", "other").
    public var category: String

    public init(_ event: EventDetail) {
        id = event.id
        date = event.date.text
        dateText = event.date.humanDescription
        earliest = event.date.earliestDay.map(CivilCalendar.isoString(fromDayNumber:))
        latest = event.date.latestDay.map(CivilCalendar.isoString(fromDayNumber:))
        precision = event.date.precision.name
        approximate = event.date.isApproximate
        uncertain = event.date.isUncertain
        title = event.title
        summary = event.summary
        kind = event.kind
        status = event.status.rawValue
        switch event.participants {
        case .mutual(let countries):
            participants = ParticipantsRecord(mode: "mutual", countries: countries.map(\.alpha3))
        case .directed(let from, let to):
            participants = ParticipantsRecord(mode: "directed", from: from.map(\.alpha3), to: to.map(\.alpha3))
        case .hub(let hub, let spokes):
            participants = ParticipantsRecord(mode: "hub", hub: hub.alpha3, spokes: spokes.map(\.alpha3))
        case .none:
            participants = ParticipantsRecord(mode: "none")
        }
        actors = event.actors.map { ActorRecord(country: $0.country.alpha3, actor: $0.name) }
        pairs = event.participants.orderedPairs.map { "\($0.0.alpha3)-\($0.1.alpha3)" }
        place = event.place.map { PlaceRecord(name: $0.name, country: $0.country?.alpha3) }
        tags = event.tags
        people = event.people.map(\.id)
        sources = event.sources.map(\.id)
        notes = event.notes.map { NoteRecord(text: $0.text, sources: $0.sources.map(\.id)) }
        quotes = event.quotes.map(\.id)
        attributes = AttributesRecord(attributes: event.attributes)
        cameo = event.cameo
        category = EventClassification.category(of: event.facts).key
    }
}

/// Attributes as a JSON object (the output sorts keys, like every other object it writes).
public struct AttributesRecord: Encodable, Sendable {
    public var attributes: [Attribute]

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for attribute in attributes {
            switch attribute.value {
            case .string(let text): try container.encode(text, forKey: Key(stringValue: attribute.name))
            case .number(let number):
                if let whole = AttributeValue.wholeNumber(number) {
                    try container.encode(whole, forKey: Key(stringValue: attribute.name))
                } else {
                    try container.encode(number, forKey: Key(stringValue: attribute.name))
                }
            }
        }
    }
}

public struct QuoteRecord: Encodable, Sendable {
    public var id: String
    public var speaker: String
    public var speakerName: String
    public var affiliation: String?
    public var text: String
    public var context: String?
    public var events: [String]
    public var source: String

    public init(_ quote: QuoteDetail) {
        let person = quote.speaker
        id = quote.id
        speaker = person.id
        speakerName = person.name
        affiliation = person.affiliation
        text = quote.text
        context = quote.context
        events = quote.events.map(\.id)
        source = quote.source.id
    }
}

public struct PairRecord: Encodable, Sendable {
    /// "RUS-PAK" as the dataset presents it.
    public var pair: String
    public var countries: [String]
    public var names: [String]
    public var events: Int
    public var first: String?
    public var last: String?

    /// `first` and `last` are written as null when unknown, as documented, rather than left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pair, forKey: .pair)
        try container.encode(countries, forKey: .countries)
        try container.encode(names, forKey: .names)
        try container.encode(events, forKey: .events)
        try container.encode(first, forKey: .first)
        try container.encode(last, forKey: .last)
    }

    private enum CodingKeys: String, CodingKey { case pair, countries, names, events, first, last }

    public init(summary: PairSummary) {
        let (a, b) = summary.displayOrder
        pair = "\(a.alpha3)-\(b.alpha3)"
        countries = [a.alpha3, b.alpha3]
        names = [a.name, b.name]
        events = summary.eventCount
        first = summary.firstDate.earliestDay.map(CivilCalendar.isoString(fromDayNumber:))
        last = summary.lastDay == Int.max ? nil : CivilCalendar.isoString(fromDayNumber: summary.lastDay)
    }
}

public struct ActorRecord: Encodable, Sendable {
    public var country: String
    public var actor: String
}
