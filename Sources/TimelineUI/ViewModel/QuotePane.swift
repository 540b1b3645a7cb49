import Foundation
import TerminalText
import TimelineKit

/// Where the quote pane's top line is: a line of a block. Block -1 is the pane's heading (what it
/// lists); block i ≥ 0 is quote i of `AppState.quotes` with, above it in the all-by-speaker list,
/// its speaker's heading when it starts that speaker's run. Positions compare in reading order.
public struct QuoteScroll: Hashable, Sendable, Comparable {
    public var block: Int
    public var line: Int

    public static let top = QuoteScroll(block: -1, line: 0)

    public static func < (lhs: QuoteScroll, rhs: QuoteScroll) -> Bool { (lhs.block, lhs.line) < (rhs.block, rhs.line) }
}

/// The quote pane's visible lines, with which quote each belongs to, so scrolling, clicks and the
/// marker beside the selected quote agree with what is drawn. Only what shows is laid out.
struct QuotePane {
    /// Where the text goes: the pane's content less the marker column on the left.
    let textArea: Rect
    /// The lines from the top of the pane down, at most its height.
    let lines: [StyledLine]
    /// For each line, the index of the quote it belongs to (nil for headings).
    let owners: [Int?]

    /// The quote on a visible line (a heading line: the quote below it).
    func item(atLine line: Int) -> Int? {
        guard owners.indices.contains(line) else { return nil }
        return owners[line] ?? owners[line...].lazy.compactMap { $0 }.first
    }

    /// The visible lines of a quote.
    func lineRange(ofItem item: Int) -> Range<Int>? {
        guard let first = owners.firstIndex(of: item) else { return nil }
        let last = owners.lastIndex(of: item)!
        return first..<(last + 1)
    }
}

/// A block laid out: its lines, and how many of them (the speaker's heading) come before the quote's own.
struct QuoteBlock {
    var lines: [StyledLine]
    var heading: Int
    /// The store failed to read the quote: `lines` say so instead.
    var failed = false

    /// What the pane shows where a quote could not be read: the error, sanitized, never blank lines.
    static func failure(_ error: any Error, width: Int) -> QuoteBlock {
        let text = "could not read the quotes: " + Sanitizer.line(String(describing: error))
        return QuoteBlock(lines: StyledText.paragraph(text, width: max(1, width), style: .warning), heading: 0, failed: true)
    }
}

extension AppState {
    var quoteTextArea: Rect {
        let content = ScreenLayout.content(of: layout.quotes)
        return Rect(x: content.x + 1, y: content.y, width: content.width - 1, height: content.height)
    }

    /// The quote pane from `quoteScroll` down: the blocks it shows, laid out (and kept: `QuoteBlockMemo`).
    var quotePane: QuotePane {
        let area = quoteTextArea
        var lines: [StyledLine] = []
        var owners: [Int?] = []
        guard area.width > 0, area.height > 0 else { return QuotePane(textArea: area, lines: [], owners: []) }
        var position = quoteScroll
        while lines.count < area.height, position.block < quotes.count {
            let block = quoteBlock(position.block)
            for index in position.line..<block.lines.count where lines.count < area.height {
                lines.append(block.lines[index])
                owners.append(position.block >= 0 && index >= block.heading ? position.block : nil)
            }
            // One failure line is enough: the blocks below it would ask the failing store again.
            if block.failed { break }
            position = QuoteScroll(block: position.block + 1, line: 0)
        }
        return QuotePane(textArea: area, lines: lines, owners: owners)
    }

    /// A block of the pane at the current width and search: the heading (-1) or a quote.
    func quoteBlock(_ index: Int) -> QuoteBlock {
        let width = quoteTextArea.width
        guard width > 0 else { return QuoteBlock(lines: [""], heading: 0) }
        if index < 0 { return QuoteBlock(lines: Highlighter.highlight(quoteHeadingLines(width: width), term: searchTerm), heading: 0) }
        let key = QuoteBlockMemo.Key(scope: quotes.scope, width: width, searchTerm: searchTerm)
        let quotes = self.quotes, mode = quoteMode, term = searchTerm
        return quoteBlocks.block(index, key: key, selection: quotes) { quote, run in
            var lines: [StyledLine] = []
            if mode == .allBySpeaker, run.lowerBound == index {
                let person = quote.speaker
                var heading = "\(person.name) (\(run.count))"
                if let affiliation = person.affiliation { heading += " — " + affiliation }
                lines.append("")
                lines += StyledText.paragraph(heading, width: width, style: .accent)
            }
            let heading = lines.count
            lines += QuoteDocument.lines(quote, width: width, showEvents: mode == .allBySpeaker)
            return QuoteBlock(lines: Highlighter.highlight(lines, term: term), heading: heading)
        }
    }

    private func quoteHeadingLines(width: Int) -> [StyledLine] {
        switch quoteMode {
        case .selectedEvent:
            var lines: [StyledLine] = []
            if let event = selectedDetail {
                lines += StyledText.paragraph("About: " + event.title, width: width, style: .label)
                lines.append("")
            }
            if quotes.count == 0 { lines.append(StyledLine("No quotes about this event. v: all quotes by speaker.", .muted)) }
            return lines.isEmpty ? [""] : lines
        case .allBySpeaker:
            return StyledText.paragraph("All \(quotes.count) quotes by speaker", width: width, style: .label)
        }
    }

