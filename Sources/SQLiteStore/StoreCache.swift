import DatasetFormats
import Foundation
import TimelineKit

/// Stores imported from JSON datasets, kept under `$XDG_CACHE_HOME/bilateral/` (else
/// `~/.cache/bilateral/`), one per JSON file, named by a hash of the file's absolute path, size,
/// modification time (nanoseconds) and the store format version: a changed file gets a new entry,
/// and the old entry for the same path is removed. An entry is used only when it is a regular file
/// of the user's, not a symlink, whose store records that same key (`cache_source` in its meta
/// table): a link to another store, a copy of one, anything else at the path is rebuilt.
public enum StoreCache {
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/bilateral" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.cache/bilateral"
    }

    /// The cache file for a JSON dataset as it is now (throws 66 when the file cannot be read).
    public static func cachePath(forJSON path: String, directory: String) throws(StoreError) -> String {
        let (absolute, key) = try sourceKey(forJSON: path)
        return directory + "/" + prefix(forAbsolutePath: absolute) + hex(fnv1a(key)) + ".bilateral"
    }

    /// The JSON file's absolute path, and what names its entry: that path, its size, modification
    /// time (nanoseconds) and the store format version, one a line.
    static func sourceKey(forJSON path: String) throws(StoreError) -> (absolute: String, key: String) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var info = stat()
        guard stat(absolute, &info) == 0 else {
            throw StoreError(message: "\(path): \(String(cString: strerror(errno)))", exitCode: 66)
        }
        return (absolute, "\(absolute)\n\(info.st_size)\n\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)\n\(StoreSchema.formatVersion)")
    }

    /// The meta key under which a cache entry records its source's key.
    static let sourceMetaKey = "cache_source"

    /// Opens the cached store for a JSON dataset, importing it first when there is none for the
    /// file as it is now (or the cached one does not open): the JSON is streamed into the store
    /// (`DatasetStream`), never held whole, and read only then.
    public static func cachedStore(forJSON path: String, directory: String? = nil,
                                   progress: DatasetStream.Progress? = nil) throws -> SQLiteEventStore {
        try cachedStore(forJSON: path, directory: directory) { cached in try importJSON(path, to: cached, progress: progress) }
    }

    /// The import the cache makes of a JSON dataset.
    /// The key is taken before the JSON is read: should the file change meanwhile, its new key
    /// names another entry, and this one is never used.
    static func importJSON(_ path: String, to cached: String, progress: DatasetStream.Progress?) throws {
        let (_, key) = try sourceKey(forJSON: path)
        try StoreFile.write(to: cached) { db, temporary in
            try StoreWriter.Session.write(db, scratch: StoreWriter.scratch(temporary)) { sink in
                try DatasetStream.read(path: path, into: sink, progress: progress)
            }
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [sourceMetaKey, key])
        }
    }

    /// The entry at `cached` when it is the user's regular file (not a symlink) and a store that
    /// records `key` as its source; nil for anything else.
    static func verifiedEntry(_ cached: String, key: String) -> SQLiteEventStore? {
        var info = stat()
        guard lstat(cached, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == getuid(),
              let store = try? SQLiteEventStore(path: cached),
              let recorded = try? store.read({ db in
                  try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ? AND typeof(value) = 'text'", arguments: [sourceMetaKey])
              }),
              recorded == key else { return nil }
        return store
    }

    /// `write` makes the store at the path it is given (tests count how often).
    static func cachedStore(forJSON path: String, directory: String?, write: (_ cached: String) throws -> Void) throws -> SQLiteEventStore {
        let directory = directory ?? defaultDirectory()
        let cached = try cachePath(forJSON: path, directory: directory)
        let (_, key) = try sourceKey(forJSON: path)
        if let store = verifiedEntry(cached, key: key) { return store }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Whatever is there (a link is removed, not what it points to) makes way for the import.
        unlink(cached)
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
