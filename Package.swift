// swift-tools-version: 6.1
import PackageDescription

// The layers, each a target, pointing one way (ARCHITECTURE.md draws them):
//   TimelineKit ← DatasetFormats ← (ReferenceStore, SQLiteStore) ← BundledData
//   TimelineKit ← DatasetFormats ← PostgresStore (a second engine behind the same seam)
//   TimelineKit + TerminalText ← TimelineUI ← NcursesTerminal ← bilateral
// The UI sees events only through TimelineKit's `EventStore` seam; only NcursesTerminal touches curses.
let package = Package(
    name: "Bilateral",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "TimelineKit", targets: ["TimelineKit"]),
        .library(name: "DatasetFormats", targets: ["DatasetFormats"]),
        .library(name: "ReferenceStore", targets: ["ReferenceStore"]),
        .library(name: "SQLiteStore", targets: ["SQLiteStore"]),
        .library(name: "PostgresStore", targets: ["PostgresStore"]),
        .executable(name: "bilateral", targets: ["bilateral"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        // postgres-nio's own logging library: its logs are silenced (`PostgresSession.logger`).
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // The model: events, EDTF dates, countries, the `EventStore` seam and its value types. Foundation only.
        .target(name: "TimelineKit", plugins: ["EmbedTextPlugin"]),
        // Files: the JSON parser, loading and streaming our format, every other format's reader and writer.
        .target(name: "DatasetFormats", dependencies: ["TimelineKit"], plugins: ["EmbedTextPlugin"]),
        // The in-memory store every other store is tested against, and seeded synthetic datasets.
        .target(name: "ReferenceStore", dependencies: ["TimelineKit", "DatasetFormats"]),
        // data/timeline.json, compiled into the binary at build time.
        .target(name: "BundledData", dependencies: ["DatasetFormats", "ReferenceStore"], plugins: ["EmbedTextPlugin"]),
        // Untrusted text made safe for a terminal, display widths, wrapping: for the UI and the CLI alike.
        .target(name: "TerminalText"),
        // ZIP archives for the importers (GDELT's *.export.CSV.zip).
        .target(name: "ArchiveInput", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),

        // The event store on SQLite (GRDB, system libsqlite3 with FTS5): import writes it, browsing reads it.
        .target(name: "SQLiteStore", dependencies: [
            "TimelineKit", "DatasetFormats", "CScratchFiles", "CSQLiteSettings",
            .product(name: "GRDB", package: "GRDB.swift"),
            // SQLite's C API for the import's bulk inserts (`BulkInsert`).
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // The event store on a PostgreSQL server (postgres-nio): datasets are schemas of one database.
        .target(name: "PostgresStore", dependencies: [
            "TimelineKit", "DatasetFormats",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Removes an unfinished store's scratch files when the process is interrupted (signal handlers in C).
        .target(name: "CScratchFiles"),
        // Process-wide SQLite settings made before the first connection (`sqlite3_config` is variadic C).
        .target(name: "CSQLiteSettings", linkerSettings: [.linkedLibrary("sqlite3")]),

        // The interface without a terminal: state, update, layout, rendering into a cell grid.
        .target(name: "TimelineUI", dependencies: ["TimelineKit", "TerminalText"]),
        // The terminal backend: the only code that touches curses.
        .target(name: "NcursesTerminal", dependencies: ["TimelineUI", "TerminalText", "CNcursesw", "CTerminalSignals"]),
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncursesw5-dev"])]),
        // Signal handlers in C: a Swift closure cannot be an async-signal-safe handler.
        .target(name: "CTerminalSignals"),

        // The command line: swift-argument-parser commands wiring the layers together.
        .executableTarget(name: "bilateral", dependencies: [
            "TimelineKit", "DatasetFormats", "ReferenceStore", "BundledData", "TerminalText", "SQLiteStore", "PostgresStore",
            "TimelineUI", "NcursesTerminal", "ArchiveInput",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Build-time code generation: text files under data/ as string literals (see EmbedTextPlugin).
        .executableTarget(name: "embed-text", path: "Sources/EmbedText"),
        .plugin(name: "EmbedTextPlugin", capability: .buildTool(), dependencies: ["embed-text"]),

        // What every test target shares: the repository's paths, the binary runner, scratch folders, line diffs.
        .target(name: "TestSupport", dependencies: ["TimelineKit"], path: "Tests/TestSupport"),
        .testTarget(name: "TimelineKitTests", dependencies: ["TestSupport", "TimelineKit"]),
        .testTarget(name: "DatasetFormatsTests", dependencies: ["TestSupport", "DatasetFormats", "ReferenceStore"]),
        .testTarget(name: "ReferenceStoreTests", dependencies: ["TestSupport", "ReferenceStore"]),
        .testTarget(name: "BundledDataTests", dependencies: ["TestSupport", "BundledData"]),
        // The seam's conformance cases and the datasets they run on, shared by every store's tests.
        .target(name: "StoreTestSupport", dependencies: ["TestSupport", "TimelineKit", "DatasetFormats", "ReferenceStore"],
                path: "Tests/StoreTestSupport"),
        .testTarget(name: "SQLiteStoreTests", dependencies: ["TestSupport", "StoreTestSupport", "SQLiteStore", "TimelineKit", "DatasetFormats", "ReferenceStore"]),
        .testTarget(name: "PostgresStoreTests", dependencies: ["TestSupport", "StoreTestSupport", "PostgresStore", "TimelineKit", "DatasetFormats",
                                                                "ReferenceStore"]),
        .testTarget(name: "TimelineUITests", dependencies: ["TestSupport", "TimelineUI", "TerminalText", "SQLiteStore", "DatasetFormats", "ReferenceStore"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "NcursesTerminalTests", dependencies: ["TestSupport", "NcursesTerminal", "CNcursesw"]),
        .testTarget(name: "BilateralTests", dependencies: ["TestSupport", "bilateral", "ArchiveInput"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
