import Foundation
import TimelineKit

/// Reads and validates dataset files in our JSON format: the bundled one, or any file named with `--data`.
public enum DatasetLoader {
    /// Reads and decodes a dataset file; `Timeline`'s loader (ReferenceStore) indexes the result.
    public static func decode(path: String) throws(DatasetLoadError) -> Dataset {
        try decode(bytes: try readFile(path), name: path)
    }

    public static func decode(bytes: [UInt8], name: String) throws(DatasetLoadError) -> Dataset {
        let invalid = UTF8Validation.invalidOffsets(in: bytes)
        if !invalid.isEmpty {
            throw .invalid(diagnostics(invalidUTF8Problems(invalid, bytes: bytes), bytes: bytes, name: name))
        }
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw .invalid(diagnostics([DatasetDecoder.Problem(offset: error.offset, path: "(document)", message: error.message)],
                                       bytes: bytes, name: name))
        }
        var decoder = DatasetDecoder()
        guard let dataset = decoder.decode(root), decoder.problems.isEmpty else {
            throw .invalid(diagnostics(decoder.problems, bytes: bytes, name: name))
        }
        return dataset
    }

    /// A problem for each byte that is not UTF-8, as the loader and the stream both report them.
    static func invalidUTF8Problems(_ offsets: [Int], bytes: some RandomAccessCollection<UInt8>) -> [DatasetDecoder.Problem] {
        offsets.map { offset in
            let byte = bytes[bytes.index(bytes.startIndex, offsetBy: offset)]
            return DatasetDecoder.Problem(offset: offset, path: "(document)",
                                          message: "invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true)); the file must be UTF-8")
        }
    }

    /// Problems as `file:line:column` diagnostics, in file order; lines are counted only here,
    /// when there is something to report.
    static func diagnostics(_ problems: [DatasetDecoder.Problem], bytes: [UInt8], name: String) -> [Diagnostic] {
        let source = SourceText(bytes: bytes)
        return problems.sorted { $0.offset < $1.offset }.map {
            let (line, column) = source.location(of: $0.offset)
            return Diagnostic(file: name, line: line, column: column, path: $0.path, message: $0.message)
        }
    }

    /// The largest dataset read (4 GiB; a million events take about 650 MB): an endless pipe must
    /// end in a message, not an exhausted machine.
    public static let maxFileSize = 4 << 30

    /// The largest regular file streamed through a mapping (`DatasetStream`, import): its pages are
    /// given back as they are parsed, so its size costs address space, not memory; ten million
    /// events take about 6.5 GB. The bound only keeps offsets and sizes far from overflow.
    public static let maxMappedFileSize = 1 << 40

    /// Reads a whole file in chunks, turning every way it can fail into a clear reason. Only
    /// regular files and pipes are read; anything beyond `limit` bytes is refused (exit 65).
    static func readFile(_ path: String, limit: Int = maxFileSize) throws(DatasetLoadError) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == EACCES { throw .unreadable(file: path, reason: "cannot be read (permission denied)") }
            throw .unreadable(file: path, reason: "no such file")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG, S_IFIFO: break
        case S_IFDIR: throw .unreadable(file: path, reason: "is a directory, not a dataset file")
        case S_IFCHR, S_IFBLK: throw .unreadable(file: path, reason: "is a device, not a dataset file")
        default: throw .unreadable(file: path, reason: "is not a regular file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(file: path, reason: "cannot be read (permission denied)")
        }
        defer { try? handle.close() }
        let tooLarge = DatasetLoadError.invalid([Diagnostic(file: path, line: 1, column: 1, path: "(file)",
            message: "is larger than \(limit >> 20 > 0 ? "\(limit >> 20) MiB" : "\(limit) bytes"), the limit for a dataset")])
        if info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) > limit { throw tooLarge }
        var bytes: [UInt8] = []
        do {
            // A pipe has no size to check first: read until its end or one byte past the limit.
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                bytes.append(contentsOf: chunk)
                if bytes.count > limit { throw tooLarge }
            }
        } catch let error as DatasetLoadError {
            throw error
        } catch {
            throw .unreadable(file: path, reason: "cannot be read: \(error.localizedDescription)")
        }
        return bytes
    }
}
