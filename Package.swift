// swift-tools-version:6.0
import PackageDescription

// The dependency rule (docs/kien-truc.md): Core ← {Storage, Import, Documents, Checker} ← Application
// ← {Web, Demo} ← tiendo (the composition root). TiendoCore depends on Foundation only; nothing in
// it imports a framework. Demo and benchmark generators are used by the command line (and tests) only.
let package = Package(
    name: "Tiendo",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tiendo", targets: ["tiendo"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.0"),
        .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.14.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .target(name: "TiendoCore"),
        .target(
            name: "TiendoStorage",
            dependencies: [
                "TiendoCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
        .target(
            name: "TiendoImport",
            dependencies: [
                "TiendoCore",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "TiendoDocuments",
            dependencies: [
                "TiendoCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "TiendoChecker",
            dependencies: [
                "TiendoCore",
                "TiendoDocuments",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "TiendoApplication",
            dependencies: ["TiendoCore", "TiendoImport", "TiendoStorage", "TiendoDocuments"]
        ),
        .target(
            name: "TiendoDemo",
            dependencies: ["TiendoCore", "TiendoImport", "TiendoStorage", "TiendoDocuments", "TiendoApplication"],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "TiendoWeb",
            dependencies: [
                "TiendoCore",
                "TiendoStorage",
                "TiendoDocuments",
                "TiendoChecker",
                "TiendoImport",
                "TiendoApplication",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "tiendo",
            dependencies: [
                "TiendoCore",
                "TiendoStorage",
                "TiendoImport",
                "TiendoWeb",
                "TiendoApplication",
                "TiendoDemo",
                "TiendoChecker",
                "TiendoDocuments",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "TiendoTestSupport",
            dependencies: [
                "TiendoCore",
                "TiendoStorage",
                "TiendoDocuments",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
        .testTarget(name: "TiendoCoreTests", dependencies: ["TiendoCore", "TiendoChecker", "TiendoTestSupport"]),
        .testTarget(
            name: "TiendoCheckerTests",
            dependencies: ["TiendoChecker", "TiendoCore", "TiendoDocuments", "TiendoTestSupport"]
        ),
        .testTarget(
            name: "TiendoStorageTests",
            dependencies: ["TiendoCore", "TiendoStorage", "TiendoImport", "TiendoTestSupport"]
        ),
        .testTarget(name: "TiendoImportTests", dependencies: ["TiendoCore", "TiendoImport", "TiendoTestSupport"]),
        .testTarget(
            name: "TiendoDocumentsTests",
            dependencies: [
                "TiendoDocuments", "TiendoChecker", "TiendoCore", "TiendoStorage", "TiendoApplication", "TiendoDemo",
                "TiendoTestSupport",
            ]
        ),
        .testTarget(
            name: "TiendoApplicationTests",
            dependencies: [
                "TiendoApplication", "TiendoDemo", "TiendoCore", "TiendoImport", "TiendoStorage", "TiendoDocuments",
                "TiendoTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
        .testTarget(
            name: "TiendoWebTests",
            dependencies: [
                "TiendoWeb", "TiendoStorage", "TiendoApplication", "TiendoDemo", "TiendoTestSupport", "TiendoDocuments",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "XCTVapor", package: "vapor"),
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
