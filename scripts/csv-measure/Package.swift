// swift-tools-version: 6.0
// Not part of the project's build: a measurement of CSV readers (see Sources/csv-measure/main.swift).
import PackageDescription

let package = Package(
    name: "csv-measure",
    dependencies: [
        .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    ],
    targets: [
        .executableTarget(name: "csv-measure", dependencies: [
            .product(name: "SwiftCSV", package: "SwiftCSV"), .product(name: "CSV", package: "CSV.swift"),
        ]),
    ]
)
