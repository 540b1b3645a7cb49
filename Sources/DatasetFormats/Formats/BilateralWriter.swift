import TimelineKit

/// Our JSON format from a store's selection: events first, streamed one per line in chronological
/// order, then the sources, people and quotes they refer to.
public enum BilateralWriter {
    public static func write(store: any EventStore, selection: any EventSelection, emit: (String) throws -> Void) throws {
        let info = store.info
        try emit("{\n\"format\": \(JSONWriter.string(Dataset.formatIdentifier)),\n\"title\": \(JSONWriter.string(info.title.isEmpty ? "Untitled" : info.title)),\n")
        if !info.description.isEmpty { try emit("\"description\": \(JSONWriter.string(info.description)),\n") }
        try emit("\"events\": [")
        var records = ReferencedRecords()
        try ExportPages.forEachEvent(store: store, selection: selection) { index, event in
            records.collect(event)
            try emit((index == 0 ? "\n" : ",\n") + JSONWriter.object(EventObjects.event(event)))
        }
        try emit("\n],\n\"sources\": [")
        try emit(records.sources.map { "\n" + JSONWriter.object(EventObjects.source($0)) }.joined(separator: ","))
        try emit("\n],\n\"people\": [")
        try emit(records.people.map { "\n" + JSONWriter.object(EventObjects.person($0)) }.joined(separator: ","))
        try emit("\n],\n\"quotes\": [")
        let quotes = try records.writtenQuotes(store)
        try emit(quotes.map { "\n" + JSONWriter.object(EventObjects.quote($0.0, events: $0.1)) }.joined(separator: ","))
        try emit("\n]\n}\n")
    }
}

/// Every event of a selection in full, a page at a time (`EventStore.events(in:at:)`: a store
/// file reads a page in one transaction and a few queries, where an event at a time cost one each).
enum ExportPages {
    static let pageSize = 2_000

    static func forEachEvent(store: any EventStore, selection: any EventSelection,
                             _ body: (_ index: Int, _ event: EventDetail) throws -> Void) throws {
        var start = 0
        while start < selection.count {
            let end = min(selection.count, start + pageSize)
            for (offset, event) in try store.events(in: selection, at: start..<end).enumerated() {
                try body(start + offset, event)
            }
            start = end
        }
    }
}
