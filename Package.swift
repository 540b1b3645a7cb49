// swift-tools-version: 6.1
import PackageDescription

// Layers point one way: TimelineKit <- (SQLiteStore, TimelineUI) <- NcursesTerminal <- bilateral.
// TimelineUI sees a store only through TimelineKit's EventStore protocol.
let package = Package(
    name: "Bilateral",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "TimelineKit", targets: ["TimelineKit"]),
        .library(name: "SQLiteStore", targets: ["SQLiteStore"]),
        .executable(name: "bilateral", targets: ["bilateral"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // The model: dates, countries, datasets, loading, queries. Foundation only.
        .target(name: "TimelineKit"),
        // The event store on SQLite (GRDB, system libsqlite3 with FTS5): import writes it, browsing reads it.
        // Removes an unfinished store's scratch files when the process is interrupted (signal handlers in C).
        .target(name: "CScratchFiles"),
        .target(name: "SQLiteStore", dependencies: [
            "TimelineKit", "CScratchFiles", .product(name: "GRDB", package: "GRDB.swift"),
            // SQLite's C API for the import's bulk inserts (`BulkInsert`).
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // The pure interface: state, actions, layout, text width, rendering into a cell grid.
        .target(name: "TimelineUI", dependencies: ["TimelineKit"]),
        // ZIP archives for the importers (GDELT's *.export.CSV.zip), kept out of TimelineKit.
        .target(name: "ArchiveInput", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // Signal handlers in C: a Swift closure cannot be an async-signal-safe handler.
        .target(name: "CTerminalSignals"),
        // The thin backend: the only code that touches curses.
        .target(name: "NcursesTerminal", dependencies: ["TimelineUI", "CNcursesw", "CTerminalSignals"]),
        .executableTarget(
            name: "bilateral",
            dependencies: [
                "TimelineKit", "SQLiteStore", "TimelineUI", "NcursesTerminal", "ArchiveInput",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TimelineKitTests", dependencies: ["TimelineKit"]),
        .testTarget(name: "SQLiteStoreTests", dependencies: ["SQLiteStore", "TimelineKit"]),
        .testTarget(name: "TimelineUITests", dependencies: ["TimelineUI", "SQLiteStore"]),
        .testTarget(name: "NcursesTerminalTests", dependencies: ["NcursesTerminal", "CNcursesw"]),
        .testTarget(name: "BilateralTests", dependencies: ["bilateral", "ArchiveInput"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
