/// Levenshtein distance, for "did you mean" suggestions over short names and ids.
public enum EditDistance {
    public static func levenshtein(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
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

    /// The candidate nearest to `text`, if it is near enough to be a plausible typo.
    public static func closest<S: Sequence>(to text: String, in candidates: S) -> String? where S.Element == String {
        var best: (String, Int)?
        for candidate in candidates {
            let distance = levenshtein(text.lowercased(), candidate.lowercased())
            if best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        guard let best, best.1 <= max(2, text.count / 3) else { return nil }
        return best.0
    }
}
