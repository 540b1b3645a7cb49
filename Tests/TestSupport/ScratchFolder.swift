import Foundation

/// A folder for one suite instance's files (Swift Testing makes one instance per test), removed
/// when the instance goes, so test runs leave nothing behind in the temporary folder.
public final class ScratchFolder: @unchecked Sendable {
    public let url: URL

    public init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("bilateral-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
