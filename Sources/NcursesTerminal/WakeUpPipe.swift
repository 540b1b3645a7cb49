import Foundation

/// Lets another thread end the loop's wait for a key at once: a count or a page read on a worker
/// writes a byte here when its answer is ready, so the answer is drawn now instead of at the next
/// poll timeout. A pipe because `poll` waits on it beside the terminal, and `write` is safe from
/// any thread (Foundation's run loops are not used by the curses loop).
final class WakeUpPipe: @unchecked Sendable {
    let readEnd: Int32
    private let writeEnd: Int32

    init?() {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// From any thread. A full pipe already holds a wake-up, so a failed write loses nothing.
    func signal() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Empties the pipe: one wake-up answers every signal sent before it.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readEnd, &buffer, buffer.count) > 0 {}
    }
}
