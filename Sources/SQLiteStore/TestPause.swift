import Foundation

/// A hook for one test only: when `BILATERAL_TEST_PAUSE_FIFO` names a FIFO, a store write stops at
/// `point()`, halfway through (the temporary store holds its events, the full-text index is being
/// built beside it, the scratch files are guarded), writes "paused\n" into the FIFO and waits for
/// a signal, for ever. The interrupted-import test (Tests/BilateralTests/StoreCommandTests.swift)
/// reads that line and signals the import at exactly that point, with no race against a polling
/// loop. Unset, as it always is outside that test, it costs one environment lookup per write.
enum TestPause {
    static let variable = "BILATERAL_TEST_PAUSE_FIFO"

    static func point() {
        guard let path = ProcessInfo.processInfo.environment[variable] else { return }
        let fifo = open(path, O_WRONLY)
        if fifo >= 0 {
            let line = Array("paused\n".utf8)
            _ = write(fifo, line, line.count)
            close(fifo)
        }
        while true { pause() }
    }
}
