import TimelineKit

/// Turns a parsed JSON document into a `Dataset`, checking every field and reference and
/// collecting all problems rather than stopping at the first.
struct DatasetDecoder {
    struct Problem {
        var offset: Int
        var path: String
        var message: String
    }

    /// Every problem, unless an `observer` takes them as they are found.
    var problems: [Problem] = []
    /// Every problem found, kept or not.
    private(set) var problemCount = 0
    /// Takes each problem instead of `problems`: JSON Lines puts each on its line as it comes and
    /// keeps only the first ones, so a million bad lines are not a million stored problems.
    var observer: ((Problem) -> Void)?
    // Read (and `eventIDs` added to) by `decodeDirectEvent` too, in its own file.
    private(set) var peopleIDs = KnownIDs()
    private(set) var sourceIDs = KnownIDs()
    /// Every event id with its index: held whole while a file is streamed, so kept compact.
    var eventIDs = IDTable()
    /// The indices (in `eventIDs`, ascending) of streamed events that were not kept because they
    /// had problems: a quote about one refers to an unknown event, and the kept events after them
    /// are numbered without them (`dropStreamedEvent`).
    private var droppedEvents: [Int] = []
    /// "Did you mean" compares a name with every candidate; a dataset with a hundred
    /// thousand unknown references would make that quadratic, so only the first problems
    /// get a suggestion (they show the pattern; the printer shows the first 200 anyway).
    private var suggestionsLeft = DatasetDecoder.suggestionLimit
    static let suggestionLimit = 100

    /// Whether this problem may still get a "did you mean" suggestion.
    mutating func maySuggest() -> Bool {
        guard suggestionsLeft > 0 else { return false }
        suggestionsLeft -= 1
        return true
    }

    mutating func report(_ node: JSONNode, _ path: String, _ message: String) {
        report(at: node.offset, path, message)
    }

    mutating func report(at offset: Int, _ path: String, _ message: String) {
        problemCount += 1
        let problem = Problem(offset: offset, path: path, message: message)
        if let observer { observer(problem) } else { problems.append(problem) }
    }

    mutating func decode(_ root: JSONNode) -> Dataset? {
        guard let header = decodeHeader(root) else { return nil }
        // Ids first, so that references may point forward.
        let (people, sources) = decodePeopleAndSources(people: header.people, sources: header.sources)
        eventIDs = IDTable()
        eventIDs.reserveCapacity(header.events.count)
        for (index, node) in header.events.enumerated() { collectEventID(node, index: index) }
        let events = header.events.enumerated().compactMap { decodeEvent($1, path: "events[\($0)]") }
        let quotes = header.quotes.enumerated().compactMap { decodeQuote($1, path: "quotes[\($0)]") }
        guard problemCount == 0, let format = header.format, let title = header.title else { return nil }
        return Dataset(format: format, title: title, description: header.description,
                       people: people, sources: sources, events: events, quotes: quotes)
    }

    /// The top-level object's own members and its collections, not yet decoded.
    struct Header {
        var format: String?
        var title: String?
        var description: String
        var people: [JSONNode]
        var sources: [JSONNode]
        var events: [JSONNode]
        var quotes: [JSONNode]
    }

    /// Checks the top-level object; nil when it is not one or names another format (then its
    /// problems are the only ones worth reporting).
    mutating func decodeHeader(_ root: JSONNode) -> Header? {
        guard var top = ObjectReader(root, path: "", decoder: &self) else { return nil }
        let format = top.string("format", decoder: &self)
        if let format, format != Dataset.formatIdentifier {
            let message = format.hasPrefix("bilateral-timeline/")
                ? "unsupported format version \(MessageText.quoted(format)); this build reads '\(Dataset.formatIdentifier)'"
                : "unknown format \(MessageText.quoted(format)); expected '\(Dataset.formatIdentifier)'"
            report(top.member("format")!.value, "format", message)
            return nil
        }
        let title = top.string("title", decoder: &self)
        let description = top.string("description", required: false, decoder: &self) ?? ""
        let peopleNodes = top.array("people", required: false, decoder: &self) ?? []
        let sourceNodes = top.array("sources", decoder: &self) ?? []
        let eventNodes = top.array("events", decoder: &self) ?? []
        let quoteNodes = top.array("quotes", required: false, decoder: &self) ?? []
        top.finish(decoder: &self)
        return Header(format: format, title: title, description: description,
                      people: peopleNodes, sources: sourceNodes, events: eventNodes, quotes: quoteNodes)
    }

