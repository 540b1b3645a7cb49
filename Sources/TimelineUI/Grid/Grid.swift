import TerminalText

/// The whole frame in memory: views draw here, tests read it back as text, and the
/// terminal backend sends only the cells that changed since the last frame.
public struct Grid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// Writes text at (x, y), clipped to `clip` (default: the whole grid). Text must already
    /// be sanitized; zero-width graphemes are skipped and a wide grapheme that would
    /// straddle the clip edge becomes a space. Returns the column after the last cell written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard y >= area.y, y < area.maxY else { return x }
        var column = x
        for character in text {
            let w = DisplayWidth.of(character)
            if w == 0 { continue }
            if column >= area.maxX { break }
            if column < area.x { column += w; continue }
            if column + w > area.maxX {
                self[column, y] = Cell(" ", style: style)
                column += 1
                break
            }
            clearWide(at: column, y: y)
            self[column, y] = Cell(character, style: style)
            if w == 2 {
                clearWide(at: column + 1, y: y)
                self[column + 1, y] = Cell(" ", style: style, isContinuation: true)
            }
            column += w
        }
        return column
    }

    /// Overwriting half of a wide grapheme blanks the other half, so no half-character remains.
    private mutating func clearWide(at x: Int, y: Int) {
        let cell = self[x, y]
        if cell.isContinuation, x > 0 {
            self[x - 1, y] = Cell(" ", style: self[x - 1, y].style)
        } else if DisplayWidth.of(cell.character) == 2, x + 1 < width {
            self[x + 1, y] = Cell(" ", style: self[x + 1, y].style)
        }
    }

    @discardableResult
    public mutating func put(_ line: StyledLine, x: Int, y: Int, clip: Rect? = nil) -> Int {
        var column = x
        for span in line.spans { column = put(span.text, x: column, y: y, style: span.style, clip: clip) }
        return column
    }

    public mutating func fill(_ rect: Rect, style: Style = .plain, character: Character = " ") {
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { self[x, y] = Cell(character, style: style) }
        }
    }

    /// Applies a style to cells without changing their text (selection bars, highlights).
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { change(&cells[y * width + x].style) }
        }
    }

    /// The grid as lines of text, trailing spaces kept, for tests and snapshots.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line.append(self[x, y].character) }
            return line
        }
    }

    /// The text with trailing spaces removed from each line, for readable snapshots.
    public var text: String {
        lines.map { line in
            var trimmed = Substring(line)
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }.joined(separator: "\n")
    }
}
