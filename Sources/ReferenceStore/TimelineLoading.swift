import DatasetFormats
import TimelineKit

extension DatasetLoader {
    /// A dataset file in our JSON format, decoded, validated and indexed in memory.
    public static func load(path: String) throws(DatasetLoadError) -> Timeline {
        Timeline(dataset: try decode(path: path))
    }

    public static func load(bytes: [UInt8], name: String) throws(DatasetLoadError) -> Timeline {
        Timeline(dataset: try decode(bytes: bytes, name: name))
    }
}
