import DatasetFormats
import Foundation

/// A file `convert`, `export` and `trend` write: streamed to a temporary file beside it as it is
/// emitted (`BufferedOutput`, `AtomicFile`), checked, and renamed into place when complete, so a failure never leaves
/// part of a file and never damages the one already there, and a million events written cost a
/// buffer, not their size in memory.
struct OutputFile {
    let path: String

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
    /// A failed write (a full disk, a size limit) throws out of `emit`, so the writer stops there
    /// rather than reading on through the rest of the events.
    func write(validatingDataset dataset: String? = nil, _ write: (_ emit: (String) throws -> Void) throws -> Void) throws {
        let file = try AtomicFile(path: path)
        let output = BufferedOutput(sink: file.write)
        try write(output.emit)
        try output.flush()
        if let dataset {
            do { try DatasetStream.check(path: file.temporary, name: path) } catch let error as DatasetLoadError {
                file.discard()
                throw CommandFailure(.software, report: DiagnosticPrinter.text(error.diagnostics)
                    + "bilateral: internal error: the \(dataset) dataset does not validate; nothing written\n")
            }
        }
        try file.commit()
    }
}
