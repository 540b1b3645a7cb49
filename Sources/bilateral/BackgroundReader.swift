import Foundation
import TimelineKit

/// Runs one kind of the browser's reads that can take longer than a key (match counts, trends) on a
/// worker connection on another thread, one at a time: a newer request interrupts the one in
/// progress, and the loop collects answers between keys.
final class BackgroundReader<Answer: Sendable>: @unchecked Sendable {
    typealias Read = @Sendable (any EventStore) throws -> Answer

    private let worker: (any EventStore)?
    private let store: any EventStore
    private let queue: DispatchQueue
    private let lock = NSLock()
    private var running: Int?
    private var answers: [(generation: Int, answer: Result<Answer, any Error>)] = []
    /// Wakes the loop's wait for a key, so an answer is drawn as soon as it is ready.
    private let answered: @Sendable () -> Void

    init(store: any EventStore, label: String, answered: @escaping @Sendable () -> Void) {
        self.store = store
        worker = try? store.worker()
        queue = DispatchQueue(label: "bilateral." + label)
        self.answered = answered
    }

    /// Starts a read, stopping any older one. Without a worker connection the read runs here, on
    /// the input path, rather than never.
    func start(generation: Int, _ read: @escaping Read) {
        guard let worker else {
            let answer = Result { try read(store) }
            lock.withLock { answers.append((generation, answer)) }
            return
        }
        lock.withLock { running = generation }
        worker.interrupt()
        queue.async { [self] in
            // Skipped when a newer request came while this one waited.
            guard lock.withLock({ running == generation }) else { return }
            let answer = Result { try read(worker) }
            let delivered = lock.withLock { () -> Bool in
                defer { if running == generation { running = nil } }
                // An interrupted read is for a question no longer asked.
                guard running == generation else { return false }
                answers.append((generation, answer))
                return true
            }
            if delivered { answered() }
        }
    }

    /// Stops the read in progress when the question it answers has changed.
    func cancel(unless generation: Int) {
        let stale = lock.withLock { () -> Bool in
            guard let current = running, current != generation else { return false }
            running = nil
            return true
        }
        if stale { worker?.interrupt() }
    }

    /// Answers that arrived since the last call.
    func takeAnswers() -> [(generation: Int, answer: Result<Answer, any Error>)] {
        lock.withLock {
            defer { answers.removeAll() }
            return answers
        }
    }
}
