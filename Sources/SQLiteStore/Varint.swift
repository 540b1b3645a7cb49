/// Appends a staged event's fields: a text as its UTF-8 length + 1 then its bytes (0 for NULL),
/// an integer zigzag-encoded, both as LEB128 varints.
struct VarintWriter {
    var bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func int(_ value: Int) { varint(UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))) }

    mutating func text(_ value: String?) {
        guard var value else { varint(0); return }
        value.withUTF8 { utf8 in
            varint(UInt64(utf8.count) + 1)
            bytes.append(contentsOf: utf8)
        }
    }
}

/// Reads back what `VarintWriter` wrote, in the order it was written.
struct VarintReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func varint() -> UInt64 {
        var value: UInt64 = 0, shift: UInt64 = 0
        while true {
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int() -> Int {
        let raw = varint()
        return Int(Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1))
    }

    /// A text's UTF-8 bytes (nil for NULL), pointing into the buffer read.
    mutating func text() -> UnsafeBufferPointer<UInt8>? {
        let length = Int(varint())
        guard length > 0 else { return nil }
        let start = index
        index += length - 1
        return UnsafeBufferPointer(rebasing: bytes[start..<index])
    }
}
