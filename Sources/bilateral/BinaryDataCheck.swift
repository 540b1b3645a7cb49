import DatasetFormats
import Foundation

/// A `--data` file that is neither a store nor text (random bytes, an image, a damaged store whose
/// header is gone): one line saying so, not a screen of UTF-8 errors from the JSON reader.
enum BinaryDataCheck {
    /// How much of the file's start is looked at: enough to tell text from binary.
    static let headSize = 4096

    static func refuseBinary(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return } // the reader says why
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: headSize), !data.isEmpty else { return }
        var head = [UInt8](data)
        // A multi-byte character may be cut at the end of the head: drop up to 3 trailing bytes of one.
        if head.count == headSize {
            var trailing = 0
            while trailing < 3, let last = head.last, last & 0xC0 == 0x80 || last & 0xC0 == 0xC0 {
                head.removeLast()
                trailing += 1
                if last & 0xC0 == 0xC0 { break }
            }
        }
        // Binary: a NUL byte (no text has one), or bytes that are not UTF-8 in a file that does not
        // even begin as JSON does. A JSON file with a bad byte is read, and the reader says where.
        let firstByte = head.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        let beginsAsJSON = firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[")
        guard head.contains(0) || (!beginsAsJSON && !UTF8Validation.invalidOffsets(in: head, limit: 1).isEmpty) else { return }
        throw DatasetLoadError.invalid([Diagnostic(file: path, line: 1, column: 1, path: "(file)",
                                                   message: "not a store (nor a JSON dataset): the file is binary data")])
    }
}
