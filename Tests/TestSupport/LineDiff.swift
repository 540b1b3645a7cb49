/// The lines where two texts differ, for a failure message that shows what changed rather than
/// a whole screen: each differing line as `-expected` / `+actual`, with its line number.
public enum LineDiff {
    /// nil when the texts are equal.
    public static func difference(expected: String, actual: String, limit: Int = 20) -> String? {
        guard expected != actual else { return nil }
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        var differing = 0
        for index in 0..<max(old.count, new.count) {
            let a = index < old.count ? old[index] : nil, b = index < new.count ? new[index] : nil
            guard a != b else { continue }
            differing += 1
            guard differing <= limit else { continue }
            out.append("line \(index + 1):")
            if let a { out.append("-\(a)") } else { out.append("-(no line)") }
            if let b { out.append("+\(b)") } else { out.append("+(no line)") }
        }
        if differing > limit { out.append("… and \(differing - limit) more differing lines") }
        return out.joined(separator: "\n")
    }
}
