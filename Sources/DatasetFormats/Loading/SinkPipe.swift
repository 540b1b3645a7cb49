import Foundation
import TimelineKit

/// Runs a feed (parsing and decoding the JSON) on a second thread while the calling thread, the
/// database's, writes what it hands on: on two cores decoding and SQLite's inserts overlap.
/// Events travel in small batches through a short queue, so memory stays bounded. Both stores'
/// writers run behind one.
public final class SinkPipe: DatasetSink, @unchecked Sendable {
    private enum Message {
        case begin([Person], [Source])
        case more([Person], [Source])
        case events([Event])
        case finish(String, String, [Quote])
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [Message] = []
    private var producerDone = false
    private var producerError: (any Error)?
    private var consumerGone = false
    // The producer's own.
    private var batch: [Event] = []
    // Each batch handed over may wake the other thread, and wake-ups were a noticeable share of the
    // feed's time with small batches; large ones, a few at most waiting, make them negligible
    // while memory stays bounded.
    private static let batchSize = 2048
    private static let maxQueued = 4

    private struct Stopped: Error {}
    /// Hands the feed to the other thread, which lets go of it before it ends (the feed does not
    /// escape, and `withoutActuallyEscaping` checks that).
    private final class Box<T>: @unchecked Sendable {
        var value: T?
        init(_ value: T) { self.value = value }
    }

    /// Calls `feed` with a sink on another thread and gives `sink` what it receives, in order, on
    /// this one. The feed's error, or the sink's, is thrown here, after the other thread has ended.
    public static func run(feed: (any DatasetSink) throws -> Void, into sink: any DatasetSink) throws {
        let pipe = SinkPipe()
        let ended = DispatchSemaphore(value: 0)
        try withoutActuallyEscaping(feed) { feed in
            let box = Box(feed)
            let thread = Thread {
                do { try box.value?(pipe) } catch { pipe.producerFailed(error) }
                ImportTrace.write(String(format: "reading thread done (thread CPU %.2f s)", ImportTrace.threadCPU()))
                box.value = nil
                pipe.producerFinished()
                ended.signal()
            }
            thread.stackSize = 16 << 20 // the parser may recurse 512 levels deep
            thread.start()
            defer {
                pipe.consumerFinished()
                ended.wait() // the feed must not outlive this call
            }
            try pipe.consume(into: sink)
        }
    }

    // MARK: - Producer (the feed's thread)

    public func begin(people: [Person], sources: [Source]) throws { try send(.begin(people, sources)) }

    public func add(people: [Person], sources: [Source]) throws {
        try flush()
        try send(.more(people, sources))
    }

    public func add(_ event: Event) throws {
        batch.append(event)
        if batch.count >= Self.batchSize { try flush() }
    }

    public func finish(title: String, description: String, quotes: [Quote]) throws {
        try flush()
        try send(.finish(title, description, quotes))
    }

    private func flush() throws {
        guard !batch.isEmpty else { return }
        let events = batch
        batch = []
        try send(.events(events))
    }

    private func send(_ message: Message) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= Self.maxQueued && !consumerGone { condition.wait() }
        if consumerGone { throw Stopped() }
        queue.append(message)
        condition.broadcast()
    }

    private func producerFailed(_ error: any Error) {
        condition.lock()
        producerError = error
        condition.unlock()
    }

    private func producerFinished() {
        condition.lock()
        producerDone = true
        condition.broadcast()
        condition.unlock()
    }

    // MARK: - Consumer (the database's thread)

    private func consume(into sink: any DatasetSink) throws {
        while true {
            condition.lock()
            while queue.isEmpty && !producerDone { condition.wait() }
            if queue.isEmpty {
                let error = producerError
                condition.unlock()
                if let error { throw error }
                return
            }
            let message = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            switch message {
            case .begin(let people, let sources): try sink.begin(people: people, sources: sources)
            case .more(let people, let sources): try sink.add(people: people, sources: sources)
            case .events(let events): for event in events { try sink.add(event) }
            case .finish(let title, let description, let quotes): try sink.finish(title: title, description: description, quotes: quotes)
            }
        }
    }

    private func consumerFinished() {
        condition.lock()
        consumerGone = true
        condition.broadcast()
        condition.unlock()
    }
}
