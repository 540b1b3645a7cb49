import Foundation
import TestSupport
import Testing

/// `-o` never replaces an input (by any spelling, through a symlink) or something that is not a
/// regular file: one line, exit 64, and everything as it was.
///
/// Devices are named through a symlink in the scratch folder (`null` → `/dev/null`): should the
/// check ever break, the rename replaces the symlink, never the system's `/dev/null`.
@Suite("outputs that are inputs or not files")
struct OutputPathTests {
    let scratch: ScratchFolder
    var directory: URL { scratch.url }

    init() throws {
        scratch = try ScratchFolder("output-path")
        try FileManager.default.copyItem(atPath: Repository.articleFixture, toPath: scratch.path("same.json"))
        try FileManager.default.createSymbolicLink(atPath: scratch.path("link.json"), withDestinationPath: scratch.path("same.json"))
        try FileManager.default.createSymbolicLink(atPath: scratch.path("null"), withDestinationPath: "/dev/null")
        #expect(mkfifo(scratch.path("fifo"), 0o600) == 0)
        try FileManager.default.createDirectory(atPath: scratch.path("folder"), withIntermediateDirectories: false)
    }

    private func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() }

    private func bytes(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: scratch.path(name))) }

    /// Runs in the scratch folder; expects exit 64, one line naming the output, and nothing changed.
    private func expectRefused(_ arguments: [String], saying words: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try entries()
        let json = try bytes("same.json")
        let result = try BinaryRunner.run(arguments, directory: directory)
        #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("bilateral: refusing to write "), "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(words), "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(try entries() == before, "no file added or removed", sourceLocation: sourceLocation)
        #expect(try bytes("same.json") == json, "the input is untouched", sourceLocation: sourceLocation)
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: scratch.path("null"))
        #expect(link == "/dev/null", "the symlink to /dev/null is still one", sourceLocation: sourceLocation)
        var fifo = stat()
        #expect(lstat(scratch.path("fifo"), &fifo) == 0 && fifo.st_mode & S_IFMT == S_IFIFO, "the pipe is still one", sourceLocation: sourceLocation)
    }

    @Test("import, convert: -o the input by another spelling or through a symlink is refused")
    func importConvertSameFile() throws {
        let absolute = scratch.path("same.json")
        for command in ["import", "convert"] {
            try expectRefused([command, "./same.json", "-o", absolute], saying: "it is the input (./same.json)")
            try expectRefused([command, absolute, "-o", "./same.json"], saying: "it is the input")
            try expectRefused([command, "link.json", "-o", "same.json"], saying: "it is the input (link.json)")
            try expectRefused([command, "same.json", "-o", "link.json"], saying: "it is the input")
            try expectRefused([command, "same.json", "-o", "same.json"], saying: "it is the input;")
            // Among several inputs, too.
            try expectRefused([command, Repository.fixture("real-world/women_in_computing.json"), "same.json", "-o", "../\(directory.lastPathComponent)/same.json"],
                              saying: "it is the input")
        }
    }

    @Test("export: -o the --data file (a JSON dataset or a store), by another spelling or through a symlink, is refused")
    func exportSameFile() throws {
        let absolute = scratch.path("same.json")
        try expectRefused(["export", "--data", "./same.json", "--format", "bilateral", "-o", absolute], saying: "it is the input")
        try expectRefused(["export", "--data", "link.json", "--format", "jsonl", "-o", "same.json"], saying: "it is the input")
        let store = scratch.path("s.bilateral")
        #expect(try BinaryRunner.run(["import", "same.json", "-o", store], directory: directory).status == 0)
        let storeBytes = try bytes("s.bilateral")
        try expectRefused(["export", "--data", store, "--format", "csv", "-o", "./s.bilateral"], saying: "it is the input")
        #expect(try bytes("s.bilateral") == storeBytes)
        try FileManager.default.removeItem(atPath: store)
    }

    @Test("-o a device, a pipe or a directory is refused by every command that writes a file", arguments: [
        ["import", "same.json"], ["convert", "same.json"], ["export", "--format", "csv"], ["export", "--format", "bilateral"], ["generate"],
    ])
    func notRegularFiles(command: [String]) throws {
        try expectRefused(command + ["-o", "null"], saying: "it is a character device, not a regular file")
        try expectRefused(command + ["-o", "fifo"], saying: "it is a pipe, not a regular file")
        try expectRefused(command + ["-o", "folder"], saying: "it is a directory, not a regular file")
    }

    @Test("An output that is another regular file is still replaced")
    func otherFilesStillWritten() throws {
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: scratch.path("other.json")))
        let result = try BinaryRunner.run(["convert", "same.json", "-o", "other.json"], directory: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try bytes("other.json").count > 1000)
    }
}
