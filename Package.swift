// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way: engine <- darknet, mail <- store <- triage <- UI / CLI.
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
        // The mouse shims call ncurses functions. lantern-bench-mail reaches the shims through
        // LanternDarknet without CNcurses, and its link failed on mousemask until the library
        // was named here.
        .target(name: "CLanternShims", dependencies: ["CNcurses", "CZlib"], linkerSettings: [.linkedLibrary("ncursesw")]),
        .systemLibrary(name: "CGMime", pkgConfig: "gmime-3.0", providers: [.apt(["libgmime-3.0-dev"])]),
        .systemLibrary(name: "CMeCab", providers: [.apt(["libmecab-dev", "mecab-ipadic-utf8"])]),
        .systemLibrary(name: "CXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CPSL", pkgConfig: "libpsl", providers: [.apt(["libpsl-dev"])]),
        .systemLibrary(name: "CUchardet", pkgConfig: "uchardet", providers: [.apt(["libuchardet-dev"])]),

        .target(name: "CChildProcess"),
        .target(name: "LanternProcess", dependencies: ["CChildProcess"]),
        .target(name: "LanternEngine"),
        .target(name: "LanternDarknet", dependencies: ["LanternEngine", "CPcap", "CZlib", "CLanternShims"]),
        .target(name: "LanternMail", dependencies: ["LanternEngine", "CGMime", "CMeCab", "CXML2", "CPSL", "CUchardet"]),
        .target(name: "LanternStore", dependencies: ["LanternEngine", "LanternDarknet", "LanternMail", "CSQLite"]),
        .target(name: "LanternTriage", dependencies: ["LanternEngine", "LanternDarknet", "LanternMail", "LanternProcess", "LanternStore"]),
        .target(name: "LanternUI", dependencies: ["LanternTriage", "CNcurses", "CLanternShims"]),
        // Benchmarks of the mail models against LIBLINEAR and LIBSVM; `scripts/bench-mail` runs
        // both. lantern-bench-mail writes the data; lantern-bench-train, timed against the
        // reference tools, links only the engine so that its start-up is as light as theirs.
        .executableTarget(name: "lantern-bench-mail", dependencies: ["LanternEngine", "LanternMail", "LanternTriage"]),
        .executableTarget(name: "lantern-bench-train", dependencies: ["LanternEngine"]),
        .executableTarget(
            name: "lantern",
            dependencies: ["LanternEngine", "LanternDarknet", "LanternMail", "LanternStore", "LanternTriage", "LanternUI"]
        ),

        .testTarget(name: "LanternEngineTests", dependencies: ["LanternEngine"], exclude: ["Fixtures"]),
        .testTarget(name: "LanternDarknetTests", dependencies: ["LanternDarknet", "LanternProcess"]),
        .testTarget(name: "LanternMailTests", dependencies: ["LanternMail"], exclude: ["Fixtures"]),
        .testTarget(name: "LanternStoreTests", dependencies: ["LanternStore"]),
        .testTarget(name: "LanternTriageTests", dependencies: ["LanternTriage", "LanternMail"], exclude: ["SubnetFixtures"]),
        .testTarget(name: "LanternUITests", dependencies: ["LanternUI"]),
        .testTarget(name: "LanternProcessTests", dependencies: ["LanternProcess"]),
        .testTarget(name: "LanternEndToEndTests", dependencies: ["LanternDarknet", "LanternProcess", "LanternUI"]),
    ],
    swiftLanguageModes: [.v5]
)
