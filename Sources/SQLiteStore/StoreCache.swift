import Foundation
import TimelineKit

/// JSON datasets imported once into stores under `$XDG_CACHE_HOME/bilateral/` (else
/// `~/.cache/bilateral/`), keyed by the file's absolute path, size, modification time and the
/// store format version: a changed file or a new format imports again, and later opens of the
/// same file are instant.
public struct StoreCache: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    /// The cache where the XDG spec says it belongs.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> StoreCache {
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : nil }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".cache")
        return StoreCache(directory: base.appendingPathComponent("bilateral"))
    }

    /// The store for a JSON file, importing it first when the cache has no current copy. A cache
    /// that cannot be written (read-only home) falls back to an in-memory store.
    public func store(forJSON path: String, load: () throws -> Timeline,
                      progress: StoreWriter.Progress? = nil) throws -> SQLiteEventStore {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let key = Self.key(forFile: absolute) else { return try StoreWriter.inMemory(timeline: load(), progress: progress) }
        let prefix = Self.prefix(forPath: absolute)
        let file = directory.appendingPathComponent("\(prefix)-\(key).bilateral")
        if FileManager.default.fileExists(atPath: file.path), let store = try? SQLiteEventStore(path: file.path) {
            return store
        }
        let timeline = try load()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            removeEntries(withPrefix: prefix)
            try StoreWriter.write(timeline: timeline, to: file.path, progress: progress)
            return try SQLiteEventStore(path: file.path)
        } catch {
            return try StoreWriter.inMemory(timeline: timeline, progress: progress)
        }
    }

    /// Size, nanosecond mtime and format version, hashed: what makes a cached copy current.
    static func key(forFile path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let nanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return hex(fnv1a("\(info.st_size) \(nanoseconds) v\(StoreSchema.formatVersion)"))
    }

    /// One prefix per source path, so a stale copy of the same file is found and removed.
    static func prefix(forPath path: String) -> String {
        let name = (path as NSString).lastPathComponent.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
        return String(name.prefix(40)) + "-" + hex(fnv1a(path))
    }

    private func removeEntries(withPrefix prefix: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(prefix + "-") {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// FNV-1a, 64 bits: stable across runs and platforms, unlike `Hasher`.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
