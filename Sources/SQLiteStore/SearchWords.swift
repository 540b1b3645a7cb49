import DatasetFormats
import TimelineKit

/// The folded words the full-text index holds for an event: exactly `SearchText.words`, but the
/// ASCII runs (most text) are lowered and split byte by byte, and only the pieces with other
/// characters go through Foundation's folding, which costs microseconds a call. A folder that is
/// kept (`var folder = SearchWords()`) remembers the pieces it folded: GDELT titles all hold "→",
/// which a large import otherwise folds again and again.
public struct SearchWords {
    private var folded: [[UInt8]: [String]] = [:]
    private static let remembered = 4096

    public init() {}

    /// Appends the folded words of `text` to `out`, each preceded by a space when `out` is not empty.
    public mutating func append(_ text: String, to out: inout [UInt8]) {
        var piece: [UInt8] = []
        var pieceIsASCII = true
        func flush() {
            guard !piece.isEmpty else { return }
            if pieceIsASCII {
                if !out.isEmpty { out.append(32) }
                out.append(contentsOf: piece)
            } else {
                let words: [String]
                if let known = folded[piece] {
                    words = known
                } else {
                    words = SearchText.words(in: String(decoding: piece, as: UTF8.self))
                    if folded.count >= Self.remembered { folded.removeAll(keepingCapacity: true) }
                    folded[piece] = words
                }
                for word in words {
                    if !out.isEmpty { out.append(32) }
                    out.append(contentsOf: word.utf8)
                }
            }
            piece.removeAll(keepingCapacity: true)
            pieceIsASCII = true
        }
        for byte in text.utf8 {
            if let letter = SearchText.asciiWordByte(byte) {
                piece.append(letter)
            } else if byte >= 0x80 {
                piece.append(byte)
                pieceIsASCII = false
            } else {
                flush()
            }
        }
        flush()
    }
}
