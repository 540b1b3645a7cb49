import ArgumentParser
import DatasetFormats
import Foundation
import NcursesTerminal
import ReferenceStore
import SQLiteStore
import TimelineKit
import TimelineUI

struct BrowseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Browse the timeline full-screen (the default on a terminal).",
        discussion: "When stdin or stdout is not a terminal, plain `bilateral` prints what `bilateral list` prints."
    )

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var filters: FilterOptions

    @Flag(name: .long, help: "No colours (also when NO_COLOR is set); bold, reverse and underline carry the meaning.")
    var noColor = false

    @Flag(name: .long, help: "ASCII borders and marks instead of Unicode box drawing.")
    var ascii = false

    @Flag(name: .long, help: "Leave the mouse to the terminal (no click or wheel handling).")
    var noMouse = false

    /// `bilateral browse` was typed, rather than plain `bilateral`.
    private var invokedByName: Bool { CommandLine.arguments.dropFirst().first == "browse" }

    func run() throws {
        let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        // The browser's first screen does not wait for checks that read the whole store: they run
        // on a worker (`BrowserLoop`). Listing (not a terminal) checks at open as the commands do.
        let store = try dataOptions.openStore(deferringChecks: interactive)
        let query = try filters.query()
        guard interactive else {
            if invokedByName { throw TerminalError.notATerminal }
            try EventListWriter(store: store).write(try store.selection(query), format: .table, width: StdoutText.outputWidth)
            return
        }
        let noColorVariable = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let options = DisplayOptions(color: !noColor && !noColorVariable, ascii: ascii, mouse: !noMouse)
        let terminal = try TerminalSession(options: .init(color: options.color, mouse: options.mouse))
        var displayOptions = options
        if !terminal.unicode { displayOptions.ascii = true }
        var loop = BrowserLoop(terminal: terminal, state: AppState(store: store, width: terminal.width,
                                                                   height: terminal.height, query: query,
                                                                   options: displayOptions))
        let ending = loop.run()
        terminal.stop()
        switch ending {
        case .quit: return
        case .signal(let signal): throw ExitStatus.stopped(bySignal: signal)
        // Reported once the screen is restored: one line naming the file, exit 65.
        case .damagedStore(let error): throw error
        }
    }
}

/// Keys in, actions through `update`, effects out, frames drawn: until quit or a signal. Reads
/// that can take longer than a key (match counts, trends) run on workers; their answers come back
/// as actions.
struct BrowserLoop {
    let terminal: TerminalSession
    var state: AppState
    let opener = URLOpener()
    let counts: BackgroundReader<Int>
    let trends: BackgroundReader<Trend>
    /// The store's deferred checks (`checkDeferred`), started with the session; none (and no
    /// worker connection for them) when the store has nothing deferred.
    let checks: BackgroundReader<Void>?

    init(terminal: TerminalSession, state: AppState) {
        self.terminal = terminal
        self.state = state
        counts = BackgroundReader(store: state.store, label: "counts", answered: terminal.waker)
        trends = BackgroundReader(store: state.store, label: "trends", answered: terminal.waker)
        checks = state.store.hasDeferredChecks ? BackgroundReader(store: state.store, label: "checks", answered: terminal.waker) : nil
    }

    enum Ending {
        case quit
        /// SIGINT, SIGTERM or SIGHUP.
        case signal(Int32)
        /// A read found the store file damaged: the session cannot go on.
        case damagedStore(StoreError)
    }

    mutating func run() -> Ending {
        if let damaged = state.storeFailure as? StoreError { return .damagedStore(damaged) }
        terminal.draw(Renderer.render(state))
        checks?.start(generation: 0) { store in try store.checkDeferred() }
        var lastRetry = Date()
        while true {
            let key = terminal.readKey()
            if let signal = terminal.takeSignal() { return .signal(signal) }
            opener.reapFinishedChildren()
            let (answered, damaged) = collectAnswers()
            if let damaged = damaged ?? state.storeFailure as? StoreError { return .damagedStore(damaged) }
            var effects: [Effect] = []
            if let key, let action = state.action(for: key) {
                effects = state.perform(action)
            } else if state.isWaitingForConnection || state.trendAwaitsConnection, Date().timeIntervalSince(lastRetry) >= 1 {
                // The server may be back: the key (or the trend read) that found it gone is tried
                // again, once a second.
                lastRetry = Date()
                effects = state.retryWaitingAction() + state.retryTrendRead()
            } else {
                if answered { terminal.draw(Renderer.render(state)) }
                continue
            }
            for effect in effects {
                switch effect {
                case .quit: return .quit
                case .openURL(let url): state.update(.showMessage(opener.open(url)))
                case .countMatches(let request):
                    counts.start(generation: request.generation) { store in
                        try store.selection(request.query).matchCount(request.search)
                    }
                case .readTrend(let request):
                    trends.start(generation: request.generation) { store in try store.trend(request.query) }
                }
            }
            counts.cancel(unless: state.countGeneration)
            trends.cancel(unless: state.trendGeneration)
            if let damaged = state.storeFailure as? StoreError { return .damagedStore(damaged) }
            terminal.draw(Renderer.render(state))
        }
    }

    /// Feeds the answers that arrived to the state; true when there were any. A failed count is
    /// dropped (the search itself already showed); a failed trend read is shown in the view, and a
    /// damaged store ends the session as any read's would.
    private mutating func collectAnswers() -> (answered: Bool, damaged: StoreError?) {
        var damaged: StoreError?
        // A deferred check that fails ends the session as a damaged store found by a read would.
        for answer in checks?.takeAnswers() ?? [] {
            if case .failure(let error as StoreError) = answer.answer { damaged = error }
        }
        let countAnswers = counts.takeAnswers(), trendAnswers = trends.takeAnswers()
        for answer in countAnswers {
            guard case .success(let count) = answer.answer else { continue }
            state.update(.matchesCounted(generation: answer.generation, count: count))
        }
        for answer in trendAnswers {
            switch answer.answer {
            case .success(let trend): state.update(.trendRead(generation: answer.generation, answer: .read(trend)))
            case .failure(let error) where StoreConnection.isLost(error):
                state.update(.trendRead(generation: answer.generation, answer: .connectionLost))
            case .failure(let error):
                if let error = error as? StoreError { damaged = error }
                state.update(.trendRead(generation: answer.generation, answer: .failed(String(describing: error))))
            }
        }
        return (!countAnswers.isEmpty || !trendAnswers.isEmpty, damaged)
    }
}
