import Foundation

/// A value made on another thread while this one goes on, waited for where it is needed: an
/// import's second core is idle once the full-text index is built, while this thread still writes
/// the lists and rollups.
final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
    private var value: Value?
    private let done = DispatchSemaphore(value: 0)

    init(_ make: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            value = make()
            done.signal()
        }
        thread.start()
    }

    /// The value, once made (at once when it already is).
    func wait() -> Value {
        done.wait()
        done.signal()
        return value!
    }
}
