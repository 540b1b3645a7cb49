/// Several datasets into one: lists concatenated, references shifted. Ids must stay unique across
/// the inputs (an id in two files is an error naming both), rather than renamed behind the user's back.
public enum DatasetMerge {
    public struct Conflict: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func merge(_ inputs: [(name: String, dataset: Dataset)]) throws(Conflict) -> Dataset {
        guard inputs.count > 1 else {
            return inputs.first?.dataset ?? Dataset.empty()
        }
        var merged = Dataset(title: inputs.map(\.dataset.title).joined(separator: " + "),
                             description: inputs.map(\.dataset.description).filter { !$0.isEmpty }.joined(separator: "\n\n"),
                             people: [], sources: [], events: [], quotes: [])
        var owners: [String: String] = [:]
        func claim(_ kind: String, _ id: String, _ name: String) throws(Conflict) {
            if let other = owners["\(kind) \(id)"] {
                throw Conflict(description: "\(kind) id '\(id)' is in both \(other) and \(name); ids must be unique across inputs")
            }
            owners["\(kind) \(id)"] = name
        }
        for (name, dataset) in inputs {
            let people = merged.people.count, sources = merged.sources.count, events = merged.events.count
            for person in dataset.people { try claim("person", person.id, name) }
            for source in dataset.sources { try claim("source", source.id, name) }
            for event in dataset.events { try claim("event", event.id, name) }
            for quote in dataset.quotes { try claim("quote", quote.id, name) }
            merged.people += dataset.people
            merged.sources += dataset.sources
            merged.events += dataset.events.map { event in
                var event = event
                event.sources = event.sources.map { $0 + sources }
                event.people = event.people.map { $0 + people }
                event.notes = event.notes.map { EventNote(text: $0.text, sources: $0.sources.map { $0 + sources }) }
                return event
            }
            merged.quotes += dataset.quotes.map { quote in
                var quote = quote
                quote.speaker += people
                quote.source += sources
                quote.events = quote.events.map { $0 + events }
                return quote
            }
        }
        return merged
    }
}
