import TerminalText

/// Country-pair labels for rows and panes, each pair written the way the dataset first
/// presents it (the store keeps that label), so a pair reads the same in every row.
public enum PairBadges {
    /// "RUS–PAK  RUS–USA".
    public static func full(_ labels: [String]) -> String {
        labels.joined(separator: "  ")
    }

    /// The first pair, then "+N" for the rest when all would not fit in `width`.
    public static func compact(_ labels: [String], width: Int) -> String {
        let all = labels.joined(separator: " ")
        if DisplayWidth.of(all) <= width || labels.count < 2 { return all }
        return labels[0] + " +\(labels.count - 1)"
    }
}
