import TimelineKit

/// Why a PostgreSQL dataset could not be opened, read or written: one line naming the server (never
/// the password) and what is wrong, and the exit status (`ExitStatus` in bilateral maps it):
/// 69 when the server or what is asked of it is not available (unreachable, authentication, TLS,
/// a database or dataset that does not exist, a timeout), 65 when what is there is not a usable
/// dataset (another application's schema, a newer store version, damaged rows), 64 for an address
/// that cannot be used, 70 for a bug of ours.
public struct PostgresStoreError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var exitCode: Int32
    public var reason: Reason

    /// What a caller may do about it besides reporting it.
    public enum Reason: Sendable, Equatable {
        /// The server cannot be reached or closed the connection: a reader's next statement tries again.
        case connectionLost
        /// The publication a reader held is gone (replaced while its connection was lost): open the dataset again.
        case datasetReplaced
        case other
    }

    public init(message: String, exitCode: Int32, reason: Reason = .other) {
        self.message = message
        self.exitCode = exitCode
        self.reason = reason
    }

    public var description: String { message }

    static func address(_ what: String) -> PostgresStoreError { PostgresStoreError(message: what, exitCode: 64) }
    static func unavailable(_ what: String) -> PostgresStoreError { PostgresStoreError(message: what, exitCode: 69) }
    static func bad(_ what: String) -> PostgresStoreError { PostgresStoreError(message: what, exitCode: 65) }

    /// The query was stopped by `interrupt()` (the caller asked for it; nothing is wrong).
    public var isInterruption: Bool { exitCode == 130 }
}

extension PostgresStoreError: StoreConnectionError {
    public var isConnectionLost: Bool { reason == .connectionLost }
}
