import DatasetFormats
@testable import DatasetFormats
import Foundation
import ReferenceStore
import Testing
import TimelineKit

/// Reading a dataset file: devices are refused, pipes are read, and nothing is read past the limit.
@Suite("Reading dataset files")
struct FileReadingTests {
    private func readError(_ path: String, limit: Int = DatasetLoader.maxFileSize) -> DatasetLoadError? {
        do {
            _ = try DatasetLoader.readFile(path, limit: limit)
            return nil
        } catch {
            return error
        }
    }

    @Test("/dev/zero is refused at once as a device (exit 66), not read until memory runs out")
    func deviceIsRefused() throws {
        let error = try #require(readError("/dev/zero"))
        #expect(error.exitCode == 66)
        #expect(error.description == "/dev/zero:1:1: (file): is a device, not a dataset file")
    }

    @Test("A file over the limit is refused as too large (exit 65), naming the file")
    func regularFileOverLimit() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(repeating: 0x20, count: 2_000).write(to: URL(fileURLWithPath: path))
        #expect(readError(path, limit: 2_000) == nil)
        let error = try #require(readError(path, limit: 1_999))
        #expect(error.exitCode == 65)
        #expect(error.description == "\(path):1:1: (file): is larger than 1999 bytes, the limit for a dataset")
    }

    @Test("A pipe is read to its end, and refused once it passes the limit")
    func pipe() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID().uuidString)").path
        defer { unlink(path) }
        #expect(mkfifo(path, 0o600) == 0)
        let text = Array(String(repeating: "x", count: 3_000).utf8)
        for (limit, expected) in [(5_000, true), (1_000, false)] {
            let writer = Thread {
                guard let handle = FileHandle(forWritingAtPath: path) else { return }
                // One write, well under a pipe's buffer: it ends before the reader can stop reading.
                try? handle.write(contentsOf: text)
                try? handle.close()
            }
            writer.start()
            do {
                let bytes = try DatasetLoader.readFile(path, limit: limit)
                #expect(expected && bytes == text)
            } catch {
                #expect(!expected)
                #expect(error.exitCode == 65)
                #expect(error.diagnostics.first?.message == "is larger than 1000 bytes, the limit for a dataset")
            }
        }
    }
}
