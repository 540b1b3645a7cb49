import DatasetFormats
import Foundation
import GRDB
import TimelineKit

/// Writes a store (see `StoreSchema`) from a dataset streamed into a sink or held in memory, to a
/// file (`StoreFile` makes it appear whole or not at all) or in memory. Each write is one
/// `StoreWriter.Session`, whatever the dataset's source.
public enum StoreWriter {
    /// Called as events are written: (events written, total). Throwing from it cancels the write.
    public typealias Progress = (_ written: Int, _ total: Int) throws -> Void

    /// The memory staged events may hold before they are spilled to a scratch file (512 MB).
    public static let defaultMemoryBudget = 512 << 20

    /// Writes a store from a dataset that `feed` streams into the given sink (`DatasetStream`,
    /// or `DatasetStream.feed` for a dataset in memory) into a temporary file beside `path`, then
    /// renames it into place. Staged events beyond `memoryBudget` bytes are spilled to a scratch file
    /// beside it. An error leaves no file behind and never touches an existing file at `path`.
    public static func write(to path: String, memoryBudget: Int = defaultMemoryBudget,
                             feed: (any DatasetSink) throws -> Void) throws {
        try StoreFile.write(to: path) { db, temporary in
            try Session.write(db, scratch: scratch(temporary, memoryBudget), feed: feed)
        }
    }

    /// Writes a store from a dataset in memory (another format's reader made it), as
    /// `write(to:feed:)` does with `DatasetStream.feed`, staged on two threads.
    public static func write(dataset: Dataset, to path: String, memoryBudget: Int = defaultMemoryBudget,
                             progress: Progress? = nil) throws {
        try StoreFile.write(to: path) { db, temporary in
            try Session.write(db, scratch: scratch(temporary, memoryBudget), dataset: dataset, progress: progress)
        }
    }

    static func scratch(_ temporary: String, _ memoryBudget: Int = defaultMemoryBudget) -> Session.Scratch {
        Session.Scratch(fullTextPath: temporary + StoreFile.fullTextSuffix, spillPath: temporary + StoreFile.spillSuffix,
                        listsPath: temporary + StoreFile.listsSuffix, memoryBudget: max(1, memoryBudget))
    }

    /// A store in memory from a streamed dataset.
    public static func inMemory(feed: (any DatasetSink) throws -> Void) throws -> SQLiteEventStore {
        let queue = try SQLiteProcess.queue()
        try queue.writeWithoutTransaction { db in _ = try Session.write(db, scratch: nil, feed: feed) }
        return try SQLiteEventStore(queue: queue, path: nil)
    }

    /// A store in memory from a dataset in memory (the bundled data).
    public static func inMemory(dataset: Dataset, progress: Progress? = nil) throws -> SQLiteEventStore {
        let queue = try SQLiteProcess.queue()
        try queue.writeWithoutTransaction { db in
            _ = try Session.write(db, scratch: nil, dataset: dataset, progress: progress)
        }
        return try SQLiteEventStore(queue: queue, path: nil)
    }

    /// A pair's key in the `pairs` table: its canonical codes ("PAK-RUS").
    public static func pairKey(_ pair: CountryPair) -> String { pair.first.alpha3 + "-" + pair.second.alpha3 }
}
