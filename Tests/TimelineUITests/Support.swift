import Foundation
import Testing
import SQLiteStore
import TimelineKit
@testable import TimelineUI

enum Fixtures {
    static let timeline = try! DatasetLoader.load(path: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/article-2017.json").standardized.path)

    /// The UI runs over the SQLite store, as the app does.
    static let store: any EventStore = try! StoreWriter.inMemory(timeline: timeline)

    static func state(width: Int = 80, height: Int = 24, query: TimelineQuery = TimelineQuery(),
                      options: DisplayOptions = DisplayOptions()) -> AppState {
        AppState(store: store, width: width, height: height, query: query, options: options)
    }

    static func pair(_ text: String) -> CountryPair { try! CountryPair.parse(text) }
}

extension AppState {
    /// Applies actions in order, as a user's key presses would.
    mutating func apply(_ actions: Action...) {
        for action in actions { update(action) }
    }

    mutating func type(_ text: String) {
        for character in text { update(.insert(character)) }
    }

    var selectedID: String? { selectedRow?.id }
}

/// Compares a rendered grid with a text file beside the tests. A missing or changed
/// snapshot fails; `UPDATE_SNAPSHOTS=1 swift test` rewrites them for a person to review.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func assert(_ grid: Grid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        let actual = grid.text + "\n"
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] != nil {
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing snapshot \(name).txt; run UPDATE_SNAPSHOTS=1 swift test and review it", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "snapshot \(name) differs:\n\(actual)", sourceLocation: sourceLocation)
    }
}
