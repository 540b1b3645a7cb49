import TerminalText
import TimelineKit

/// Everything known about one event, as styled lines for a given width: used by the
/// detail pane and by `bilateral show`, so the two never disagree.
public struct EventDetailDocument {
    public let event: EventDetail

    public init(_ event: EventDetail) {
        self.event = event
    }

    public func lines(width: Int, includeQuotes: Bool = true) -> [StyledLine] {
        var lines: [StyledLine] = []
        lines += StyledText.paragraph(event.title, width: width, style: .title)
        lines.append("")
        lines += StyledText.labelled("Date", event.date.humanDescription, width: width, style: .accent)
        lines += StyledText.labelled("", Self.dateFacts(event.date), width: width, style: .muted)
        lines += StyledText.labelled("Who", Self.participantsText(event.facts), width: width)
        if !event.pairLabels.isEmpty {
            lines += StyledText.labelled("Pairs", PairBadges.full(event.pairLabels), width: width, style: .badge)
        }
        if let place = event.place {
            lines += StyledText.labelled("Place", place.displayName, width: width)
        }
        lines += StyledText.labelled("Status", Self.statusText(event.status), width: width,
                                     style: event.status == .occurred ? .plain : .warning)
        lines += StyledText.labelled("Kind", event.kind + (event.cameo.map { " · CAMEO \($0)" } ?? ""), width: width)
        if !event.tags.isEmpty {
            lines += StyledText.labelled("Tags", event.tags.joined(separator: " · "), width: width, style: .muted)
        }
        if !event.people.isEmpty {
            let people = event.people.map { person in
                person.role.map { "\(person.name) (\($0))" } ?? person.name
            }
            lines += StyledText.labelled("People", people.joined(separator: "; "), width: width)
        }
        if !event.summary.isEmpty {
            lines.append("")
            lines += StyledText.paragraph(event.summary, width: width)
        }
        lines.append("")
        lines.append(StyledLine("Sources", .label))
        for (number, source) in event.sources.enumerated() {
            lines += sourceLines(source, number: number + 1, width: width)
        }
        if !event.notes.isEmpty {
            lines.append("")
            lines.append(StyledLine("Notes", .label))
            for note in event.notes {
                var text = note.text
                if !note.sources.isEmpty {
                    text += " [" + note.sources.map(\.publisher).joined(separator: "; ") + "]"
                }
                lines += StyledText.paragraph("• " + text, width: width, indent: 1, hanging: 3)
            }
        }
        if !event.attributes.isEmpty {
            lines.append("")
            lines.append(StyledLine("Attributes", .label))
            // One line per attribute: a name or value with a line break is shown, not obeyed.
            for attribute in event.attributes {
                lines += StyledText.paragraph(Sanitizer.line("\(attribute.name): \(attribute.value.text)"),
                                              width: width, indent: 1, hanging: 3)
            }
        }
        let quotes = event.quotes
        if includeQuotes && !quotes.isEmpty {
            lines.append("")
            lines.append(StyledLine("Quotes (\(quotes.count))", .label))
            for quote in quotes {
                lines += QuoteDocument.lines(quote, width: width, showEvents: false)
            }
        }
        return lines
    }

    private func sourceLines(_ source: Source, number: Int, width: Int) -> [StyledLine] {
        var text = "\(number). \(source.publisher)"
        if let title = source.title { text += " — \(title)" }
        if let published = source.published { text += " (\(published.humanDescription))" }
        // One logical line: a line break inside a title or publisher is shown, not obeyed.
        var lines = StyledText.paragraph(Sanitizer.line(text), width: width, indent: 1, hanging: 4)
        if let url = source.url {
            lines += StyledText.paragraph(url, width: width, indent: 4, style: .link)
        }
        if let note = source.note {
            lines += StyledText.paragraph(note, width: width, indent: 4, style: .muted)
        }
        return lines
    }

    /// "EDTF 2017-09-25/2017-10-04 · day precision · 10 days".
    public static func dateFacts(_ date: EDTFDate) -> String {
        var facts = ["EDTF \(date.text)", "\(date.precision.name) precision"]
        if date.isInterval, let days = date.durationInDays { facts.append(days == 1 ? "1 day" : "\(days) days") }
        if date.isApproximate { facts.append("approximate") }
        if date.isUncertain { facts.append("uncertain") }
        return facts.joined(separator: " · ")
    }

    /// "United States → Afghanistan (Taliban) (directed)": names, each country's actor, and the shape.
    public static func participantsText(_ facts: EventFacts) -> String {
        let text = facts.describeParticipants { $0.name }
        switch facts.participants {
        case .mutual: return text + " (together)"
        case .directed: return text + " (directed)"
        case .hub: return text + " (separately)"
        case .none: return text
        }
    }

    public static func statusText(_ status: EventStatus) -> String {
        switch status {
        case .occurred: return "occurred"
        case .scheduled: return "SCHEDULED — planned at the time of the sources, not confirmed to have happened"
        case .reported: return "REPORTED — the sources hedge (\"reportedly\") or only one source makes the claim"
        case .unconfirmed: return "UNCONFIRMED — claimed, but not borne out by other reporting"
        }
    }
}
