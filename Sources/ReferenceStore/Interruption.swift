import Foundation
import TimelineKit

/// `interrupt()` for a store that answers from memory: a call notes the generation when it starts
/// and checks it now and then as it scans; an interrupt bumps the generation, so the call in
/// progress throws `StoreInterrupted`, and a call that starts later is not affected (as with
/// `sqlite3_interrupt`, which stops only the statements running).
final class Interruption: @unchecked Sendable {
    private let lock = NSLock()
    private var generation = 0

    func begin() -> Int { lock.withLock { generation } }

    func interrupt() { lock.withLock { generation += 1 } }

    func check(_ started: Int) throws {
        if lock.withLock({ generation != started }) { throw StoreInterrupted() }
    }
}
