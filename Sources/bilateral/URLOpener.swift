import Foundation
import TerminalText

/// Opens a URL with $BROWSER or xdg-open, started with posix_spawn and an argument list
/// (never a shell), detached from the terminal. Says what it did, for the footer.
struct URLOpener {
    func open(_ url: String) -> String {
        let shown = Sanitizer.line(url)
        guard let command = browserCommand(for: url) else { return "no $BROWSER or xdg-open: \(shown)" }
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { environment.forEach { free($0) } }
        let status = posix_spawnp(&pid, command[0], &actions, nil, argv, environment)
        return status == 0 ? "opened \(shown)" : "could not start \(Sanitizer.line(command[0])): \(shown)"
    }

    /// $BROWSER's first entry (with %s replaced, or the URL appended), else xdg-open if installed.
    private func browserCommand(for url: String) -> [String]? {
        if let browser = ProcessInfo.processInfo.environment["BROWSER"]?.split(separator: ":").first {
            var words = browser.split(separator: " ").map(String.init)
            guard !words.isEmpty else { return nil }
            if words.contains(where: { $0.contains("%s") }) {
                words = words.map { $0.replacingOccurrences(of: "%s", with: url) }
            } else {
                words.append(url)
            }
            return words
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/xdg-open") {
            return ["\(directory)/xdg-open", url]
        }
        return nil
    }

    /// Collects finished browser processes so none lingers as a zombie.
    func reapFinishedChildren() {
        while waitpid(-1, nil, WNOHANG) > 0 {}
    }
}
