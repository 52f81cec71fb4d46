// swift-tools-version: 6.0
// GrassrootsLedger: an event-sourced, tamper-evident ledger of grassroots governance records on LMDB.
//
// Layering (a lower layer never imports a higher one):
//   CLMDB -> LMDB -> EventLog -> Governance -> GrassrootsCLI
//   CanonicalJSON is a leaf used by EventLog and the CLI.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "GrassrootsLedger",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "grassroots", targets: ["GrassrootsCLI"]),
        .library(name: "EventLog", targets: ["EventLog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CLMDB",
            pkgConfig: "lmdb",
            providers: [.apt(["liblmdb-dev"]), .brew(["lmdb"])]
        ),
        .target(name: "LMDB", dependencies: ["CLMDB"], swiftSettings: strict),
        .target(name: "CanonicalJSON", swiftSettings: strict),
        .target(
            name: "EventLog",
            dependencies: [
                "LMDB", "CanonicalJSON",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(name: "Governance", dependencies: ["EventLog", "CanonicalJSON"], swiftSettings: strict),
        .executableTarget(
            name: "GrassrootsCLI",
            dependencies: [
                "EventLog", "CanonicalJSON", "Governance",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // Benchmark runner (tools/benchmark): raw LMDB puts vs the ledger's appends and verify.
        .executableTarget(
            name: "grassroots-bench",
            dependencies: ["LMDB", "EventLog", "CanonicalJSON", "CLMDB", "Governance"],
            path: "tools/benchmark",
            swiftSettings: strict
        ),
        // Writes a deterministic demo history as NDJSON (tools/generate).
        .executableTarget(name: "grassroots-generate", dependencies: ["Governance", "CanonicalJSON"], path: "tools/generate", swiftSettings: strict),
        // Writes Schemas/events/ from the event catalog (tools/schemas).
        .executableTarget(name: "grassroots-schemas", dependencies: ["Governance"], path: "tools/schemas", swiftSettings: strict),
        // Helpers shared by the test targets (a temporary directory, a seeded generator).
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "LMDBTests", dependencies: ["LMDB", "CLMDB", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "CanonicalJSONTests", dependencies: ["CanonicalJSON"], swiftSettings: strict),
        .testTarget(name: "EventLogTests", dependencies: ["EventLog", "LMDB", "CanonicalJSON", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "GovernanceTests", dependencies: ["Governance", "EventLog", "CanonicalJSON", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "CLITests",
            dependencies: ["EventLog", "LMDB", "CanonicalJSON", "GrassrootsCLI", "grassroots-generate", "TestSupport"],
            exclude: ["Expected"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
