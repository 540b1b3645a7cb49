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
        // UTF-16 and UTF-32 text has NUL bytes: say what it is rather than "binary".
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            throw DatasetLoadError.invalid([Diagnostic(file: path, line: 1, column: 1, path: "(file)",
                                                       message: "the file is UTF-16 or UTF-32 text; convert it to UTF-8")])
        }
        if head.count == headSize { head.removeLast(incompleteTrailingCharacter(head)) }
        // Binary: a NUL byte (no text has one), or bytes that are not UTF-8 in a file that does not
        // even begin as JSON does. A JSON file with a bad byte is read, and the reader says where.
        let firstByte = head.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        let beginsAsJSON = firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[")
        guard head.contains(0) || (!beginsAsJSON && !UTF8Validation.invalidOffsets(in: head, limit: 1).isEmpty) else { return }
        throw DatasetLoadError.invalid([Diagnostic(file: path, line: 1, column: 1, path: "(file)",
                                                   message: "not a store (nor a JSON dataset): the file is binary data")])
    }

    /// How many bytes at the end begin a UTF-8 character the head cut short (0 when the last
    /// character is whole): the last lead byte within 4 bytes of the end says how long it is.
    static func incompleteTrailingCharacter(_ bytes: [UInt8]) -> Int {
        for back in 1...min(4, bytes.count) {
            let byte = bytes[bytes.count - back]
            guard byte & 0xC0 == 0x80 else {
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                return length > back ? back : 0
            }
        }
        return 0
    }
}
