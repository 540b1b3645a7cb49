import DatasetFormats
import Foundation
import ReferenceStore
import TimelineKit
import TimelineUI

/// Runs the browser's counts on a worker connection on another thread, one at a time: a newer
/// request interrupts the one in progress, and the loop collects answers between keys.
final class BackgroundCounter: @unchecked Sendable {
    private let worker: (any EventStore)?
    private let queue = DispatchQueue(label: "bilateral.counts")
    private let lock = NSLock()
    private var running: Int?
    private var answers: [(generation: Int, count: Int)] = []
    /// Wakes the loop's wait for a key, so an answer is drawn as soon as it is ready.
    private let answered: @Sendable () -> Void

    init(store: any EventStore, answered: @escaping @Sendable () -> Void) {
        worker = try? store.worker()
        self.answered = answered
    }

    /// Starts a count, stopping any older one.
    func start(_ request: CountRequest) {
        guard let worker else { return }
        lock.withLock { running = request.generation }
        worker.interrupt()
        queue.async { [self] in
            // Skipped when a newer request came while this one waited.
            guard lock.withLock({ running == request.generation }) else { return }
            let count = try? worker.selection(request.query).matchCount(request.search)
            let delivered = lock.withLock { () -> Bool in
                defer { if running == request.generation { running = nil } }
                guard let count, running == request.generation else { return false }
                answers.append((request.generation, count))
                return true
            }
            if delivered { answered() }
        }
    }

    /// Stops the count in progress when the question it answers has changed.
    func cancel(unless generation: Int) {
        let stale = lock.withLock { () -> Bool in
            guard let current = running, current != generation else { return false }
            running = nil
            return true
        }
        if stale { worker?.interrupt() }
    }

    /// Answers that arrived since the last call.
    func takeAnswers() -> [(generation: Int, count: Int)] {
        lock.withLock {
            defer { answers.removeAll() }
            return answers
        }
    }
}
