/// The folded words the full-text index holds for an event: exactly `SearchText.words`, but the
/// ASCII runs (most text) are lowered and split byte by byte, and only the pieces with other
/// characters go through Foundation's folding, which costs microseconds a call.
public enum SearchWords {
    /// Appends the folded words of `text` to `out`, each preceded by a space when `out` is not empty.
    public static func append(_ text: String, to out: inout [UInt8]) {
        var piece: [UInt8] = []
        var pieceIsASCII = true
        func flush() {
            guard !piece.isEmpty else { return }
            if pieceIsASCII {
                if !out.isEmpty { out.append(32) }
                out.append(contentsOf: piece)
            } else {
                for word in SearchText.words(in: String(decoding: piece, as: UTF8.self)) {
                    if !out.isEmpty { out.append(32) }
                    out.append(contentsOf: word.utf8)
                }
            }
            piece.removeAll(keepingCapacity: true)
            pieceIsASCII = true
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): piece.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): piece.append(byte + 32)
            case 0x80...: piece.append(byte); pieceIsASCII = false
            default: flush()
            }
        }
        flush()
    }

    public static func words(in text: String) -> String {
        var out: [UInt8] = []
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
