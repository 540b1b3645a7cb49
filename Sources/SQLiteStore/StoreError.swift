import Foundation

/// Why a store could not be opened or written: one line naming the file, and the exit status
/// (65 for a file that is not a usable store, 66 when it cannot be read at all, 70 and 73 when a
/// write fails).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var exitCode: Int32

    public init(message: String, exitCode: Int32 = 65) {
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String { message }

    static func bad(_ path: String, _ what: String) -> StoreError {
        StoreError(message: "\(path): \(what)", exitCode: 65)
    }
}