    /// The position `lines` lines below (or above, when negative) `position`, kept within the
    /// pane's lines: walks only the blocks in between.
    func quotePosition(_ position: QuoteScroll, movedBy lines: Int) -> QuoteScroll {
        var position = position
        var remaining = lines
        while remaining > 0 {
            let length = quoteBlock(position.block).lines.count
            let below = length - 1 - position.line
            if remaining <= below { position.line += remaining; return position }
            guard position.block + 1 < quotes.count else { position.line = max(0, length - 1); return position }
            remaining -= below + 1
            position = QuoteScroll(block: position.block + 1, line: 0)
        }
        while remaining < 0 {
            if -remaining <= position.line { position.line += remaining; return position }
            guard position.block > -1 else { position.line = 0; return position }
            remaining += position.line + 1
            position.block -= 1
            position.line = quoteBlock(position.block).lines.count - 1
        }
        return position
    }

    /// The lowest top that still fills the pane: its last line at the bottom (or the first line,
    /// when everything fits).
    var quoteEndTop: QuoteScroll {
        let last = quotes.count - 1
        let end = QuoteScroll(block: last, line: max(0, quoteBlock(last).lines.count - 1))
        return quotePosition(end, movedBy: -(max(1, quoteTextArea.height) - 1))
    }

    /// The selected quote, read through the pane's cache.
    var selectedQuote: QuoteDetail? {
        guard selectedQuoteIndex >= 0, selectedQuoteIndex < quotes.count else { return nil }
        let key = QuoteBlockMemo.Key(scope: quotes.scope, width: quoteTextArea.width, searchTerm: searchTerm)
        return quoteBlocks.quote(selectedQuoteIndex, key: key, selection: quotes)
    }
}

/// The quotes the pane has read and the blocks it has laid out, for what it showed lately. Shared by
/// copies of a state, which is safe: the key says all a block depends on (the store never changes,
/// and a scope's quotes neither). Bounded: a page is read around a missing quote, and the caches
/// are emptied when they grow past `capacity`.
final class QuoteBlockMemo: @unchecked Sendable {
    struct Key: Equatable {
        var scope: QuoteScope
        var width: Int
        var searchTerm: String
    }

    static let capacity = 2048
    static let page = 48

    private let lock = NSLock()
    private var scope: QuoteScope?
    private var quotes: [Int: QuoteDetail] = [:]
    private var runs: [Range<Int>] = []
    private var key: Key?
    private var blocks: [Int: QuoteBlock] = [:]

    /// Quote `index` of the selection, read with a page around it when missing; nil when the store fails.
    func quote(_ index: Int, key: Key, selection: any QuoteSelection) -> QuoteDetail? {
        lock.withLock { try? cachedQuote(index, key: key, selection: selection) }
    }

    func block(_ index: Int, key: Key, selection: any QuoteSelection, make: (QuoteDetail, Range<Int>) -> QuoteBlock) -> QuoteBlock {
        lock.withLock {
            if self.key != key { self.key = key; blocks.removeAll() }
            if let block = blocks[index] { return block }
            let read: QuoteDetail?
            // Not kept: the next frame asks again, so a store that recovers shows the quote.
            do { read = try cachedQuote(index, key: key, selection: selection) } catch { return .failure(error, width: key.width) }
            guard let quote = read else { return QuoteBlock(lines: [""], heading: 0) }
            let run: Range<Int>
            if let known = runs.first(where: { $0.contains(index) }) {
                run = known
            } else {
                run = (try? selection.speakerRun(containing: index)) ?? index..<(index + 1)
                if runs.count >= 256 { runs.removeAll() }
                runs.append(run)
            }
            let block = make(quote, run)
            if blocks.count >= Self.capacity { blocks.removeAll() }
            blocks[index] = block
            return block
        }
    }

    private func cachedQuote(_ index: Int, key: Key, selection: any QuoteSelection) throws -> QuoteDetail? {
        if scope != key.scope { scope = key.scope; quotes.removeAll(); runs.removeAll(); blocks.removeAll() }
        if let quote = quotes[index] { return quote }
        let start = max(0, index - Self.page / 3)
        let page = try selection.quotes(start..<(start + Self.page))
        if quotes.count + page.count > Self.capacity { quotes.removeAll() }
        for (offset, quote) in page.enumerated() { quotes[start + offset] = quote }
        return quotes[index]
    }
}

extension AppState {
    /// Whether a quote's visible lines reach its block's last line (the blank after it).
    func quoteBlockEnds(_ index: Int, visible: Range<Int>, in pane: QuotePane) -> Bool {
        visible.upperBound < pane.lines.count || pane.owners.count < quoteTextArea.height
            || quotePosition(quoteScroll, movedBy: visible.upperBound - 1) == QuoteScroll(block: index, line: quoteBlock(index).lines.count - 1)
    }
}
