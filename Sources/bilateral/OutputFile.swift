import DatasetFormats
import Foundation

/// A file `convert`, `export` and `trend` write: streamed to a temporary file beside it as it is
/// emitted (`AtomicFile`), checked, and renamed into place when complete, so a failure never leaves
/// part of a file and never damages the one already there, and a million events written cost a
/// buffer, not their size in memory.
struct OutputFile {
    let path: String

    /// What is emitted is gathered up to this many bytes before each write(2): fewer system calls
    /// than a write per record, and memory that does not grow with the file.
    static let bufferSize = 1 << 20

    /// Refuses (exit 64) a path that is one of `inputs` or is not a regular file (`OutputPath`):
    /// before anything is read, so a refusal costs nothing.
    init(path: String, inputs: [String]) throws {
        try OutputPath.check(path, inputs: inputs)
        self.path = path
    }

    /// Writes what `write` emits. With `dataset` (how the message names it: "converted",
    /// "exported"), the bytes are our JSON format and must pass our own loader first: what we
    /// write must be what we read, so a rejection is a bug of ours (exit 70), not the input's. The
    /// check streams the written file back (`DatasetStream`), as `import` would read it.
    func write(validatingDataset dataset: String? = nil, _ write: (_ emit: (String) -> Void) throws -> Void) throws {
        let file = try AtomicFile(path: path)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(Self.bufferSize)
        var failure: (any Error)?
        try write { text in
            // `emit` cannot throw (every writer's records go through it); the first failed write is
            // kept, the rest skipped, and thrown once the writer returns.
            guard failure == nil else { return }
            buffer.append(contentsOf: text.utf8)
            guard buffer.count >= Self.bufferSize else { return }
            do { try file.write(buffer) } catch { failure = error }
            buffer.removeAll(keepingCapacity: true)
        }
        if let failure { throw failure }
        try file.write(buffer)
        buffer = []
        if let dataset {
            do { try DatasetStream.check(path: file.temporaryPath, name: path) } catch let error as DatasetLoadError {
                file.discard()
                throw CommandFailure(.software, report: DiagnosticPrinter.text(error.diagnostics)
                    + "bilateral: internal error: the \(dataset) dataset does not validate; nothing written\n")
            }
        }
        try file.commit()
    }
}
