import TimelineKit

/// A store whose server cannot be reached for now (`StoreConnectionError`): the browser keeps the
/// screen it had, says so on one line, and tries the key again until the server answers.
extension AppState {
    /// The footer's line while the connection is lost.
    public static let connectionLostMessage = "connection lost, retrying…"

    /// Whether a key waits for the store's connection to come back (`retryWaitingAction`).
    public var isWaitingForConnection: Bool { waitingAction != nil }

    /// Carries out `action` as `update` does, unless the store's connection is lost on the way:
    /// then the state goes back to what it was before the key (never a screen half read), the
    /// footer says `connectionLostMessage`, and the action waits to be tried again by
    /// `retryWaitingAction`. While one waits, other keys that need data are dropped; quitting,
    /// resizing and the help work.
    public mutating func perform(_ action: Action) -> [Effect] {
        if isWaitingForConnection {
            switch action {
            case .quit, .interrupt: return update(action)
            case .resize, .toggleHelp, .matchesCounted, .trendRead, .showMessage: break
            default:
                message = Self.connectionLostMessage
                return []
            }
        }
        return guarded(action)
    }

    /// Tries the waiting action again (the loop calls it every second or so while one waits):
    /// when the server answers, the key takes effect and browsing goes on.
    public mutating func retryWaitingAction() -> [Effect] {
        guard let action = waitingAction else { return [] }
        waitingAction = nil
        return guarded(action)
    }

    private mutating func guarded(_ action: Action) -> [Effect] {
        let before = self
        connectionLost = false
        let effects = update(action)
        guard connectionLost else { return effects }
        if case .resize = action {
            // The terminal has its new size whatever the server does: keep it (the ruler's counts
            // come back with the next filter), and wait only if a key already waits.
            waitingAction = before.waitingAction ?? action
        } else {
            self = before
            waitingAction = before.waitingAction ?? action
        }
        connectionLost = false
        message = Self.connectionLostMessage
        return []
    }
}
