import TimelineKit

/// Maps byte offsets in a source file to 1-based line and column numbers.
/// Columns count Unicode scalars, so a column matches what an editor shows.
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    private let lineStarts: [Int]
    /// Scalars before each block of `blockSize` bytes: a column is then found in at most one
    /// block's bytes, not by scanning a whole line, so a million problems on a one-line file
    /// stay linear.
    private let scalarsBeforeBlock: [Int]
    private static let blockSize = 256

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var blocks: [Int] = []
        blocks.reserveCapacity(bytes.count / Self.blockSize + 1)
        var scalars = 0
        for (index, byte) in bytes.enumerated() {
            if index % Self.blockSize == 0 { blocks.append(scalars) }
            // Continuation bytes (10xxxxxx) do not start a new scalar.
            if byte & 0xC0 != 0x80 { scalars += 1 }
            if byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        }
        blocks.append(scalars)
        lineStarts = starts
        scalarsBeforeBlock = blocks
    }

    public func location(of offset: Int) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, bytes.count))
        // Binary search for the last line start at or before the offset.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        return (low + 1, scalars(before: clamped) - scalars(before: lineStarts[low]) + 1)
    }

    /// How many scalars start before `offset`.
    private func scalars(before offset: Int) -> Int {
        let block = offset / Self.blockSize
        var count = scalarsBeforeBlock[min(block, scalarsBeforeBlock.count - 1)]
        var index = block * Self.blockSize
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    /// The places of a few offsets (in any order), found in one pass over the bytes up to the
    /// last of them, without the line table: a reader keeps a few hundred problems of a file of
    /// millions of lines, and locating them must not cost memory by the line. The same places as
    /// `location(of:)`.
    public static func locations(of offsets: [Int], in bytes: [UInt8]) -> [(line: Int, column: Int)] {
        bytes.withUnsafeBufferPointer { locations(of: offsets, in: $0) }
    }

    /// `locations(of:in:)` over bytes that are not an array (a mapped file).
    static func locations(of offsets: [Int], in bytes: UnsafeBufferPointer<UInt8>) -> [(line: Int, column: Int)] {
        var result = Array(repeating: (line: 1, column: 1), count: offsets.count)
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        var index = 0, line = 1, column = 1
        do {
            for position in order {
                let offset = max(0, min(offsets[position], bytes.count))
                while index < offset {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\n") {
                        line += 1
                        column = 1
                    } else if byte & 0xC0 != 0x80 {
                        // Continuation bytes (10xxxxxx) do not start a new scalar.
                        column += 1
                    }
                    index += 1
                }
                result[position] = (line, column)
            }
        }
        return result
    }
}
