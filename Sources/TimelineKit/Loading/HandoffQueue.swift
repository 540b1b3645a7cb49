import Foundation

/// A short queue between two threads of a pipeline: the producer blocks while it is full, the
/// consumer while it is empty. Either side can stop: the producer by `finish()` (the consumer then
/// drains what is left and sees the end), the consumer by `stop()` (the producer's next `push`
/// throws `HandoffQueue.Stopped`).
final class HandoffQueue<Element: Sendable>: @unchecked Sendable {
    struct Stopped: Error {}

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var items: [Element] = []
    private var head = 0
    private var finished = false
    private var stopped = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func push(_ element: Element) throws {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity && !stopped { condition.wait() }
        if stopped { throw Stopped() }
        items.append(element)
        condition.broadcast()
    }

    /// The next element, or nil once the producer has finished and everything was taken.
    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !finished && !stopped { condition.wait() }
        guard head < items.count, !stopped else { return nil }
        let element = items[head]
        head += 1
        if head == items.count { items.removeAll(keepingCapacity: true); head = 0 }
        condition.broadcast()
        return element
    }

    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
