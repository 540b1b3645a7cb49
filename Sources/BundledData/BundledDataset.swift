import DatasetFormats
import ReferenceStore

/// The dataset compiled into the binary from `data/timeline.json` (embedded at build time by the
/// EmbedTextPlugin), so `bilateral` needs no file beside it.
public enum BundledDataset {
    /// The name used in messages about the dataset built into the binary.
    public static let name = "<bundled timeline.json>"

    public static var bytes: [UInt8] { Array(BundledText.timeline.utf8) }

    /// Decoded, validated and indexed; the bundled file is the repository's own and a test keeps it valid.
    public static func load() throws(DatasetLoadError) -> Timeline {
        try DatasetLoader.load(bytes: bytes, name: name)
    }
}
