/// A whole dataset as written in the file (format "bilateral-timeline/1"), with every
/// cross-reference already resolved to an array index by the loader.
public struct Dataset: Sendable {
    public static let formatIdentifier = "bilateral-timeline/1"

    public var format: String
    public var title: String
    public var description: String
    public var people: [Person]
    public var sources: [Source]
    public var events: [Event]
    public var quotes: [Quote]

    public init(format: String = Dataset.formatIdentifier, title: String, description: String,
                people: [Person], sources: [Source], events: [Event], quotes: [Quote]) {
        self.format = format
        self.title = title
        self.description = description
        self.people = people
        self.sources = sources
        self.events = events
        self.quotes = quotes
    }

    /// A dataset with nothing in it (a reader's result for a file it could not read).
    public static func empty(title: String = "") -> Dataset {
        Dataset(title: title, description: "", people: [], sources: [], events: [], quotes: [])
    }
}

public struct Person: Sendable, Hashable {
    public var id: String
    public var name: String
    public var role: String?
    public var affiliation: String?

    public init(id: String, name: String, role: String? = nil, affiliation: String? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.affiliation = affiliation
    }
}

public struct Source: Sendable, Hashable {
    public var id: String
    public var title: String?
    public var publisher: String
    public var url: String?
    public var published: EDTFDate?
    public var note: String?

    public init(id: String, title: String? = nil, publisher: String, url: String? = nil, published: EDTFDate? = nil, note: String? = nil) {
        self.id = id
        self.title = title
        self.publisher = publisher
        self.url = url
        self.published = published
        self.note = note
    }
}

/// How sure the sources are that the event happened.
public enum EventStatus: String, Sendable, CaseIterable {
    /// The sources state that it happened.
    case occurred
    /// Planned at the time of the sources (a visit announced for next week).
    case scheduled
    /// The sources hedge ("reportedly"), or only one source makes the claim.
    case reported
    /// Claimed but contradicted or not borne out by other reporting.
    case unconfirmed
}

public struct Place: Sendable, Hashable {
    public var name: String
    public var country: Country?

    public init(name: String, country: Country? = nil) {
        self.name = name
        self.country = country
    }

    /// "Rawalpindi, Pakistan"; a place that is the country itself ("Australia", as GDELT and ICEWS
    /// name places at country level) is said once.
    public var displayName: String {
        guard let country else { return name }
        if Country(lenient: name) == country { return name }
        return "\(name), \(country.name)"
    }
}

/// A note on an event, with the sources that make its claim (where sources disagree, say so here).
public struct EventNote: Sendable, Hashable {
    public var text: String
    public var sources: [Int]

    public init(text: String, sources: [Int]) {
        self.text = text
        self.sources = sources
    }
}

/// An event in a dataset: its facts, and what it refers to as indices into the dataset's arrays.
/// Its facts read as its own members (`event.title`), as they do on `EventDetail`.
@dynamicMemberLookup
public struct Event: Sendable {
    public var facts: EventFacts
    /// Indices into `Dataset.sources`.
    public var sources: [Int]
    /// Indices into `Dataset.people`: the people who act in the event.
    public var people: [Int]
    public var notes: [EventNote]

    public init(facts: EventFacts, sources: [Int], people: [Int], notes: [EventNote]) {
        self.facts = facts
        self.sources = sources
        self.people = people
        self.notes = notes
    }

    public init(id: String, date: EDTFDate, title: String, summary: String, participants: Participants, kind: String, place: Place? = nil, status: EventStatus, tags: [String], sources: [Int], people: [Int], notes: [EventNote], attributes: [Attribute] = [], actors: [CountryActor] = [], cameo: String? = nil) {
        self.init(facts: EventFacts(id: id, date: date, title: title, summary: summary, participants: participants, kind: kind,
                                    place: place, status: status, tags: tags, attributes: attributes, actors: actors, cameo: cameo),
                  sources: sources, people: people, notes: notes)
    }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<EventFacts, Value>) -> Value {
        get { facts[keyPath: keyPath] }
        set { facts[keyPath: keyPath] = newValue }
    }
}

public struct Quote: Sendable {
    public var id: String
    /// Index into `Dataset.people`.
    public var speaker: Int
    /// The words exactly as the source prints them.
    public var text: String
    /// The source's sentence around the quote, when the words alone need it.
    public var context: String?
    /// Indices into `Dataset.events`.
    public var events: [Int]
    /// Index into `Dataset.sources`.
    public var source: Int

    public init(id: String, speaker: Int, text: String, context: String? = nil, events: [Int], source: Int) {
        self.id = id
        self.speaker = speaker
        self.text = text
        self.context = context
        self.events = events
        self.source = source
    }
}
