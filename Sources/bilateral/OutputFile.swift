import DatasetFormats
import Foundation

/// A file `convert` and `export` write whole: collected in memory, checked, written to a temporary
/// file beside it and renamed into place when complete (`AtomicFile`), so a failure never leaves
/// part of a file and never damages the one already there.
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
    /// write must be what we read, so a rejection is a bug of ours (exit 70), not the input's.
    func write(validatingDataset dataset: String? = nil, _ write: (_ emit: (String) -> Void) throws -> Void) throws {
        var bytes: [UInt8] = []
        try write { bytes.append(contentsOf: $0.utf8) }
        if let dataset {
            do { _ = try DatasetLoader.decode(bytes: bytes, name: path) } catch {
                throw CommandFailure(.software, report: DiagnosticPrinter.text(error.diagnostics)
                    + "bilateral: internal error: the \(dataset) dataset does not validate; nothing written\n")
            }
        }
        let file = try AtomicFile(path: path)
        try file.write(bytes)
        try file.commit()
    }
}
