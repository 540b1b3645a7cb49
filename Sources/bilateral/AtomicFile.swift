import Foundation
import SQLiteStore

/// A file written beside its destination (`PATH.tmp-PID`) and renamed into place when complete,
/// so a failed write (a full disk, a quota, EIO) leaves neither part of a file nor a damaged old
/// one. Every failure is "cannot write PATH: why" with exit 73, the temporary file removed, also
/// when SIGINT, SIGTERM or SIGHUP stops the process (`ScratchFiles`). A symlink given as the path
/// is followed: its target is replaced, keeping its permissions, and the link stays.
final class AtomicFile {
    let path: String
    /// Where the bytes are until `commit`: a check of what was written reads them here.
    let temporary: String
    private var descriptor: Int32 = -1
    private var guarded: Int32 = -1

    init(path given: String) throws {
        // Replace what a symlink points at, not the link (a dotfile kept in a repository, say).
        path = (try? FileManager.default.destinationOfSymbolicLink(atPath: given)).map { target in
            target.hasPrefix("/") ? target : ((given as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
        } ?? given
        temporary = path + ".tmp-\(getpid())"
        guarded = ScratchFiles.guard([temporary])
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            let reason = Descriptor.reason(errno)
            ScratchFiles.release(guarded)
            throw CommandFailure.cannotWrite(given, because: reason)
        }
        // An existing file keeps its permissions (a private 0600 file stays private).
        var existing = stat()
        if stat(path, &existing) == 0 { fchmod(descriptor, existing.st_mode & 0o7777) }
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
        // On disk before the rename, so a crash after it never leaves an empty file in place.
        guard fsync(descriptor) == 0 || errno == EINVAL else { throw failed(errno) }
        let closed = close(descriptor)
        descriptor = -1
        guard closed == 0 else { throw failed(errno) }
        guard rename(temporary, path) == 0 else { throw failed(errno) }
        ScratchFiles.release(guarded)
        guarded = -1
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
        if guarded >= 0 { ScratchFiles.release(guarded) }
        guarded = -1
    }

    deinit {
        if descriptor >= 0 { discard() }
    }
}
