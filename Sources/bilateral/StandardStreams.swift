import Foundation

/// Every byte `bilateral` writes goes through `write(2)` here, never through Foundation's
/// file-handle writing that traps when a write fails. A failure comes back as the `errno` it set.
enum Descriptor {
    /// Writes all of `bytes` to `descriptor`, retrying short writes and interruptions; nil when
    /// all were written, else the `errno` of the write that failed.
    static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        guard var next = bytes.baseAddress else { return nil }
        var left = bytes.count
        while left > 0 {
            let written = Foundation.write(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            next += written
            left -= written
        }
        return nil
    }

    static func write(_ text: String, to descriptor: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { write(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    /// What `strerror` says about an `errno`: "No space left on device".
    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// Writes text to stdout in one piece, or throws what ends the command:
/// - a reader gone with SIGPIPE ignored (`EPIPE`, `| head` in a shell that ignores the signal):
///   nothing printed and status 141, what the shell reports when SIGPIPE ends a process (with the
///   signal at its default, the kernel ends the process before a write could fail);
/// - any other failure (a full disk, `/dev/full`, EIO): one line and status 74 (EX_IOERR).
enum StandardOutput {
    static func write(_ text: String) throws {
        if let code = Descriptor.write(text, to: STDOUT_FILENO) { throw failure(code) }
    }

    static func write(_ bytes: [UInt8]) throws {
        if let code = bytes.withUnsafeBytes({ Descriptor.write($0, to: STDOUT_FILENO) }) { throw failure(code) }
    }

    static func failure(_ code: Int32) -> CommandFailure {
        if code == EPIPE { return CommandFailure(.brokenPipe, report: "") }
        return CommandFailure(.ioError, message: "cannot write to standard output: \(Descriptor.reason(code))")
    }
}

/// Messages to stderr. A failed write to stderr is dropped: there is nowhere left to report it,
/// and a message that cannot be shown does not change what the command did (or its status).
enum StandardError {
    static func write(_ text: String) {
        _ = Descriptor.write(text, to: STDERR_FILENO)
    }
}
