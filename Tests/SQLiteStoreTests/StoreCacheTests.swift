import DatasetFormats
import Foundation
import ReferenceStore
@testable import SQLiteStore
import StoreTestSupport
import Testing
import TimelineKit

@Suite struct StoreCacheTests {
    @Test func importsOnceReusesThenReimportsWhenTheJSONChanges() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = directory + "/cache/bilateral"
        let json = directory + "/data.json"
        try Data(Fixtures.generatedJSON(events: 40, seed: 5).utf8).write(to: URL(fileURLWithPath: json))
        var loads = 0
        // The cache's own import, counted.
        func open() throws -> SQLiteEventStore {
            try StoreCache.cachedStore(forJSON: json, directory: cache, write: { cached in
                loads += 1
                try StoreCache.importJSON(json, to: cached, progress: nil)
            })
        }
        #expect(try open().info.eventCount == 40)
        #expect(loads == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: cache)
        #expect(files.count == 1 && files[0].hasSuffix(".bilateral"))
        #expect(try open().info.eventCount == 40)
        #expect(loads == 1)

        // Same size, new content and mtime.
        try Data(Fixtures.generatedJSON(events: 40, seed: 6).utf8).write(to: URL(fileURLWithPath: json))
        #expect(try open().info.eventCount == 40)
        #expect(loads == 2)
        // Only touched.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 10)], ofItemAtPath: json)
        _ = try open()
        #expect(loads == 3)
        // Changed size.
        try Data(Fixtures.generatedJSON(events: 55, seed: 6).utf8).write(to: URL(fileURLWithPath: json))
        #expect(try open().info.eventCount == 55)
        #expect(loads == 4)
        _ = try open()
        #expect(loads == 4)
        // Old entries for the same JSON are gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).count == 1)
    }

    @Test func aDamagedCacheEntryIsRebuilt() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let json = directory + "/data.json"
        try Data(Fixtures.generatedJSON(events: 20, seed: 5).utf8).write(to: URL(fileURLWithPath: json))
        var loads = 0
        let load = { (cached: String) throws in loads += 1; try StoreCache.importJSON(json, to: cached, progress: nil) }
        _ = try StoreCache.cachedStore(forJSON: json, directory: directory + "/c", write: load)
        let entry = try StoreCache.cachePath(forJSON: json, directory: directory + "/c")
        try Data("not a store".utf8).write(to: URL(fileURLWithPath: entry))
        #expect(try StoreCache.cachedStore(forJSON: json, directory: directory + "/c", write: load).info.eventCount == 20)
        #expect(loads == 2)
    }

    /// A symlink to another store, or a copy of one, at the entry's path is not the entry: it is
    /// rebuilt from the JSON (and the link's target is left alone).
    @Test func anEntryThatIsNotThisJSONsIsRebuilt() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let json = directory + "/data.json", other = directory + "/other.json"
        try Data(Fixtures.generatedJSON(events: 20, seed: 5).utf8).write(to: URL(fileURLWithPath: json))
        try Data(Fixtures.generatedJSON(events: 33, seed: 9).utf8).write(to: URL(fileURLWithPath: other))
        let cache = directory + "/c"
        var loads = 0
        let load = { (cached: String) throws in loads += 1; try StoreCache.importJSON(json, to: cached, progress: nil) }
        let otherStore = try StoreCache.cachedStore(forJSON: other, directory: cache).path!
        let otherBytes = try Data(contentsOf: URL(fileURLWithPath: otherStore))
        let entry = try StoreCache.cachePath(forJSON: json, directory: cache)

        try FileManager.default.createSymbolicLink(atPath: entry, withDestinationPath: otherStore)
        #expect(try StoreCache.cachedStore(forJSON: json, directory: cache, write: load).info.eventCount == 20)
        #expect(loads == 1)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: entry)) == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: otherStore)) == otherBytes)

        try FileManager.default.removeItem(atPath: entry)
        try FileManager.default.copyItem(atPath: otherStore, toPath: entry)
        #expect(try StoreCache.cachedStore(forJSON: json, directory: cache, write: load).info.eventCount == 20)
        #expect(loads == 2)
        // Its own entry is used as it is.
        #expect(try StoreCache.cachedStore(forJSON: json, directory: cache, write: load).info.eventCount == 20)
        #expect(loads == 2)

        // Someone else's file (only root can make one).
        if getuid() == 0 {
            #expect(chown(entry, 12345, 12345) == 0)
            #expect(try StoreCache.cachedStore(forJSON: json, directory: cache, write: load).info.eventCount == 20)
            #expect(loads == 3)
        }
    }

    @Test func differentJSONFilesGetDifferentEntries() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let a = directory + "/a.json", b = directory + "/b.json"
        try Data(Fixtures.generatedJSON(events: 10, seed: 1).utf8).write(to: URL(fileURLWithPath: a))
        try Data(Fixtures.generatedJSON(events: 12, seed: 1).utf8).write(to: URL(fileURLWithPath: b))
        #expect(try StoreCache.cachedStore(forJSON: a, directory: directory + "/c").info.eventCount == 10)
        #expect(try StoreCache.cachedStore(forJSON: b, directory: directory + "/c").info.eventCount == 12)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/c").count == 2)
    }

    @Test func missingJSONIs66() throws {
        #expect {
            try StoreCache.cachedStore(forJSON: "/nonexistent/x.json", directory: "/tmp")
        } throws: { ($0 as? StoreError)?.exitCode == 66 }
    }

    @Test func defaultDirectory() {
        #expect(StoreCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"]) == "/x/cache/bilateral")
        #expect(StoreCache.defaultDirectory(environment: ["HOME": "/home/u"]) == "/home/u/.cache/bilateral")
        #expect(StoreCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/u"]) == "/home/u/.cache/bilateral")
    }
}
