// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way: engine <- darknet <- store <- triage <- UI / CLI.
// System C libraries come from Debian packages (see scripts/install-deps).
let package = Package(
    name: "Lantern",
    products: [
        .executable(name: "lantern", targets: ["lantern"]),
    ],
    targets: [
        .systemLibrary(name: "CPcap", pkgConfig: "libpcap", providers: [.apt(["libpcap-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CLanternShims", dependencies: ["CNcurses", "CZlib"]),

        .target(name: "LanternEngine"),
        .target(name: "LanternDarknet", dependencies: ["LanternEngine", "CPcap", "CZlib", "CLanternShims"]),
        .target(name: "LanternStore", dependencies: ["LanternEngine", "LanternDarknet", "CSQLite"]),
        .target(name: "LanternTriage", dependencies: ["LanternEngine", "LanternDarknet", "LanternStore"]),
        .target(name: "LanternUI", dependencies: ["LanternTriage", "CNcurses", "CLanternShims"]),
        .executableTarget(
            name: "lantern",
            dependencies: ["LanternEngine", "LanternDarknet", "LanternStore", "LanternTriage", "LanternUI"]
        ),

        .testTarget(name: "LanternEngineTests", dependencies: ["LanternEngine"], exclude: ["Fixtures"]),
        .testTarget(name: "LanternDarknetTests", dependencies: ["LanternDarknet"]),
        .testTarget(name: "LanternStoreTests", dependencies: ["LanternStore"]),
        .testTarget(name: "LanternTriageTests", dependencies: ["LanternTriage"], exclude: ["SubnetFixtures"]),
        .testTarget(name: "LanternUITests", dependencies: ["LanternUI"]),
        .testTarget(name: "LanternEndToEndTests", dependencies: ["LanternDarknet"]),
    ],
    swiftLanguageModes: [.v5]
)
