import TimelineKit

/// TimelineJS 3 JSON from a store's selection, for the TimelineJS viewer: dates back to date objects
/// (`display_date` with `~` approximate and `?` uncertain marks), the title as the headline, and in
/// `text.text`, as escaped HTML, the summary, notes, quotes and sources; the first source with a URL as
/// `media`; the first pair by country names as `group`; the id as `unique_id`; events of kind `era`
/// without countries as `eras`.
public enum TimelineJSWriter {
    /// Returns how many events were left out: a date not known at all has nothing for `start_date`.
    @discardableResult
    public static func write(store: any EventStore, selection: any EventSelection, emit: (String) throws -> Void) throws -> Int {
        let info = store.info
        var title = [("headline", JSONWriter.string(HTMLText.escape(info.title.isEmpty ? "Untitled" : info.title)))]
        if !info.description.isEmpty { title.append(("text", JSONWriter.string(HTMLText.paragraphs(info.description)))) }
        try emit("{\"title\": " + JSONWriter.object([("text", JSONWriter.object(title))]) + ",\n\"events\": [")
        var written = 0, skipped = 0
        // Eras (events of kind `era` without countries, as the reader makes them) go back to `eras`.
        var eras: [String] = []
        try ExportPages.forEachEvent(store: store, selection: selection) { _, event in
            guard let slide = slide(event) else { skipped += 1; return }
            if event.kind == "era" && event.participants == .none { eras.append(slide); return }
            try emit((written == 0 ? "\n" : ",\n") + slide)
            written += 1
        }
        try emit(eras.isEmpty ? "\n]}\n" : "\n],\n\"eras\": [\n" + eras.joined(separator: ",\n") + "\n]}\n")
        return skipped
    }

    static func slide(_ event: EventDetail) -> String? {
        let (startPoint, endPoint) = points(event.date)
        guard let startPoint else { return nil }
        let time = event.attributes["start_time"]?.text, endTime = event.attributes["end_time"]?.text
        var members = [("unique_id", JSONWriter.string(event.id)),
                       ("start_date", dateObject(startPoint, time: time, display: event.date.shortDescription))]
        if let endPoint { members.append(("end_date", dateObject(endPoint, time: endTime, display: nil))) }
        members.append(("text", JSONWriter.object([("headline", JSONWriter.string(HTMLText.escape(event.title))),
                                                   ("text", JSONWriter.string(body(event)))])))
        if let source = event.sources.first(where: { $0.url != nil }), let url = source.url {
            var media = [("url", JSONWriter.string(url)), ("credit", JSONWriter.string(HTMLText.escape(source.publisher)))]
            if let caption = source.title { media.append(("caption", JSONWriter.string(HTMLText.escape(caption)))) }
            members.append(("media", JSONWriter.object(media)))
        }
        if let (a, b) = event.participants.orderedPairs.first {
            members.append(("group", JSONWriter.string(a.name + "–" + b.name)))
        }
        return JSONWriter.object(members)
    }

    /// The start and end points a viewer can place: an unknown or open start takes the end's point.
    static func points(_ date: EDTFDate) -> (EDTFPoint?, EDTFPoint?) {
        switch date.form {
        case .single(let point): return (point.isUnknown ? nil : point, nil)
        case .interval(let start, let end):
            var first: EDTFPoint?, last: EDTFPoint?
            if case .point(let point) = start, !point.isUnknown { first = point }
            if case .point(let point) = end, !point.isUnknown { last = point }
            return first == nil ? (last, nil) : (first, last)
        }
    }

    static func dateObject(_ point: EDTFPoint, time: String?, display: String?) -> String {
        var members = [("year", String(point.year))]
        if let month = point.month, !point.monthUnspecified {
            members.append(("month", String(month)))
            if let day = point.day, !point.dayUnspecified { members.append(("day", String(day))) }
        }
        if let time, let (hour, minute, second) = TimelineJSDates.timeParts(time) {
            members += [("hour", String(hour)), ("minute", String(minute))]
            if let second { members.append(("second", String(second))) }
        }
        if let display { members.append(("display_date", JSONWriter.string(HTMLText.escape(display)))) }
        return JSONWriter.object(members)
    }

    /// The summary, who acted where an actor is named (TimelineJS has no place for it), notes,
    /// quotes and sources as HTML, every piece of text escaped.
    static func body(_ event: EventDetail) -> String {
        var html = HTMLText.paragraphs(event.summary)
        if !event.actors.isEmpty { html += "<p><em>Who:</em> " + HTMLText.escape(event.facts.describeParticipants(\.name)) + "</p>" }
        for note in event.notes { html += "<p><em>Note:</em> " + HTMLText.escape(note.text) + "</p>" }
        for quote in event.quotes {
            html += "<blockquote>“" + HTMLText.escape(quote.text) + "” — " + HTMLText.escape(quote.speaker.name) + "</blockquote>"
        }
        if !event.sources.isEmpty {
            html += "<p>Sources: " + event.sources.map { source in
                let name = HTMLText.escape(source.publisher + (source.title.map { " — " + $0 } ?? ""))
                guard let url = source.url else { return name }
                return "<a href=\"" + HTMLText.escape(url) + "\">" + name + "</a>"
            }.joined(separator: "; ") + "</p>"
        }
        return html
    }
}
