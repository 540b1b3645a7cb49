import Foundation

/// The import's spill file, beside the store's temporary file (one of `StoreFile`'s guarded
/// scratch files, so an interrupted or failed import removes it): sorted runs of staged records,
/// each a length (varint) then the record's bytes, one run after another. Runs are appended whole
/// under a lock (two threads may stage a dataset's halves); the file is read back with `pread`, so
/// several merges may read it at once.
final class SpillFile: @unchecked Sendable {
    struct Run {
        var start: Int
        var end: Int
    }

    let path: String
    private let lock = NSLock()
    // Guarded by `lock`.
    private var descriptor: Int32 = -1
    private var length = 0
    private var buffer: [UInt8] = []
    private static let bufferSize = 1 << 20

    init(path: String) { self.path = path }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Appends a run: `body` writes its records, in order.
    func appendRun(_ body: (inout Writer) throws -> Void) throws -> Run {
        lock.lock()
        defer { lock.unlock() }
        if descriptor < 0 {
            descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw failure("cannot create") }
        }
        let start = length
        var writer = Writer(file: self)
        try body(&writer)
        try flushLocked()
        return Run(start: start, end: length)
    }

    /// What a run's records are written through.
    struct Writer {
        fileprivate let file: SpillFile
        private var header = VarintWriter([])

        fileprivate init(file: SpillFile) { self.file = file }

        /// Where the next byte written goes in the file.
        var offset: Int { file.length }

        /// Bytes as they are, without a length (the caller knows where they are: `offset`).
        mutating func raw(_ bytes: UnsafeRawBufferPointer) throws {
            file.buffer.append(contentsOf: bytes)
            file.length += bytes.count
            if file.buffer.count >= SpillFile.bufferSize { try file.flushLocked() }
        }

        mutating func record(_ bytes: UnsafeBufferPointer<UInt8>) throws {
            header.bytes.removeAll(keepingCapacity: true)
            header.varint(UInt64(bytes.count))
            file.buffer.append(contentsOf: header.bytes)
            file.buffer.append(contentsOf: bytes)
            file.length += header.bytes.count + bytes.count
            if file.buffer.count >= SpillFile.bufferSize { try file.flushLocked() }
        }
    }

    /// Everything appended is in the file (the runs are already: each is flushed whole).
    func flush() throws {
        lock.lock()
        defer { lock.unlock() }
        try flushLocked()
    }

    private func flushLocked() throws {
        var done = 0
        while done < buffer.count {
            let written = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress! + done, $0.count - done) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw failure("cannot write") }
            done += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Reads up to `count` bytes at `offset` into `into`; the bytes read (0 at the file's end).
    func read(into: UnsafeMutableRawPointer, count: Int, at offset: Int) throws -> Int {
        while true {
            let got = pread(descriptor, into, count, off_t(offset))
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw failure("cannot read") }
            return got
        }
    }

    private func failure(_ what: String) -> StoreError {
        StoreError(message: "\(path): \(what) the import's scratch file (\(String(cString: strerror(errno))))", exitCode: 73)
    }
}

/// The staged records of several sorted runs, merged into one sequence in date order
/// (`StagedRecord.Key`): a binary heap of the runs, each read through its own buffer.
final class StagedRuns {
    private var readers: [RunReader]
    /// Reader indices, a min-heap on their current record's key.
    private var heap: [Int] = []
    /// The reader whose record was handed out last: advanced before the next one is chosen.
    private var pending: Int?

    init(file: SpillFile, runs: [SpillFile.Run], bufferBytes: Int) throws {
        readers = runs.map { RunReader(file: file, run: $0, capacity: bufferBytes) }
        for index in readers.indices where try readers[index].advance() { push(index) }
    }

    /// The next record in date order (valid until the next call), nil after the last.
    func next() throws -> UnsafeBufferPointer<UInt8>? {
        if let last = pending {
            pending = nil
            if try readers[last].advance() { replaceTop(with: last) } else { popTop() }
        }
        guard let top = heap.first else { return nil }
        pending = top
        return readers[top].record
    }

    private func less(_ a: Int, _ b: Int) -> Bool { readers[a].key < readers[b].key }

    private func push(_ index: Int) {
        heap.append(index)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private func popTop() {
        let last = heap.removeLast()
        if !heap.isEmpty { replaceTop(with: last) }
    }

    private func replaceTop(with index: Int) {
        heap[0] = index
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count && less(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count && less(heap[right], heap[smallest]) { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

/// One run read record by record through a buffer; a record larger than the buffer grows it.
private final class RunReader {
    private let file: SpillFile
    /// The next byte of the run to read from the file, and its end.
    private var fileOffset: Int
    private let end: Int
    private var buffer: UnsafeMutableRawBufferPointer
    /// The unread bytes are `buffer[start..<filled]`.
    private var start = 0
    private var filled = 0
    private(set) var record = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private(set) var key: StagedRecord.Key

    init(file: SpillFile, run: SpillFile.Run, capacity: Int) {
        self.file = file
        fileOffset = run.start
        end = run.end
        buffer = .allocate(byteCount: max(16, capacity), alignment: 8)
        key = StagedRecord.Key(day: 0, precision: 0, id: UnsafeBufferPointer(start: nil, count: 0))
    }

    deinit { buffer.deallocate() }

    /// Moves to the run's next record; false at its end.
    func advance() throws -> Bool {
        guard try ensure(1) else { return false }
        // The length: a varint of at most 10 bytes (fewer at the run's end).
        _ = try ensure(10)
        var length = 0, shift = 0, index = start
        while true {
            let byte = buffer[index]
            index += 1
            length |= Int(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        start = index
        guard try ensure(length) else { throw StoreError(message: "\(file.path): the import's scratch file ends inside a record", exitCode: 70) }
        record = UnsafeBufferPointer(start: (buffer.baseAddress! + start).assumingMemoryBound(to: UInt8.self), count: length)
        start += length
        key = StagedRecord.Key(decoding: record)
        return true
    }

    /// At least `count` unread bytes in the buffer, or all that is left of the run; false when
    /// fewer than `count` are left.
    private func ensure(_ count: Int) throws -> Bool {
        if filled - start >= count { return true }
        // Move the unread bytes to the front, growing the buffer for a record larger than it.
        let unread = filled - start
        if count > buffer.count {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 8)
            larger.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: unread)
            buffer.deallocate()
            buffer = larger
        } else if start > 0 {
            memmove(buffer.baseAddress!, buffer.baseAddress! + start, unread)
        }
        start = 0
        filled = unread
        while filled < buffer.count && fileOffset < end {
            let got = try file.read(into: buffer.baseAddress! + filled, count: min(buffer.count - filled, end - fileOffset), at: fileOffset)
            guard got > 0 else { throw StoreError(message: "\(file.path): the import's scratch file is shorter than written", exitCode: 70) }
            filled += got
            fileOffset += got
        }
        return filled - start >= count
    }
}
