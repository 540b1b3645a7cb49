import Foundation

/// A file written beside its destination (`PATH.tmp-PID`) and renamed into place when complete,
/// so a failed write (a full disk, a quota, EIO) leaves neither part of a file nor a damaged old
/// one. Every failure is "cannot write PATH: why" with exit 73, the temporary file removed.
final class AtomicFile {
    let path: String
    private let temporary: String
    private var descriptor: Int32 = -1

    init(path: String) throws {
        self.path = path
        temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw CommandFailure.cannotWrite(path, because: Descriptor.reason(errno)) }
    }

    func write(_ text: String) throws {
        guard descriptor >= 0 else { throw CommandFailure.cannotWrite(path) }
        if let code = Descriptor.write(text, to: descriptor) { throw failed(code) }
    }

    func write(_ bytes: [UInt8]) throws {
        guard descriptor >= 0 else { throw CommandFailure.cannotWrite(path) }
        if let code = bytes.withUnsafeBytes({ Descriptor.write($0, to: descriptor) }) { throw failed(code) }
    }

    /// Closes the file (where some file systems report a failed write) and renames it into place.
    func commit() throws {
        guard descriptor >= 0 else { throw CommandFailure.cannotWrite(path) }
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else { throw failed(errno) }
        guard rename(temporary, path) == 0 else { throw failed(errno) }
    }

    private func failed(_ code: Int32) -> CommandFailure {
        discard()
        return CommandFailure.cannotWrite(path, because: Descriptor.reason(code))
    }

    /// Removes the temporary file; the destination is as it was.
    func discard() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporary)
    }

    deinit {
        if descriptor >= 0 { discard() }
    }
}
