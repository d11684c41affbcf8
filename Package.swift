// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Caseload",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "caseload", targets: ["caseload"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        // Domain values and rules: pure Swift, no I/O.
        .target(name: "CaseloadCore"),
        // The service-editable data files under the top-level Resources/ folder.
        .target(
            name: "CaseloadResources",
            resources: [.copy("../../Resources")]
        ),
        // The SQLite store through GRDB.
        .target(
            name: "CaseloadStore",
            dependencies: [
                "CaseloadCore",
                "CaseloadResources",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's own API, for the progress handler that stops a search at its deadline.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The team's hub, a PostgreSQL server, through PostgresNIO: only
        // this target and the commands that sync touch the network.
        .target(
            name: "CaseloadHub",
            dependencies: ["CaseloadCore", "CaseloadStore", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // A small terminal kit with no curses in it: display widths, cells, layout.
        .target(name: "TerminalUI"),
        // The system ncursesw library (wide characters), for the terminal backend only.
        .systemLibrary(name: "CNCursesW", providers: [.apt(["libncurses-dev"])]),
        // The app: state, messages, a pure update, views into the cell buffer.
        .target(name: "CaseloadApp", dependencies: ["CaseloadCore", "CaseloadStore", "TerminalUI"]),
        // The executable: argument parsing and wiring.
        .executableTarget(
            name: "caseload",
            dependencies: [
                "CaseloadCore",
                "CaseloadResources",
                "CaseloadStore",
                "CaseloadApp",
                "CaseloadHub",
                "TerminalUI",
                "CNCursesW",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CaseloadCoreTests",
            dependencies: [
                "CaseloadCore",
                "CaseloadResources",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "CaseloadStoreTests",
            dependencies: [
                "CaseloadStore",
                "CaseloadCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(
            name: "CaseloadAppTests",
            dependencies: ["CaseloadApp", "CaseloadCore", "CaseloadStore", "TerminalUI"]
        ),
        .testTarget(name: "CaseloadCommandTests", dependencies: ["CaseloadCore"]),
        // Against a real PostgreSQL hub that scripts/test starts (scripts/hub).
        .testTarget(
            name: "CaseloadHubTests",
            dependencies: ["CaseloadHub", "CaseloadCore", "CaseloadStore", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // The executable's own output code, tested in process: the JSON
        // listing writer must write what JSONEncoder writes.
        .testTarget(
            name: "CaseloadOutputTests",
            dependencies: [
                "caseload",
                "CaseloadCore",
                "CaseloadStore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
    ]
)
