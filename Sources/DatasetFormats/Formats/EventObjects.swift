import TimelineKit

/// The JSON objects of our format for resolved values, shared by the writers of our JSON and of
/// JSON Lines: the same member names and order as the README's format table.
enum EventObjects {
    static func event(_ event: EventDetail) -> [(String, String)] {
        var members: [(String, String)] = [("id", JSONWriter.string(event.id)), ("date", JSONWriter.string(event.date.text)),
                                           ("title", JSONWriter.string(event.title))]
        if !event.summary.isEmpty { members.append(("summary", JSONWriter.string(event.summary))) }
        if let participants = participants(event.facts) { members.append(("participants", participants)) }
        members.append(("kind", JSONWriter.string(event.kind)))
        if let cameo = event.cameo { members.append(("cameo", JSONWriter.string(cameo))) }
        members.append(("status", JSONWriter.string(event.status.rawValue)))
        if let place = event.place {
            var fields = [("name", JSONWriter.string(place.name))]
            if let country = place.country { fields.append(("country", JSONWriter.string(country.alpha3))) }
            members.append(("place", JSONWriter.object(fields)))
        }
        if !event.tags.isEmpty { members.append(("tags", strings(event.tags))) }
        members.append(("sources", strings(event.sources.map(\.id))))
        if !event.people.isEmpty { members.append(("people", strings(event.people.map(\.id)))) }
        if !event.notes.isEmpty {
            members.append(("notes", JSONWriter.array(event.notes.map { note in
                var fields = [("text", JSONWriter.string(note.text))]
                if !note.sources.isEmpty { fields.append(("sources", strings(note.sources.map(\.id)))) }
                return JSONWriter.object(fields)
            })))
        }
        if !event.attributes.isEmpty { members.append(("attributes", JSONWriter.attributes(event.attributes))) }
        return members
    }

    /// The participants as our format writes them: a country with an actor as `{"country", "actor"}`.
    static func participants(_ facts: EventFacts) -> String? {
        func country(_ country: Country) -> String {
            guard let actor = facts.actor(of: country) else { return JSONWriter.string(country.alpha3) }
            return JSONWriter.object([("country", JSONWriter.string(country.alpha3)), ("actor", JSONWriter.string(actor))])
        }
        func codes(_ countries: [Country]) -> String { JSONWriter.array(countries.map(country)) }
        switch facts.participants {
        case .mutual(let countries): return JSONWriter.object([("mode", "\"mutual\""), ("countries", codes(countries))])
        case .directed(let from, let to): return JSONWriter.object([("mode", "\"directed\""), ("from", codes(from)), ("to", codes(to))])
        case .hub(let hub, let spokes):
            return JSONWriter.object([("mode", "\"hub\""), ("hub", country(hub)), ("spokes", codes(spokes))])
        case .none: return nil
        }
    }

    static func source(_ source: Source) -> [(String, String)] {
        var members = [("id", JSONWriter.string(source.id)), ("publisher", JSONWriter.string(source.publisher))]
        if let title = source.title { members.append(("title", JSONWriter.string(title))) }
        if let url = source.url { members.append(("url", JSONWriter.string(url))) }
        if let published = source.published { members.append(("published", JSONWriter.string(published.text))) }
        if let note = source.note { members.append(("note", JSONWriter.string(note))) }
        return members
    }

    static func person(_ person: Person) -> [(String, String)] {
        var members = [("id", JSONWriter.string(person.id)), ("name", JSONWriter.string(person.name))]
        if let role = person.role { members.append(("role", JSONWriter.string(role))) }
        if let affiliation = person.affiliation { members.append(("affiliation", JSONWriter.string(affiliation))) }
        return members
    }

    /// A quote, its events limited to those written (a filtered export must not refer outside itself).
    static func quote(_ quote: QuoteDetail, events: [String]) -> [(String, String)] {
        var members = [("id", JSONWriter.string(quote.id)), ("speaker", JSONWriter.string(quote.speaker.id)),
                       ("text", JSONWriter.string(quote.text))]
        if let context = quote.context { members.append(("context", JSONWriter.string(context))) }
        members += [("events", strings(events)), ("source", JSONWriter.string(quote.source.id))]
        return members
    }

    static func strings(_ values: [String]) -> String { JSONWriter.array(values.map(JSONWriter.string)) }
}

/// What the events written so far refer to, collected by id in first-seen order, so that sources,
/// people and quotes follow the events and a million events stream without a second pass.
struct ReferencedRecords {
    private(set) var sources: [Source] = []
    private(set) var people: [Person] = []
    private(set) var quotes: [QuoteDetail] = []
    private var seen: Set<String> = []
    private(set) var eventIDs: Set<String> = []

    mutating func collect(_ event: EventDetail) {
        eventIDs.insert(event.id)
        for source in event.sources + event.notes.flatMap(\.sources) where seen.insert("s " + source.id).inserted { sources.append(source) }
        for person in event.people where seen.insert("p " + person.id).inserted { people.append(person) }
        for quote in event.quotes where seen.insert("q " + quote.id).inserted {
            quotes.append(quote)
            if seen.insert("s " + quote.source.id).inserted { sources.append(quote.source) }
            if seen.insert("p " + quote.speaker.id).inserted { people.append(quote.speaker) }
        }
    }

    /// The quotes about the events written, in the store's order, with their events cut to those
    /// written (a filtered export must not refer outside itself).
    func writtenQuotes(_ store: any EventStore) throws -> [(QuoteDetail, [String])] {
        if quotes.isEmpty { return [] }
        let wanted = Set(quotes.map(\.id))
        return try store.quotes(QuoteQuery()).filter { wanted.contains($0.id) }
            .map { ($0, $0.events.map(\.id).filter(eventIDs.contains)) }.filter { !$0.1.isEmpty }
    }
}
