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

    init(store: any EventStore) {
        worker = try? store.worker()
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
            lock.withLock {
                if let count, running == request.generation { answers.append((request.generation, count)) }
                if running == request.generation { running = nil }
            }
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
