import Foundation

/// The PostgreSQL server the PostgreSQL store's tests use: `BILATERAL_TEST_POSTGRES`, an address as
/// `scripts/dev-postgres start` prints it (`.ci/run` starts one and sets it). Without it the tests
/// are skipped, and say why; but when `CI` is set they run and fail, so that CI never passes
/// without them.
public enum TestPostgres {
    public static var url: String? {
        ProcessInfo.processInfo.environment["BILATERAL_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static var isCI: Bool {
        ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "0" && $0 != "false" } ?? false
    }

    /// For `.enabled(if: TestPostgres.enabled, Comment(rawValue: TestPostgres.skipReason))`.
    public static var enabled: Bool { url != nil || isCI }
    public static let skipReason = "BILATERAL_TEST_POSTGRES is not set (scripts/dev-postgres start prints an address); with CI set these tests fail instead"

    public struct Missing: Error, CustomStringConvertible {
        public var description: String { "CI is set but BILATERAL_TEST_POSTGRES is not: the PostgreSQL tests cannot run (see .ci/run)" }
    }

    /// The server's address; throws (the test fails) when there is none.
    public static func server() throws -> String {
        guard let url else { throw Missing() }
        return url
    }

    /// A dataset name no other test uses.
    public static func datasetName(_ label: String) -> String {
        "t_\(label)_\(UUID().uuidString.prefix(8).lowercased())"
    }
}
