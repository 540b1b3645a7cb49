import Foundation
import TimelineKit

/// The quote pane's lines, with which quote each line belongs to, so scrolling, clicks and
/// the selection marker agree with what is drawn.
public struct QuotePaneContent {
    public var lines: [StyledLine]
    /// For each line, the index into `AppState.quoteItems` it belongs to (nil for headings).
    var owners: [Int?]

    func item(atLine line: Int) -> Int? {
        guard owners.indices.contains(line) else { return nil }
        return owners[line] ?? owners[line...].lazy.compactMap { $0 }.first
    }

    func lineRange(ofItem item: Int) -> Range<Int>? {
        guard let first = owners.firstIndex(of: item) else { return nil }
        let last = owners.lastIndex(of: item)!
        return first..<(last + 1)
    }
}

extension AppState {
    /// The selected event's detail, with the quotes spelled out only when no quote pane shows them.
    func detailLines(width: Int) -> [StyledLine] {
        guard let event = selectedDetail, width > 0 else {
            return [StyledLine(visibleCount == 0 ? "No events match the filter. Press P to clear it." : "", .muted)]
        }
        let quotesShown = layout.mode == .wide
        var lines = EventDetailDocument(event).lines(width: width, includeQuotes: !quotesShown)
        if quotesShown {
            let count = event.quotes.count
            if count > 0 {
                lines.append("")
                lines += StyledText.paragraph("Quotes: \(count) in the quotes pane below (Tab to read, Enter to follow).",
                                              width: width, style: .muted)
            }
        }
        return Highlighter.highlight(lines, term: searchTerm)
    }

    /// Where the quote pane's text goes: its content less the marker column on the left.
    var quoteTextArea: Rect {
        let content = ScreenLayout.content(of: layout.quotes)
        return Rect(x: content.x + 1, y: content.y, width: content.width - 1, height: content.height)
    }

    /// The quote pane laid out for the current size: the one value that drawing, scrolling and
    /// mouse hits all use, so they cannot drift apart. Laid out once per question (what it shows,
    /// how wide, what is highlighted): "all quotes by speaker" lays out every quote, which each
    /// key and each frame asked for again, twice for a j in that pane.
    var quotePane: QuotePaneContent {
        let key = QuotePaneMemo.Key(mode: quoteMode, width: quoteTextArea.width, searchTerm: searchTerm,
                                    detail: selectedDetail?.position, allQuotes: allQuotes?.count)
        return quotePaneMemo.content(for: key) { quotePaneContent(width: key.width) }
    }

    private func quotePaneContent(width: Int) -> QuotePaneContent {
        var lines: [StyledLine] = []
        var owners: [Int?] = []
        guard width > 0 else { return QuotePaneContent(lines: [], owners: []) }
        let items = quoteItems
        func add(_ new: [StyledLine], owner: Int?) {
            lines += new
            owners += Array(repeating: owner, count: new.count)
        }
        switch quoteMode {
        case .selectedEvent:
            if let event = selectedDetail {
                add(StyledText.paragraph("About: " + event.title, width: width, style: .label), owner: nil)
                add([""], owner: nil)
            }
            if items.isEmpty { add([StyledLine("No quotes about this event. v: all quotes by speaker.", .muted)], owner: nil) }
        case .allBySpeaker:
            add(StyledText.paragraph("All \(items.count) quotes by speaker", width: width, style: .label), owner: nil)
        }
        var quotesPerSpeaker: [String: Int] = [:]
        if quoteMode == .allBySpeaker { for quote in items { quotesPerSpeaker[quote.speaker.id, default: 0] += 1 } }
        var lastSpeaker: String?
        for (itemIndex, quote) in items.enumerated() {
            let speaker = quote.speaker.id
            if quoteMode == .allBySpeaker && speaker != lastSpeaker {
                let person = quote.speaker
                var heading = "\(person.name) (\(quotesPerSpeaker[speaker] ?? 0))"
                if let affiliation = person.affiliation { heading += " — " + affiliation }
                add([""], owner: nil)
                add(StyledText.paragraph(heading, width: width, style: .accent), owner: nil)
                lastSpeaker = speaker
            }
            add(QuoteDocument.lines(quote, width: width, showEvents: quoteMode == .allBySpeaker), owner: itemIndex)
        }
        return QuotePaneContent(lines: Highlighter.highlight(lines, term: searchTerm), owners: owners)
    }
}

/// The last quote pane laid out, and what it was laid out for. Shared by copies of a state, which
/// is safe: the key says everything the layout depends on (the store never changes, the event
/// at a position neither, and every quote is read at once).
final class QuotePaneMemo: @unchecked Sendable {
    struct Key: Equatable {
        var mode: QuoteMode
        var width: Int
        var searchTerm: String
        var detail: Int?
        var allQuotes: Int?
    }

    private let lock = NSLock()
    private var last: (key: Key, content: QuotePaneContent)?

    func content(for key: Key, make: () -> QuotePaneContent) -> QuotePaneContent {
        lock.lock()
        defer { lock.unlock() }
        if let last, last.key == key { return last.content }
        let content = make()
        last = (key, content)
        return content
    }
}
