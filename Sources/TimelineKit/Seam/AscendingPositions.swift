/// The search both stores do in a selection's ascending positions: shared by the stores within the
/// package (`package`), not part of the seam's public API.
package enum AscendingPositions {
    /// The index of the first position at or after `position` (binary search), nil past the end.
    package static func firstIndex(in positions: [Int32], atOrAfter position: Int) -> Int? {
        var low = 0, high = positions.count
        while low < high {
            let mid = (low + high) / 2
            if Int(positions[mid]) < position { low = mid + 1 } else { high = mid }
        }
        return low < positions.count ? low : nil
    }
}
