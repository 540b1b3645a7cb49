import Foundation
import TimelineKit

/// The quote pane laid out: its lines, with which quote each line belongs to, so scrolling,
/// clicks and the marker beside the selected quote agree with what is drawn.
struct QuotePane {
    /// Where the text goes: the pane's content less the marker column on the left.
    let textArea: Rect
    let lines: [StyledLine]
    /// For each line, the index into `AppState.quoteItems` it belongs to (nil for headings).
    let owners: [Int?]

    var maxScroll: Int { max(0, lines.count - textArea.height) }

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
    /// The quote pane for the current state, laid out once per question (what it shows, where,
    /// what is highlighted): "all quotes by speaker" lays out every quote, too much to repeat
    /// for each key and each frame.
    var quotePane: QuotePane {
        let content = ScreenLayout.content(of: layout.quotes)
        let textArea = Rect(x: content.x + 1, y: content.y, width: content.width - 1, height: content.height)
        let key = QuotePaneMemo.Key(mode: quoteMode, textArea: textArea, searchTerm: searchTerm,
                                    detail: selectedDetail?.position, allQuotes: allQuotes?.count)
        return quotePaneMemo.pane(for: key) { quotePane(in: textArea) }
    }

    private func quotePane(in textArea: Rect) -> QuotePane {
        let width = textArea.width
        var lines: [StyledLine] = []
        var owners: [Int?] = []
        guard width > 0 else { return QuotePane(textArea: textArea, lines: [], owners: []) }
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
        return QuotePane(textArea: textArea, lines: Highlighter.highlight(lines, term: searchTerm), owners: owners)
    }
}

/// The last quote pane laid out, and what it was laid out for. Shared by copies of a state, which
/// is safe: the key says everything the layout depends on (the store never changes, the event
/// at a position neither, and every quote is read at once).
final class QuotePaneMemo: @unchecked Sendable {
    struct Key: Equatable {
        var mode: QuoteMode
        var textArea: Rect
        var searchTerm: String
        var detail: Int?
        var allQuotes: Int?
    }

    private let lock = NSLock()
    private var last: (key: Key, pane: QuotePane)?

    func pane(for key: Key, make: () -> QuotePane) -> QuotePane {
        lock.lock()
        defer { lock.unlock() }
        if let last, last.key == key { return last.pane }
        let pane = make()
        last = (key, pane)
        return pane
    }
}
