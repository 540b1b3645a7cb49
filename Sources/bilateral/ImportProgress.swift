import Foundation

/// A progress bar on stderr while a store is written: events written, rate and time left.
/// Only on a terminal (nothing when stderr is piped), and at most ten redraws a second.
final class ImportProgress: @unchecked Sendable {
    private let name: String
    private let enabled = isatty(STDERR_FILENO) == 1
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(name: String) { self.name = name }

    func update(written: Int, total: Int) {
        guard enabled, written == total || Date().timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = Date()
        let elapsed = max(0.001, lastDraw.timeIntervalSince(start))
        let rate = Double(written) / elapsed
        let fraction = total > 0 ? Double(written) / Double(total) : 1
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let left = rate > 0 ? Int(Double(total - written) / rate) : 0
        let text = "\r\u{1B}[2Kimporting \(StdoutText.line((name as NSString).lastPathComponent)) \(bar) "
            + "\(written.formatted()) / \(total.formatted()) events · \(Int(rate).formatted())/s · ETA \(left) s"
        StandardError.write(text)
        drawn = true
    }

    /// Clears the bar, so what follows starts on a clean line.
    func finish() {
        guard drawn else { return }
        StandardError.write("\r\u{1B}[2K")
        drawn = false
    }
}
