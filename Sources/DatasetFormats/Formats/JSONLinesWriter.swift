import TimelineKit

/// JSON Lines from a store's selection: a `dataset` line, one event per line in chronological
/// order, then the `source`, `person` and `quote` lines they refer to (see `JSONLinesReader`).
public enum JSONLinesWriter {
    public static func write(store: any EventStore, selection: any EventSelection, emit: (String) throws -> Void) throws {
        let info = store.info
        var header = [("type", "\"dataset\""), ("title", JSONWriter.string(info.title.isEmpty ? "Untitled" : info.title))]
        if !info.description.isEmpty { header.append(("description", JSONWriter.string(info.description))) }
        try emit(JSONWriter.object(header) + "\n")
        var records = ReferencedRecords()
        try ExportPages.forEachEvent(store: store, selection: selection) { _, event in
            records.collect(event)
            try emit(JSONWriter.object(EventObjects.event(event)) + "\n")
        }
        for source in records.sources { try emit(JSONWriter.object([("type", "\"source\"")] + EventObjects.source(source)) + "\n") }
        for person in records.people { try emit(JSONWriter.object([("type", "\"person\"")] + EventObjects.person(person)) + "\n") }
        for (quote, events) in try records.writtenQuotes(store) {
            try emit(JSONWriter.object([("type", "\"quote\"")] + EventObjects.quote(quote, events: events)) + "\n")
        }
    }
}
