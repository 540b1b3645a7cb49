/// An error of a store that reaches its data over a connection (a database server): whether it
/// says the connection is lost for now. The same call may succeed later, so the browser waits and
/// tries again ("connection lost, retrying…") instead of reporting a failure.
public protocol StoreConnectionError: Error {
    var isConnectionLost: Bool { get }
}

public enum StoreConnection {
    /// Whether `error` is a store's lost connection.
    public static func isLost(_ error: any Error) -> Bool {
        (error as? any StoreConnectionError)?.isConnectionLost == true
    }
}
