// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package, so `swift test` in the project never builds them.
// Run: cd Benchmarks && swift package benchmark
let package = Package(
    name: "BilateralBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Bilateral", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Store queries at 1k and 100k events, in one run: the ratio shows what grows with N.
        .executableTarget(
            name: "StoreQueries",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TimelineKit", package: "Bilateral"),
                .product(name: "DatasetFormats", package: "Bilateral"),
                .product(name: "ReferenceStore", package: "Bilateral"),
                .product(name: "SQLiteStore", package: "Bilateral"),
            ],
            path: "Benchmarks/StoreQueries",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
