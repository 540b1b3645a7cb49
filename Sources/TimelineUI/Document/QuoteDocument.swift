import TimelineKit

/// One quote as styled lines: the words, the speaker, and optionally the events it is about.
public enum QuoteDocument {
    public static func lines(_ quote: QuoteDetail, width: Int, showEvents: Bool) -> [StyledLine] {
        let person = quote.speaker
        var lines = StyledText.paragraph("“" + quote.text + "”", width: width, indent: 1, style: .quote)
        var who = "— " + person.name
        if let affiliation = person.affiliation { who += ", " + affiliation }
        lines += StyledText.paragraph(who, width: width, indent: 3, style: .muted)
        if let context = quote.context {
            lines += StyledText.paragraph("In context: " + context, width: width, indent: 3, style: .muted)
        }
        if showEvents {
            for event in quote.events {
                lines += StyledText.paragraph("→ \(event.title) (\(event.date.humanDescription))", width: width, indent: 3, style: .link)
            }
        }
        lines.append("")
        return lines
    }
}