    // MARK: - Record by record (`DatasetStream`)

    /// People and sources, whose ids events and quotes refer to: decoded before any event.
    mutating func decodePeopleAndSources(people peopleNodes: [JSONNode], sources sourceNodes: [JSONNode]) -> ([Person], [Source]) {
        peopleIDs = collectIDs(peopleNodes, collection: "people")
        sourceIDs = collectIDs(sourceNodes, collection: "sources")
        let people = peopleNodes.enumerated().compactMap { decodePerson($1, path: "people[\($0)]") }
        let sources = sourceNodes.enumerated().compactMap { decodeSource($1, path: "sources[\($0)]") }
        return (people, sources)
    }

    /// One event, in file order: its id is checked against the earlier ones as `decode` does.
    mutating func decodeStreamedEvent(_ node: JSONNode, index: Int) -> Event? {
        collectEventID(node, index: index)
        return decodeEvent(node, path: "events[\(index)]")
    }

    /// The streamed event at `index` had problems and is not kept: a file read in one pass
    /// (JSON Lines) drops it here instead of decoding everything again without it. Indices come
    /// in ascending order.
    mutating func dropStreamedEvent(index: Int) {
        droppedEvents.append(index)
    }

    /// Makes room for about `count` event ids at once: growing a table to a million ids one
    /// doubling at a time rehashed them all ~20 times (7% of decoding a million events).
    mutating func expectEvents(_ count: Int) {
        eventIDs.reserveCapacity(count)
    }

    /// One quote, once every event id is known.
    mutating func decodeStreamedQuote(_ node: JSONNode, index: Int) -> Quote? {
        decodeQuote(node, path: "quotes[\(index)]")
    }

    // MARK: - Ids and references

    private mutating func collectIDs(_ nodes: [JSONNode], collection: String) -> KnownIDs {
        var ids = KnownIDs()
        for (index, node) in nodes.enumerated() { collectID(node, index: index, collection: collection, into: &ids) }
        return ids
    }

    private mutating func collectID(_ node: JSONNode, index: Int, collection: String, into ids: inout KnownIDs) {
        guard let (id, idNode) = Self.idMember(node) else { return }
        if let first = ids.insert(id, index: index) {
            reportDuplicate(id, at: idNode, collection: collection, index: index, first: first)
        }
    }

    private mutating func collectEventID(_ node: JSONNode, index: Int) {
        guard let (id, idNode) = Self.idMember(node) else { return }
        if let first = eventIDs.insert(id, index: index) {
            reportDuplicate(id, at: idNode, collection: "events", index: index, first: first)
        }
    }

    /// The record's `id` member, when it is a string (else its reader reports it).
    private static func idMember(_ node: JSONNode) -> (String, JSONNode)? {
        guard case .object(let members) = node.value,
              let member = members.first(where: { $0.key == "id" }),
              case .string(let id) = member.value.value else { return nil }
        return (id, member.value)
    }

    private mutating func reportDuplicate(_ id: String, at node: JSONNode, collection: String, index: Int, first: Int) {
        report(node, "\(collection)[\(index)].id", "duplicate id \(MessageText.quoted(id)); \(collection)[\(first)] already uses it")
    }

    /// Paths are built only when there is a problem to report: most lookups succeed.
    private mutating func resolve(_ id: String, in ids: KnownIDs, kind: String, node: JSONNode,
                                  path: @autoclosure () -> String) -> Int? {
        if let index = ids.indices[id] { return index }
        reportUnknown(id, kind: kind, candidates: ids.inFileOrder, node: node, path: path())
        return nil
    }

