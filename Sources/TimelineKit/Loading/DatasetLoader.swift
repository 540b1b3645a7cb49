import Foundation

/// Reads and validates dataset files: the bundled one, or any file named with `--data`.
public enum DatasetLoader {
    /// The name used in messages about the dataset built into the binary.
    public static let bundledName = "<bundled timeline.json>"

    public static func loadBundled() throws(DatasetLoadError) -> Timeline {
        try load(bytes: BundledDataset.bytes, name: bundledName)
    }

    public static func load(path: String) throws(DatasetLoadError) -> Timeline {
        try load(bytes: try readFile(path), name: path)
    }

    public static func load(bytes: [UInt8], name: String) throws(DatasetLoadError) -> Timeline {
        let dataset = try decode(bytes: bytes, name: name)
        return Timeline(dataset: dataset)
    }

    public static func decode(bytes: [UInt8], name: String) throws(DatasetLoadError) -> Dataset {
        let source = SourceText(bytes: bytes)
        func diagnostic(at offset: Int, path: String, message: String) -> Diagnostic {
            let (line, column) = source.location(of: offset)
            return Diagnostic(file: name, line: line, column: column, path: path, message: message)
        }
        let invalid = UTF8Validation.invalidOffsets(in: bytes)
        if !invalid.isEmpty {
            throw .invalid(invalid.map {
                diagnostic(at: $0, path: "(document)", message: "invalid UTF-8 byte 0x\(String(bytes[$0], radix: 16, uppercase: true)); the file must be UTF-8")
            })
        }
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw .invalid([diagnostic(at: error.offset, path: "(document)", message: error.message)])
        }
        var decoder = DatasetDecoder()
        let dataset = decoder.decode(root)
        if !decoder.problems.isEmpty || dataset == nil {
            let problems = decoder.problems.sorted { $0.offset < $1.offset }
            throw .invalid(problems.map { diagnostic(at: $0.offset, path: $0.path, message: $0.message) })
        }
        return dataset!
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
