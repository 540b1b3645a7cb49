/// Levenshtein distance, for "did you mean" suggestions over short names and ids.
public enum EditDistance {
    public static func levenshtein(_ a: String, _ b: String) -> Int {
        levenshtein(Array(a.unicodeScalars), Array(b.unicodeScalars))
    }

    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate nearest to `text` within `limit` edits (by default a third of its
    /// length, at least 2), if any. The distance is at least the difference in lengths, so
    /// candidates whose length alone rules them out are never compared: a million-character
    /// name costs one length check per candidate.
    public static func closest<S: Sequence>(to text: String, in candidates: S, limit: Int? = nil) -> String? where S.Element == String {
        closest(to: text, in: candidates, limit: limit) { $0 }
    }

    /// The element whose name is nearest, as `closest(to:in:limit:)`; the first one on a tie.
    public static func closest<S: Sequence>(to text: String, in candidates: S, limit: Int? = nil,
                                            name: (S.Element) -> String) -> S.Element? {
        let target = Array(text.lowercased().unicodeScalars)
        // Anything short is "near" an empty name; guessing would be noise.
        guard !target.isEmpty else { return nil }
        var bound = limit ?? max(2, target.count / 3)
        var best: S.Element?
        for candidate in candidates {
            let candidateName = name(candidate)
            guard abs(candidateName.unicodeScalars.count - target.count) <= bound else { continue }
            let distance = levenshtein(target, Array(candidateName.lowercased().unicodeScalars))
            if distance < bound || (best == nil && distance == bound) {
                best = candidate
                bound = distance
            }
        }
        return best
    }
}
