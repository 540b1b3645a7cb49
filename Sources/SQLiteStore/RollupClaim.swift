import Foundation

/// Which of an import's two threads writes the trend rollups. Their tallies are complete once the
/// side thread's pass over the events is over; after it, that thread still finishes the bitmaps
/// and the index, and the store's thread may be done with its own rows before or after. Whichever
/// is free first writes them (the store's thread into the store; the side thread into its file,
/// copied with the index), so neither sits idle while the other has them still to write: on one
/// shape of data one thread finished first, on another the other (BENCHMARKS.md, issue 13).
final class RollupClaim: @unchecked Sendable {
    enum Writer: Sendable { case store, side }

    private let lock = NSLock()
    private let passSignal = DispatchSemaphore(value: 0)
    private var passOver = false
    private var sideStopped = false
    private var storeWaiting = false
    private var writer: Writer?
    /// Set by tests, to write each way whatever the timing.
    private let forced: Writer?

    init(forced: Writer? = nil) {
        self.forced = forced
    }

    /// From the side thread: the tallies are complete.
    func passIsOver() { tell { passOver = true } }

    /// From the side thread as it ends, whether or not its pass was over (it may have failed).
    func sideEnded() { tell { sideStopped = true } }

    private func tell(_ change: () -> Void) {
        lock.lock()
        change()
        let wake = storeWaiting
        storeWaiting = false
        lock.unlock()
        if wake { passSignal.signal() }
    }

    /// From the store's thread when its own work failed: nobody writes them.
    func giveUp() {
        lock.lock()
        if writer == nil { writer = .store }
        lock.unlock()
    }

    /// Whether `thread`, its own work done, writes the rollups: the first to ask does. The side
    /// thread asks once its bitmaps and index are done too; the store's thread, having claimed
    /// them, waits for the pass to be over, and is told no if the side thread stopped before it
    /// was (its error is thrown).
    func claim(_ thread: Writer) -> Bool {
        lock.lock()
        if writer == nil, forced == nil || forced == thread { writer = thread }
        guard writer == thread else {
            lock.unlock()
            return false
        }
        if thread == .side || passOver {
            lock.unlock()
            return true
        }
        if sideStopped {
            lock.unlock()
            return false
        }
        storeWaiting = true
        lock.unlock()
        passSignal.wait()
        lock.lock()
        defer { lock.unlock() }
        return passOver
    }
}