    private mutating func resolve(_ id: String, in ids: IDTable, kind: String, node: JSONNode,
                                  path: @autoclosure () -> String) -> Int? {
        if let index = ids.index(of: id) { return index }
        // The ids are read (lazily) only for a problem that may still get a suggestion.
        reportUnknown(id, kind: kind, candidates: ids.ids, node: node, path: path())
        return nil
    }

    /// An event id's index among the events kept: one dropped (`dropStreamedEvent`) is unknown.
    private mutating func resolveEvent(_ id: String, node: JSONNode, path: @autoclosure () -> String) -> Int? {
        guard !droppedEvents.isEmpty, let index = eventIDs.index(of: id) else {
            return resolve(id, in: eventIDs, kind: "event", node: node, path: path())
        }
        let (before, dropped) = Self.droppedBefore(index, in: droppedEvents)
        guard dropped else { return index - before }
        // Suggested among the events kept, as if the dropped ones had never been read (the
        // candidates are walked only for the first problems, `maySuggest`).
        let droppedEvents = droppedEvents
        reportUnknown(id, kind: "event", candidates: eventIDs.entries.lazy.filter { !Self.droppedBefore($0.index, in: droppedEvents).dropped }.map(\.id),
                      node: node, path: path())
        return nil
    }

    /// How many of the ascending `dropped` are below `index`, and whether `index` is one of them.
    private static func droppedBefore(_ index: Int, in dropped: [Int]) -> (count: Int, dropped: Bool) {
        var low = 0, high = dropped.count
        while low < high {
            let mid = (low + high) / 2
            if dropped[mid] < index { low = mid + 1 } else { high = mid }
        }
        return (low, low < dropped.count && dropped[low] == index)
    }

    private mutating func reportUnknown(_ id: String, kind: String, candidates: some Sequence<String>, node: JSONNode, path: String) {
        var message = "unknown \(kind) \(MessageText.quoted(id))"
        if maySuggest(), let guess = EditDistance.closest(to: id, in: candidates) { message += "; did you mean '\(guess)'?" }
        report(node, path, message)
    }

    private mutating func references(_ reader: inout ObjectReader, _ key: String, ids: KnownIDs, kind: String,
                                     required: Bool = true, nonEmpty: Bool = false) -> [Int] {
        references(&reader, key, kind: kind, required: required, nonEmpty: nonEmpty) { decoder, id, node, path in
            decoder.resolve(id, in: ids, kind: kind, node: node, path: path())
        }
    }

    /// A quote's `events`: indices among the events kept.
    private mutating func eventReferences(_ reader: inout ObjectReader) -> [Int] {
        references(&reader, "events", kind: "event", required: true, nonEmpty: false) { decoder, id, node, path in
            decoder.resolveEvent(id, node: node, path: path())
        }
    }

    private mutating func references(_ reader: inout ObjectReader, _ key: String, kind: String, required: Bool, nonEmpty: Bool,
                                     resolve: (inout DatasetDecoder, String, JSONNode, () -> String) -> Int?) -> [Int] {
        guard let nodes = reader.array(key, required: required, decoder: &self) else { return [] }
        if nonEmpty && nodes.isEmpty { report(reader.member(key)!.value, reader.path(key), "must name at least one \(kind)") }
        var result: [Int] = []
        for (index, node) in nodes.enumerated() {
            guard case .string(let id) = node.value else {
                report(node, reader.path(key) + "[\(index)]", "expected a \(kind) id (a string), found \(node.typeName)")
                continue
            }
            if let resolved = resolve(&self, id, node, { reader.path(key) + "[\(index)]" }) {
                result.append(resolved)
            }
        }
        return result
    }

    // MARK: - Records

    private mutating func decodePerson(_ node: JSONNode, path: String) -> Person? {
        guard var reader = ObjectReader(node, path: path, decoder: &self) else { return nil }
        let id = reader.identifier(decoder: &self)
        let name = reader.string("name", decoder: &self)
        let role = reader.string("role", required: false, decoder: &self)
        let affiliation = reader.string("affiliation", required: false, decoder: &self)
        reader.finish(decoder: &self)
        guard let id, let name else { return nil }
        return Person(id: id, name: name, role: role, affiliation: affiliation)
    }

