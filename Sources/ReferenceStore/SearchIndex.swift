import DatasetFormats
import Foundation
import TimelineKit

/// The folded words of every event (title, summary, place, actors, its quotes and their speakers) in
/// one contiguous byte buffer, each word preceded by a space, so a search scans memory without
/// allocating a string per event. Matching follows `SearchText`: each query word must begin
/// some word of the event.
struct SearchIndex: Sendable {
    private let text: [UInt8]
    /// `starts[i]..<starts[i + 1]` is event i's text.
    private let starts: [Int]

    init(dataset: Dataset, quotesByEvent: [[Int32]]) {
        var text: [UInt8] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(dataset.events.count + 1)
        for (index, event) in dataset.events.enumerated() {
            var parts = [event.title, event.summary, event.place?.name ?? ""] + event.actors.map(\.name)
            for quoteIndex in quotesByEvent[index] {
                let quote = dataset.quotes[Int(quoteIndex)]
                parts.append(quote.text)
                parts.append(dataset.people[quote.speaker].name)
            }
            for part in parts where !part.isEmpty {
                for word in SearchText.words(in: part) {
                    text.append(32)
                    text.append(contentsOf: word.utf8)
                }
            }
            starts.append(text.count)
        }
        self.text = text
        self.starts = starts
    }

    func eventMatches(_ eventIndex: Int, search: SearchText) -> Bool {
        search.words.allSatisfy { eventHasWord(eventIndex, startingWith: Array($0.utf8)) }
    }

    /// Whether " " + prefix occurs in the event's text: a word that begins with `prefix`.
    private func eventHasWord(_ eventIndex: Int, startingWith prefix: [UInt8]) -> Bool {
        let needle = [32] + prefix
        let end = starts[eventIndex + 1]
        var index = starts[eventIndex]
        let last = end - needle.count
        guard last >= index else { return false }
        return text.withUnsafeBufferPointer { buffer in
            needle.withUnsafeBufferPointer { pattern in
                while index <= last {
                    if buffer[index] == 32 {
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

/// A search index made once, when first asked for, from any thread.
final class LazySearchIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var built: SearchIndex?
    private let dataset: Dataset
    private let quotesByEvent: [[Int32]]

    init(dataset: Dataset, quotesByEvent: [[Int32]]) {
        self.dataset = dataset
        self.quotesByEvent = quotesByEvent
    }

    var value: SearchIndex {
        lock.withLock {
            if let built { return built }
            let index = SearchIndex(dataset: dataset, quotesByEvent: quotesByEvent)
            built = index
            return index
        }
    }
}
