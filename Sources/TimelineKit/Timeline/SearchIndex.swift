import Foundation

/// Case- and accent-folded text of every event (title, summary, place, its quotes and
/// their speakers) in one contiguous byte buffer, so a search scans memory without
/// allocating a string per event.
struct SearchIndex: Sendable {
    private let text: [UInt8]
    /// `starts[i]..<starts[i + 1]` is event i's text.
    private let starts: [Int]

    init(dataset: Dataset, quotesByEvent: [[Int32]]) {
        var text: [UInt8] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(dataset.events.count + 1)
        for (index, event) in dataset.events.enumerated() {
            var parts = [event.title, event.summary, event.place?.name ?? ""]
            for quoteIndex in quotesByEvent[index] {
                let quote = dataset.quotes[Int(quoteIndex)]
                parts.append(quote.text)
                parts.append(dataset.people[quote.speaker].name)
            }
            for part in parts where !part.isEmpty {
                text.append(contentsOf: SearchIndex.fold(part))
                text.append(0) // a separator no query contains, so matches never span fields
            }
            starts.append(text.count)
        }
        self.text = text
        self.starts = starts
    }

    /// Lower-cased, accents removed: ASCII takes a fast path.
    static func fold(_ string: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(string.utf8.count)
        for byte in string.utf8 {
            if byte >= 0x80 {
                let folded = string.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
                return Array(folded.utf8)
            }
            bytes.append(byte >= 65 && byte <= 90 ? byte + 32 : byte)
        }
        return bytes
    }

    func eventMatches(_ eventIndex: Int, folded needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        let end = starts[eventIndex + 1]
        let first = needle[0]
        var index = starts[eventIndex]
        let last = end - needle.count
        guard last >= index else { return false }
        return text.withUnsafeBufferPointer { buffer in
            needle.withUnsafeBufferPointer { pattern in
                while index <= last {
                    if buffer[index] == first {
                        var matched = true
                        for offset in 1..<pattern.count where buffer[index + offset] != pattern[offset] {
                            matched = false
                            break
                        }
                        if matched { return true }
                    }
                    index += 1
                }
                return false
            }
        }
    }
}
