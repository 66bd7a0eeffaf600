// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "tideblob",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tideblob", targets: ["tideblob"]),
        .executable(name: "tideblob-bench", targets: ["tideblob-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // C shims: system libraries with static inline wrappers (no C sources).
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CNCursesW", path: "Sources/CNCursesW", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CWCWidth", path: "Sources/CWCWidth"),

        // Layer 5 (leaf utilities): display-safe text.
        .target(name: "SafeText", dependencies: ["CWCWidth"]),

        // Layer 5: the local server that behaves like the real Tidepool blob service.
        .target(name: "Sandbox", dependencies: [
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Layer 4: the shared API client over libcurl.
        .target(name: "TidepoolAPI", dependencies: [
            "CCurl", "SafeText",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Layer 3: view-models (no ncurses, no HTTP of its own).
        .target(name: "BlobBrowser", dependencies: ["TidepoolAPI", "SafeText"]),

        // Layer 2: ncurses front end. Only this target imports CNCursesW.
        .target(name: "TerminalUI", dependencies: ["BlobBrowser", "SafeText", "CNCursesW"]),

        // Layer 1: commands and wiring.
        .executableTarget(name: "tideblob", dependencies: [
            "TerminalUI", "BlobBrowser", "TidepoolAPI", "Sandbox", "SafeText",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "tideblob-bench", dependencies: [
            "TidepoolAPI", "Sandbox", "BlobBrowser", "TerminalUI",
        ]),

        // Test support: start a sandbox in-process, temp dirs, run the CLI binary.
        .target(name: "TestSupport", dependencies: ["Sandbox", "TidepoolAPI"], path: "Tests/TestSupport"),

        .testTarget(name: "SafeTextTests", dependencies: ["SafeText"]),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox", "TestSupport"]),
        .testTarget(name: "TidepoolAPITests", dependencies: ["TidepoolAPI", "Sandbox", "TestSupport"]),
        .testTarget(name: "BlobBrowserTests", dependencies: ["BlobBrowser", "TidepoolAPI", "TestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "BlobBrowser", "SafeText", "TestSupport"],
                    exclude: ["ScreenSnapshots"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
        // Reliability and security suite: fault matrix, hostile corpus, decoder fuzzing, secrets, deletion safety,
        // sandbox durability and load. Prints a summary of figures when it finishes.
        .testTarget(name: "ReliabilityTests", dependencies: [
            "TidepoolAPI", "Sandbox", "BlobBrowser", "TerminalUI", "SafeText", "TestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ], exclude: ["Fixtures"]),
    ]
)
