import Foundation

/// Paths in the repository, found from this file's place in it: the one way tests name a fixture.
public enum Repository {
    /// The package root (this file is Tests/TestSupport/Repository.swift).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file by its path from the package root: `Repository.path("data/timeline.json")`.
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The article's 13 events as they were bundled in 2017's form: a fixture that does not
    /// change when the bundled history grows.
    public static var articleFixture: String { path("Tests/Fixtures/article-2017.json") }

    /// A file under Tests/BilateralTests/Fixtures (real-world files, hostile datasets).
    public static func fixture(_ name: String) -> String { path("Tests/BilateralTests/Fixtures/\(name)") }

    /// The team's `../shared` folder beside the clone, when there is one (never in a user's clone):
    /// tests that compare against it are disabled without it, and say so, with
    /// `.enabled(if: Repository.shared != nil, "…")`.
    public static var shared: URL? {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("reference").path) ? url : nil
    }
}
