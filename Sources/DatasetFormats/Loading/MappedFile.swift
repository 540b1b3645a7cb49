import Foundation
import TimelineKit

/// A regular file mapped read-only: its pages are read on demand and given back once parsed, so
/// a big dataset never sits whole in memory (`DatasetStream`).
final class MappedFile {
    let buffer: UnsafeBufferPointer<UInt8>
    private let base: UnsafeMutableRawPointer
    private let length: Int
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Nil for anything but a readable, non-empty regular file within `limit`: the caller then reads
    /// it as before, which names every other case.
    init?(path: String, limit: Int = DatasetLoader.maxMappedFileSize) {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > 0, Int(info.st_size) <= limit else { return nil }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let length = Int(info.st_size)
        guard let base = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0),
              base != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        // Read front to back once: the kernel may read further ahead and reclaim what is behind.
        madvise(base, length, Int32(MADV_SEQUENTIAL))
        self.base = base
        self.length = length
        buffer = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: length)
    }

    deinit { munmap(base, length) }

    /// Gives back the pages before `offset`; touched again, they are read again from the file.
    func release(upTo offset: Int) {
        let end = min(offset, length) / Self.pageSize * Self.pageSize
        if end > 0 { madvise(base, end, Int32(MADV_DONTNEED)) }
    }
}
