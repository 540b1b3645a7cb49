import Foundation
import TimelineKit

/// An import's phases on standard error when `BILATERAL_TRACE` is set: how long each took, and
/// the CPU time of the thread that ran it. For benchmarks (BENCHMARKS.md); silent otherwise.
public enum ImportTrace {
    public static let enabled = ProcessInfo.processInfo.environment["BILATERAL_TRACE"] != nil

    /// Marks the end of phases on one thread: each line has the wall time since the last mark.
    public final class Clock: @unchecked Sendable {
        private var last = Date()

        public init() {}

        public func mark(_ phase: String) {
            guard ImportTrace.enabled else { return }
            let now = Date()
            ImportTrace.write(String(format: "%@: %.2f s (thread CPU %.2f s)", phase, now.timeIntervalSince(last), threadCPU()))
            last = now
        }
    }

    public static func threadCPU() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    public static func write(_ line: String) {
        guard enabled else { return }
        // A diagnostic aid: a failed write to stderr is dropped, never a trap.
        try? FileHandle.standardError.write(contentsOf: Data(("trace: " + line + "\n").utf8))
    }
}
