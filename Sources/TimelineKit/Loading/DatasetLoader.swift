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

    /// Reads a whole file, turning every way it can fail into a clear reason.
    static func readFile(_ path: String) throws(DatasetLoadError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(file: path, reason: "no such file")
        }
        if isDirectory.boolValue { throw .unreadable(file: path, reason: "is a directory, not a dataset file") }
        guard FileManager.default.isReadableFile(atPath: path), let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(file: path, reason: "cannot be read (permission denied)")
        }
        defer { try? handle.close() }
        do {
            let data = try handle.readToEnd() ?? Data()
            return [UInt8](data)
        } catch {
            throw .unreadable(file: path, reason: "cannot be read: \(error.localizedDescription)")
        }
    }
}
