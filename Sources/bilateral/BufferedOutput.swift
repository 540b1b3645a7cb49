/// Text emitted record by record, handed to `sink` a megabyte at a time: fewer system calls than
/// a write per record, and memory that does not grow with what is written. `generate` and the
/// files `OutputFile` writes share it; a failed write throws out of `emit`, so the writer stops.
final class BufferedOutput {
    static let capacity = 1 << 20
    private var buffer: [UInt8] = []
    private let sink: ([UInt8]) throws -> Void

    init(sink: @escaping ([UInt8]) throws -> Void) {
        self.sink = sink
        buffer.reserveCapacity(Self.capacity)
    }

    func emit(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.capacity { try flush() }
    }

    /// Hands on what is held (also less than a megabyte: call it at the end).
    func flush() throws {
        try sink(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
