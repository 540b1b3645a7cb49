import TimelineKit

/// CSV with a header from a store's selection (RFC 4180, CRLF-free: LF row ends, fields quoted when
/// they hold a comma, quote or line break). Its columns read back with the CSV reader's `--map`
/// of the same names; every attribute any event has gets a column of its own after them.
public enum CSVWriter {
    public static let columns = ["id", "date", "title", "summary", "kind", "status", "from", "to", "countries", "place", "url"]

    public static func write(store: any EventStore, selection: any EventSelection, emit: (String) throws -> Void) throws {
        // Attribute names are known only once every event is seen: a first pass collects them.
        var names: [String] = []
        var seen: Set<String> = []
        try ExportPages.forEachEvent(store: store, selection: selection) { _, event in
            for attribute in event.attributes where !columns.contains(attribute.name) && seen.insert(attribute.name).inserted {
                names.append(attribute.name)
            }
        }
        try emit((columns + names).map(field).joined(separator: ",") + "\n")
        var chunk = ""
        try ExportPages.forEachEvent(store: store, selection: selection) { index, event in
            chunk += row(event, attributes: names).map(field).joined(separator: ",") + "\n"
            if index % 1000 == 999 { try emit(chunk); chunk = "" }
        }
        try emit(chunk)
    }

    static func row(_ event: EventDetail, attributes: [String]) -> [String] {
        func codes(_ countries: [Country]) -> String { countries.map(\.alpha3).joined(separator: ";") }
        var from = "", to = "", countries = ""
        switch event.participants {
        case .mutual(let list): countries = codes(list)
        case .directed(let actors, let targets): from = codes(actors); to = codes(targets)
        // A hub with its spokes has the pairs of a hub directed to each spoke.
        case .hub(let hub, let spokes): from = hub.alpha3; to = codes(spokes)
        case .none: break
        }
        return [event.id, event.date.text, event.title, event.summary, event.kind, event.status.rawValue, from, to, countries,
                event.place?.name ?? "", event.sources.first { $0.url != nil }?.url ?? ""]
            + attributes.map { event.attributes[$0]?.text ?? "" }
    }

    /// RFC 4180: quote fields with commas, quotes or line breaks; double the quotes.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        var out = "\""
        for character in text { out += character == "\"" ? "\"\"" : String(character) }
        return out + "\""
    }
}
