import DatasetFormats
import Foundation
import TimelineKit

/// Stores imported from JSON datasets, kept under `$XDG_CACHE_HOME/bilateral/` (else
/// `~/.cache/bilateral/`), one per JSON file, named by a hash of the file's absolute path, size,
/// modification time (nanoseconds) and the store format version: a changed file gets a new entry,
/// and the old entry for the same path is removed.
public enum StoreCache {
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/bilateral" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.cache/bilateral"
    }

    /// The cache file for a JSON dataset as it is now (throws 66 when the file cannot be read).
    public static func cachePath(forJSON path: String, directory: String) throws(StoreError) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var info = stat()
        guard stat(absolute, &info) == 0 else {
            throw StoreError(message: "\(path): \(String(cString: strerror(errno)))", exitCode: 66)
        }
        let key = "\(absolute)\n\(info.st_size)\n\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)\n\(StoreSchema.formatVersion)"
        return directory + "/" + prefix(forAbsolutePath: absolute) + hex(fnv1a(key)) + ".bilateral"
    }

    /// Opens the cached store for a JSON dataset, importing it first when there is none for the
    /// file as it is now (or the cached one does not open): the JSON is streamed into the store
    /// (`DatasetStream`), never held whole, and read only then.
    public static func cachedStore(forJSON path: String, directory: String? = nil,
                                   progress: DatasetStream.Progress? = nil) throws -> SQLiteEventStore {
        try cachedStore(forJSON: path, directory: directory) { cached in try importJSON(path, to: cached, progress: progress) }
    }

    /// The import the cache makes of a JSON dataset.
    static func importJSON(_ path: String, to cached: String, progress: DatasetStream.Progress?) throws {
        try StoreWriter.write(to: cached) { sink in try DatasetStream.read(path: path, into: sink, progress: progress) }
    }

    /// `write` makes the store at the path it is given (tests count how often).
    static func cachedStore(forJSON path: String, directory: String?, write: (_ cached: String) throws -> Void) throws -> SQLiteEventStore {
        let directory = directory ?? defaultDirectory()
        let cached = try cachePath(forJSON: path, directory: directory)
        if FileManager.default.fileExists(atPath: cached), let store = try? SQLiteEventStore(path: cached) {
            return store
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try write(cached)
        removeStale(keeping: cached, directory: directory)
        return try SQLiteEventStore(path: cached)
    }

    /// Removes other entries for the same JSON path.
    static func removeStale(keeping current: String, directory: String) {
        let name = URL(fileURLWithPath: current).lastPathComponent
        let samePath = String(name.prefix(17))
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        where entry.hasPrefix(samePath) && entry.hasSuffix(".bilateral") && entry != name {
            try? FileManager.default.removeItem(atPath: directory + "/" + entry)
        }
    }

    static func prefix(forAbsolutePath path: String) -> String { hex(fnv1a(path)) + "-" }

    static func fnv1a(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
