// swift-tools-version: 6.0
// GrassrootsLedger: an event-sourced, tamper-evident ledger of grassroots governance records on LMDB.
//
// Layering (a lower layer never imports a higher one):
//   CLMDB, CFaultGuard -> LMDB -> EventLog -> Governance -> Reports -> GrassrootsServer -> GrassrootsCLI
//                                             Governance -> GrassrootsDemo -> GrassrootsCLI
//   CanonicalJSON is a leaf used by EventLog, Governance, Reports, the server and the CLI. Messages (the catalog of
//   every text a person reads, in Chinese and English) is a leaf used by Governance, Reports, the server and the CLI.
//   Governance sees EventLog only, never LMDB. Reports builds what a query answers (JSON) and holds the password
//   store, for the CLI and the server alike; GrassrootsServer (Hummingbird, Mustache) only parses requests, calls
//   Governance and Reports, and writes answers, as the CLI does for the command line. Code generators (tools/codegen) and benchmark runners (tools/benchmark) are not in the product.
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
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // `grassroots serve`: the HTTP server, its test client, and the web pages' templates.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLMDB",
            pkgConfig: "lmdb",
            providers: [.apt(["liblmdb-dev"]), .brew(["lmdb"])]
        ),
        // Turns a fault while reading a damaged data.mdb (SIGSEGV, SIGBUS, a liblmdb assertion) into exit 4.
        .target(name: "CFaultGuard"),
        .target(name: "LMDB", dependencies: ["CLMDB", "CFaultGuard"], swiftSettings: strict),
        .target(name: "CanonicalJSON", swiftSettings: strict),
        .target(name: "Messages", swiftSettings: strict),
        .target(
            name: "EventLog",
            dependencies: [
                "LMDB", "CanonicalJSON",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(name: "Governance", dependencies: ["EventLog", "CanonicalJSON", "Messages"], swiftSettings: strict),
        // The demo's deterministic histories (`grassroots demo`, tools/generate, the benchmarks).
        .target(name: "GrassrootsDemo", dependencies: ["Governance", "EventLog", "CanonicalJSON"], swiftSettings: strict),
        // What a query answers, as JSON (and tables), shared by the command line and the server so that both
        // print the same bytes; and the accounts' password store.
        .target(
            name: "Reports",
            dependencies: [
                "EventLog", "CanonicalJSON", "Governance", "Messages",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // `grassroots serve`: parses HTTP requests, calls EventLog, Governance and Reports, writes answers.
        .target(
            name: "GrassrootsServer",
            dependencies: [
                "EventLog", "CanonicalJSON", "Governance", "Messages", "Reports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "GrassrootsCLI",
            dependencies: [
                "EventLog", "CanonicalJSON", "Governance", "GrassrootsDemo", "Messages", "Reports", "GrassrootsServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // SHA-256 of the departure audit report and its number.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: strict
        ),
        // Benchmark runner (tools/benchmark): raw LMDB puts vs the ledger's appends and verify.
        .executableTarget(
            name: "grassroots-bench",
            dependencies: ["LMDB", "EventLog", "CanonicalJSON", "CLMDB", "Governance", "GrassrootsDemo"],
            path: "tools/benchmark",
            swiftSettings: strict
        ),
        // The fuzzing harness (tools/fuzz, run by tools/fuzz.sh under libFuzzer; a plain build replays inputs).
        .executableTarget(name: "grassroots-fuzz", dependencies: ["CanonicalJSON", "EventLog", "Governance"], path: "tools/fuzz", swiftSettings: strict),
        // Writes a deterministic demo history as NDJSON (tools/generate).
        .executableTarget(name: "grassroots-generate", dependencies: ["Governance", "GrassrootsDemo", "CanonicalJSON"], path: "tools/generate", swiftSettings: strict),
        // The generators of Schemas/ and of Sources/Governance/Catalog/Events.generated.swift, from the catalog.
        .target(name: "GovernanceCodegen", dependencies: ["Governance", "EventLog", "CanonicalJSON"], path: "tools/codegen", swiftSettings: strict),
        // Writes Schemas/events/ and the typed acts from the event catalog (tools/schemas).
        .executableTarget(name: "grassroots-schemas", dependencies: ["GovernanceCodegen", "Governance"], path: "tools/schemas", swiftSettings: strict),
        // Helpers shared by the test targets (a temporary directory, a seeded generator, snapshots of a
        // directory's files, making a copy read-only and writable again).
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "LMDBTests", dependencies: ["LMDB", "CLMDB", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "CanonicalJSONTests", dependencies: ["CanonicalJSON"], swiftSettings: strict),
        .testTarget(name: "MessagesTests", dependencies: ["Messages"], swiftSettings: strict),
        .testTarget(name: "EventLogTests", dependencies: ["EventLog", "LMDB", "CanonicalJSON", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "GovernanceTests",
            dependencies: ["Governance", "GovernanceCodegen", "GrassrootsDemo", "EventLog", "CanonicalJSON", "Messages", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "GrassrootsServer", "Reports", "EventLog", "Governance", "CanonicalJSON", "Messages", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["EventLog", "LMDB", "CanonicalJSON", "Governance", "Messages", "GrassrootsCLI", "grassroots-generate", "grassroots-fuzz", "TestSupport"],
            exclude: ["Expected", "Fixtures"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
