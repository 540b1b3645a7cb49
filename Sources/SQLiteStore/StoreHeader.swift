import Foundation

/// What the first 100 bytes of a file say about it (the SQLite header).
struct StoreHeader {
    static let magic = Array("SQLite format 3\u{0}".utf8)

    let bytes: [UInt8]
    let fileSize: Int

    /// Reads the header; throws exit 66 when the file is missing or unreadable.
    init(path: String) throws(StoreError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw StoreError(message: "\(path): \(exists ? "cannot be read" : "no such file")", exitCode: 66)
        }
        defer { try? handle.close() }
        do {
            bytes = Array(try handle.read(upToCount: 100) ?? Data())
            fileSize = Int(try handle.seekToEnd())
        } catch {
            throw StoreError(message: "\(path): cannot be read (\(error.localizedDescription))", exitCode: 66)
        }
    }

    var isSQLite: Bool { bytes.count >= 16 && Array(bytes[0..<16]) == Self.magic }

    private func uint32(at offset: Int) -> UInt32 {
        guard bytes.count >= offset + 4 else { return 0 }
        return bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    var applicationID: Int32 { Int32(bitPattern: uint32(at: 68)) }
    var userVersion: Int32 { Int32(bitPattern: uint32(at: 60)) }
    var pageSize: Int {
        guard bytes.count >= 18 else { return 0 }
        let raw = Int(bytes[16]) << 8 | Int(bytes[17])
        return raw == 1 ? 65536 : raw
    }
    /// The page count the header holds, when it is valid (the counter at 92 matches that at 24).
    var pageCount: Int? {
        guard bytes.count >= 100, uint32(at: 92) == uint32(at: 24) else { return nil }
        let count = Int(uint32(at: 28))
        return count > 0 ? count : nil
    }

    /// Throws the clear error for a file that is not a complete store of a version we read.
    func check(path: String) throws(StoreError) {
        if fileSize == 0 { throw .bad(path, "empty file, not a Bilateral store") }
        guard isSQLite else { throw .bad(path, "not a Bilateral store (not an SQLite database)") }
        guard bytes.count == 100 else { throw .bad(path, "truncated store (\(fileSize) bytes, shorter than its header)") }
        guard applicationID == StoreSchema.applicationID else {
            throw .bad(path, "an SQLite database of another application (application_id 0x\(String(UInt32(bitPattern: applicationID), radix: 16))), not a Bilateral store")
        }
        if userVersion > StoreSchema.formatVersion {
            throw .bad(path, "store format version \(userVersion) is newer than this bilateral reads (\(StoreSchema.formatVersion)); upgrade bilateral")
        }
        if userVersion >= 1 && userVersion < StoreSchema.formatVersion {
            throw .bad(path, "store format version \(userVersion) is older than this bilateral reads (\(StoreSchema.formatVersion)); import it again (bilateral import)")
        }
        guard userVersion == StoreSchema.formatVersion else {
            throw .bad(path, "unfinished or unknown store (format version \(userVersion))")
        }
        let pages = pageSize
        guard pages >= 512, pages & (pages - 1) == 0 else { throw .bad(path, "corrupt store (bad page size \(pages))") }
        if let count = pageCount, count * pages > fileSize {
            throw .bad(path, "truncated store (\(fileSize) of \(count * pages) bytes)")
        }
    }
}

extension SQLiteEventStore {
    /// Whether a file starts with SQLite's header, ours or another application's: the commands open
    /// such a file as a store, so a foreign one gets the store's message, not a JSON syntax error.
    public static func isSQLiteFile(path: String) -> Bool {
        (try? StoreHeader(path: path))?.isSQLite ?? false
    }

    /// Whether a file looks like a store (SQLite header and our application id): cheap, 100 bytes read.
    public static func isStore(path: String) -> Bool {
        guard let header = try? StoreHeader(path: path) else { return false }
        return header.isSQLite && header.applicationID == StoreSchema.applicationID
    }
}
