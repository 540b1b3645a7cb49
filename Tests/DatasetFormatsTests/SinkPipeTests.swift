@testable import DatasetFormats
import Foundation
import ReferenceStore
import Testing
import TimelineKit

/// The feed runs on another thread; whichever side fails, its error comes out and both sides stop.
@Suite struct SinkPipeTests {
    struct Failure: Error, Equatable { var side: String }

    final class Counter: DatasetSink, @unchecked Sendable {
        var events: [String] = []
        var calls: [String] = []
        let failAt: Int?
        init(failAt: Int? = nil) { self.failAt = failAt }
        func begin(people: [Person], sources: [Source]) throws { calls.append("begin") }
        func add(people: [Person], sources: [Source]) throws { calls.append("more \(people.count) \(sources.count) after \(events.count)") }
        func add(_ event: Event) throws {
            if events.count == failAt { throw Failure(side: "sink") }
            events.append(event.id)
        }
        func finish(title: String, description: String, quotes: [Quote]) throws { calls.append("finish \(title)") }
    }

    static func event(_ index: Int) throws -> Event {
        Event(id: "e\(index)", date: try EDTFDate(parsing: "2017-02-03"), title: "T", summary: "", participants: .none,
              kind: "visit", status: .occurred, tags: [], sources: [], people: [], notes: [])
    }

    @Test func everythingArrivesInOrder() throws {
        let sink = Counter()
        try SinkPipe.run(feed: { pipe in
            try pipe.begin(people: [], sources: [])
            for index in 0..<3_000 { try pipe.add(try Self.event(index)) }
            // Sources named after the events that cite them arrive after those events, not before.
            try pipe.add(people: [Person(id: "p", name: "P")], sources: [Source(id: "a", publisher: "A"), Source(id: "b", publisher: "B")])
            for index in 3_000..<5_000 { try pipe.add(try Self.event(index)) }
            try pipe.finish(title: "done", description: "", quotes: [])
        }, into: sink)
        #expect(sink.events == (0..<5_000).map { "e\($0)" })
        #expect(sink.calls == ["begin", "more 1 2 after 3000", "finish done"])
    }

    @Test func theSinksErrorStopsTheFeed() throws {
        let sink = Counter(failAt: 300)
        nonisolated(unsafe) var feedStopped = false
        #expect(throws: Failure(side: "sink")) {
            try SinkPipe.run(feed: { pipe in
                do {
                    try pipe.begin(people: [], sources: [])
                    for index in 0..<1_000_000 { try pipe.add(try Self.event(index)) }
                } catch {
                    feedStopped = true
                    throw error
                }
            }, into: sink)
        }
        #expect(feedStopped)
        #expect(sink.events.count == 300)
    }

    @Test func theFeedsErrorComesOut() throws {
        let sink = Counter()
        #expect(throws: Failure(side: "feed")) {
            try SinkPipe.run(feed: { pipe in
                try pipe.begin(people: [], sources: [])
                for index in 0..<1_000 { try pipe.add(try Self.event(index)) }
                throw Failure(side: "feed")
            }, into: sink)
        }
        #expect(sink.calls == ["begin"])
    }
}
