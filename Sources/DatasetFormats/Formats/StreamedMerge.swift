import TimelineKit

/// What `DatasetImport.stream` keeps while the inputs' records go to a sink: how many events,
/// people and sources the parts before gave (each part's references are shifted by them, as
/// `DatasetMerge` shifts them), the quotes, and, with several parts, every id claimed, to name the
/// id in two parts that `DatasetMerge` would have named.
struct StreamedMerge {
    /// More than one part: ids are claimed across them (`DatasetMerge` merges only then).
    var several: Bool
    private(set) var events = 0
    private(set) var people = 0
    private(set) var sources = 0
    private(set) var quotes: [Quote] = []
    /// The part that first had each id ("event e1"), with several parts only.
    private var owners: [String: Int] = [:]
    private var names: [String] = []
    /// `DatasetMerge`'s error: the first part with an id claimed before, and in it the first such
    /// person, else source, else event, else quote (the order it checks them). Once there is one,
    /// nothing more goes to the sink: the import fails.
    private(set) var conflict: String?

    init(several: Bool) { self.several = several }

    private static let kinds = ["person", "source", "event", "quote"]

    /// Reads one part with `reader`, handing its events to `sink` as they come, then its people and
    /// sources; keeps its quotes for the end.
    mutating func read(_ reader: any DatasetReader, _ bytes: InputBytes, name: String, into sink: some DatasetSink,
                       progress: ((Int) throws -> Void)?) throws -> ReadResult {
        let part = names.count
        names.append(name)
        var found: [String: String] = [:]
        func claim(_ kind: String, _ id: String) {
            guard several else { return }
            let key = kind + " " + id
            if let owner = owners[key] {
                if found[kind] == nil {
                    found[kind] = "\(kind) id '\(id)' is in both \(names[owner]) and \(name); ids must be unique across inputs"
                }
            } else {
                owners[key] = part
            }
        }
        let (eventBase, peopleBase, sourceBase) = (events, people, sources)
        var given = 0
        let result = try bytes.stream(with: reader, name: name) { event in
            claim("event", event.id)
            guard conflict == nil else { return }
            try sink.add(Self.shifted(event, people: peopleBase, sources: sourceBase))
            given += 1
            if let progress, (eventBase + given) % 4096 == 0 { try progress(eventBase + given) }
        }
        let dataset = result.dataset
        for person in dataset.people { claim("person", person.id) }
        for source in dataset.sources { claim("source", source.id) }
        for quote in dataset.quotes { claim("quote", quote.id) }
        if conflict == nil, let first = Self.kinds.lazy.compactMap({ found[$0] }).first { conflict = first }
        guard conflict == nil else { return result }
        try sink.add(people: dataset.people, sources: dataset.sources)
        quotes += dataset.quotes.map { quote in
            var quote = quote
            quote.speaker += peopleBase
            quote.source += sourceBase
            quote.events = quote.events.map { $0 + eventBase }
            return quote
        }
        events += given
        people += dataset.people.count
        sources += dataset.sources.count
        try progress?(events)
        return result
    }

    /// The event's references to people and sources as numbered after the parts before.
    private static func shifted(_ event: Event, people: Int, sources: Int) -> Event {
        guard people > 0 || sources > 0 else { return event }
        var event = event
        event.sources = event.sources.map { $0 + sources }
        event.people = event.people.map { $0 + people }
        event.notes = event.notes.map { EventNote(text: $0.text, sources: $0.sources.map { $0 + sources }) }
        return event
    }
}