    private mutating func decodeSource(_ node: JSONNode, path: String) -> Source? {
        guard var reader = ObjectReader(node, path: path, decoder: &self) else { return nil }
        let id = reader.identifier(decoder: &self)
        let title = reader.string("title", required: false, decoder: &self)
        let publisher = reader.string("publisher", decoder: &self)
        let url = reader.string("url", required: false, decoder: &self)
        if let url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
            report(reader.member("url")!.value, reader.path("url"), "URL \(MessageText.quoted(url)) must start with https:// or http://")
        }
        let published = reader.date("published", required: false, decoder: &self)
        let note = reader.string("note", required: false, decoder: &self)
        reader.finish(decoder: &self)
        guard let id, let publisher else { return nil }
        return Source(id: id, title: title, publisher: publisher, url: url, published: published, note: note)
    }

    private mutating func decodeEvent(_ node: JSONNode, path: String) -> Event? {
        guard var reader = ObjectReader(node, path: path, decoder: &self) else { return nil }
        let id = reader.identifier(decoder: &self)
        let date = reader.date("date", decoder: &self)
        let title = reader.string("title", decoder: &self)
        let summary = reader.string("summary", required: false, decoder: &self) ?? ""
        // No participants at all is an event about no country pair (a war's start in a TimelineJS
        // file); a `participants` member that is wrong is still an error.
        let participantsNode = reader.node("participants", required: false, decoder: &self)
        var actors: [CountryActor] = []
        let participants = participantsNode == nil ? Participants.none
            : participantsNode.flatMap { decodeParticipants($0, path: reader.path("participants"), actors: &actors) }
        let kind = reader.string("kind", decoder: &self)
        if let kind, !DatasetDecoder.isKindName(kind) {
            report(reader.member("kind")!.value, reader.path("kind"), "kind \(MessageText.quoted(kind)) must be lower-case words joined by '-' (like 'military-exercise')")
        }
        let cameo = reader.string("cameo", required: false, decoder: &self)
        if let cameo, !EventClassification.isCAMEOCode(cameo) {
            report(reader.member("cameo")!.value, reader.path("cameo"),
                   "unknown CAMEO event code \(MessageText.quoted(cameo)); expected a code of data/reference/cameo-event-codes.tsv, such as \"042\" (make a visit)")
        }
        let place = reader.node("place", required: false, decoder: &self).flatMap { decodePlace($0, path: reader.path("place")) }
        var status = EventStatus.occurred
        if let statusText = reader.string("status", decoder: &self) {
            if let parsed = EventStatus(rawValue: statusText) {
                status = parsed
            } else {
                let names = EventStatus.allCases.map(\.rawValue).joined(separator: ", ")
                report(reader.member("status")!.value, reader.path("status"), "unknown status \(MessageText.quoted(statusText)); expected one of \(names)")
            }
        }
        let tags = reader.stringArray("tags", decoder: &self) ?? []
        let sources = references(&reader, "sources", ids: sourceIDs, kind: "source", nonEmpty: true)
        let people = references(&reader, "people", ids: peopleIDs, kind: "person", required: false)
        var notes: [EventNote] = []
        if let noteNodes = reader.array("notes", required: false, decoder: &self) {
            for (index, noteNode) in noteNodes.enumerated() {
                if let note = decodeNote(noteNode, path: reader.path("notes") + "[\(index)]") { notes.append(note) }
            }
        }
        let attributes = reader.node("attributes", required: false, decoder: &self)
            .map { decodeAttributes($0, path: reader.path("attributes")) } ?? []
        reader.finish(decoder: &self)
        guard let id, let date, let title, let participants, let kind else { return nil }
        return Event(id: id, date: date, title: title, summary: summary, participants: participants, kind: kind,
                     place: place, status: status, tags: tags, sources: sources, people: people, notes: notes,
                     attributes: attributes, actors: actors, cameo: cameo.flatMap { EventClassification.isCAMEOCode($0) ? $0 : nil })
    }

    /// An object of names to strings or numbers, kept in the file's order.
    private mutating func decodeAttributes(_ node: JSONNode, path: String) -> [Attribute] {
        guard case .object(let members) = node.value else {
            report(node, path, "expected an object of names to strings or numbers, found \(node.typeName)")
            return []
        }
        var attributes: [Attribute] = []
        var seen = Set<String>()
        for member in members {
            let memberPath = path + "." + MessageText.shortened(member.key)
            guard !member.key.isEmpty else {
                report(at: member.keyOffset, path + "[\"\"]", "an attribute needs a name")
                continue
            }
            guard seen.insert(member.key).inserted else {
                report(at: member.keyOffset, memberPath, "duplicate member \(MessageText.quoted(member.key))")
                continue
            }
            switch member.value.value {
            case .string(let text): attributes.append(Attribute(member.key, .string(text)))
            case .number(let number) where !number.isFinite:
                // Beyond a Double's range (1e400): the store could not hold it, nor write it back.
                report(member.value, memberPath, "the number is out of range (a double holds up to about 1.8e308)")
            case .number(let number): attributes.append(Attribute(member.key, .number(number)))
            default: report(member.value, memberPath, "an attribute is a string or a number, found \(member.value.typeName)")
            }
        }
        return attributes
    }

    static func isKindName(_ kind: String) -> Bool {
        guard let first = kind.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return kind.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    private mutating func decodeNote(_ node: JSONNode, path: String) -> EventNote? {
        guard var reader = ObjectReader(node, path: path, decoder: &self) else { return nil }
        let text = reader.string("text", decoder: &self)
        let sources = references(&reader, "sources", ids: sourceIDs, kind: "source", required: false)
        reader.finish(decoder: &self)
        guard let text else { return nil }
        return EventNote(text: text, sources: sources)
    }

    private mutating func decodePlace(_ node: JSONNode, path: String) -> Place? {
        guard var reader = ObjectReader(node, path: path, decoder: &self) else { return nil }
        let name = reader.string("name", decoder: &self)
        var country: Country?
        if let code = reader.string("country", required: false, decoder: &self) {
            country = decodeCountry(code, node: reader.member("country")!.value, path: reader.path("country"))
        }
        reader.finish(decoder: &self)
        guard let name else { return nil }
        return Place(name: name, country: country)
    }

    private mutating func decodeQuote(_ node: JSONNode, path: String) -> Quote? {
        guard var reader = ObjectReader(node, path: path, decoder: &self) else { return nil }
        let id = reader.identifier(decoder: &self)
        var speaker: Int?
        if let speakerID = reader.string("speaker", decoder: &self) {
            speaker = resolve(speakerID, in: peopleIDs, kind: "person", node: reader.member("speaker")!.value, path: reader.path("speaker"))
        }
        let text = reader.string("text", decoder: &self)
        let context = reader.string("context", required: false, decoder: &self)
        let events = eventReferences(&reader)
        var source: Int?
        if let sourceID = reader.string("source", decoder: &self) {
            source = resolve(sourceID, in: sourceIDs, kind: "source", node: reader.member("source")!.value, path: reader.path("source"))
        }
        reader.finish(decoder: &self)
        guard let id, let speaker, let text, let source else { return nil }
        return Quote(id: id, speaker: speaker, text: text, context: context, events: events, source: source)
    }

    // MARK: - Participants and countries

    /// The participants; a country written as `{"country": "AFG", "actor": "Taliban"}` adds its actor.
    private mutating func decodeParticipants(_ node: JSONNode, path: String, actors: inout [CountryActor]) -> Participants? {
        guard var reader = ObjectReader(node, path: path, decoder: &self) else { return nil }
        guard let mode = reader.string("mode", decoder: &self) else { return nil }
        let result: Participants?
        switch mode {
        case "mutual":
            let countries = countryList(&reader, "countries", minimum: 2, actors: &actors)
            result = countries.map { .mutual($0) }
        case "directed":
            let from = countryList(&reader, "from", minimum: 1, actors: &actors)
            let to = countryList(&reader, "to", minimum: 1, actors: &actors)
            if let from, let to {
                if let both = from.first(where: to.contains) {
                    report(reader.member("to")!.value, reader.path("to"), "\(both.alpha3) is both actor ('from') and target ('to')")
                    result = nil
                } else {
                    result = .directed(from: from, to: to)
                }
            } else {
                result = nil
            }
        case "hub":
            let hub = reader.node("hub", decoder: &self).flatMap { decodeParticipant($0, path: reader.path("hub"), actors: &actors) }
            let spokes = countryList(&reader, "spokes", minimum: 1, actors: &actors)
            if let hub, let spokes, spokes.contains(hub) {
                report(reader.member("spokes")!.value, reader.path("spokes"), "the hub \(hub.alpha3) cannot also be a spoke")
                result = nil
            } else if let hub, let spokes {
                result = .hub(hub, spokes: spokes)
            } else {
                result = nil
            }
        default:
            report(reader.member("mode")!.value, reader.path("mode"), "unknown participant mode \(MessageText.quoted(mode)); expected mutual, directed or hub")
            return nil
        }
        reader.finish(decoder: &self)
        return result
    }

    private mutating func countryList(_ reader: inout ObjectReader, _ key: String, minimum: Int, actors: inout [CountryActor]) -> [Country]? {
        guard let nodes = reader.array(key, decoder: &self) else { return nil }
        var countries: [Country] = []
        var failed = false
        for (index, node) in nodes.enumerated() {
            guard let country = decodeParticipant(node, path: reader.path(key) + "[\(index)]", actors: &actors) else { failed = true; continue }
            if countries.contains(country) {
                report(node, reader.path(key) + "[\(index)]", "\(country.alpha3) is listed twice")
                failed = true
            }
            countries.append(country)
        }
        if !failed && countries.count < minimum {
            report(reader.member(key)!.value, reader.path(key), "needs at least \(minimum) \(minimum == 1 ? "country" : "countries")")
            failed = true
        }
        return failed ? nil : countries
    }

    /// A participating country: its code, or `{"country": CODE, "actor": NAME}` naming who in it acted.
    private mutating func decodeParticipant(_ node: JSONNode, path: String, actors: inout [CountryActor]) -> Country? {
        switch node.value {
        case .string(let code):
            return decodeCountry(code, node: node, path: path)
        case .object:
            guard var reader = ObjectReader(node, path: path, decoder: &self) else { return nil }
            let code = reader.string("country", decoder: &self)
            let actor = reader.string("actor", decoder: &self)
            reader.finish(decoder: &self)
            guard let code, let country = decodeCountry(code, node: reader.member("country")!.value, path: reader.path("country")) else { return nil }
            guard let actor else { return nil }
            if actors.contains(where: { $0.country == country }) {
                report(node, path, "\(country.alpha3) already has an actor")
                return nil
            }
            actors.append(CountryActor(country: country, name: actor))
            return country
        default:
            report(node, path, "expected a country code (a string) or {\"country\": …, \"actor\": …}, found \(node.typeName)")
            return nil
        }
    }

    private mutating func decodeCountry(_ code: String, node: JSONNode, path: @autoclosure () -> String) -> Country? {
        if let country = Country(alpha3: code) { return country }
        if let country = Country(lenient: code) {
            report(node, path(), "write countries as ISO 3166-1 alpha-3 codes: \(MessageText.quoted(code)) should be '\(country.alpha3)'")
        } else {
            report(node, path(), Country.unknownMessage(for: code, suggesting: maySuggest()))
        }
        return nil
    }
}

/// The ids of people or sources, each with the index of the record that first used it, and in that
/// order too: "did you mean" offers them in the file's order, not a dictionary's (which differs from
/// one dictionary to another), so that among equally close ids every reader suggests the same one.
struct KnownIDs {
    private(set) var indices: [String: Int] = [:]
    private(set) var inFileOrder: [String] = []

    /// Adds `id` with `index` unless known: nil when added, else the index it has.
    mutating func insert(_ id: String, index: Int) -> Int? {
        if let first = indices[id] { return first }
        indices[id] = index
        inFileOrder.append(id)
        return nil
    }
}
