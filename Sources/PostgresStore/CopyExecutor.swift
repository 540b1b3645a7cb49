import Foundation

/// A thread of its own on which the async COPY runs (`PostgresSession.copy`).
///
/// Why: postgres-nio's COPY is `async` only, and the seam's callers are synchronous and wait for
/// it. Waiting on a plain `Task` deadlocks when the callers themselves hold the cooperative
/// pool's threads (swift-testing runs tests there; on 2 cores two blocked tests are the whole
/// pool and the task never starts). A task that prefers this executor runs its jobs here, never
/// on the pool, so a caller on any thread can block until it ends.
final class CopyExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = CopyExecutor()

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    private init() {
        let thread = Thread { [unowned self] in self.run() }
        thread.name = "bilateral.postgres.copy"
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.withLock {
            jobs.append(unowned)
            condition.signal()
        }
    }

    private func run() {
        while true {
            let job = condition.withLock { () -> UnownedJob in
                while jobs.isEmpty { condition.wait() }
                return jobs.removeFirst()
            }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
