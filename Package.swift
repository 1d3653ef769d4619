// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Matcher",
    products: [
        .executable(name: "match", targets: ["MatchCLI"]),
        .library(name: "Matcher", targets: ["Matcher"]),
    ],
    traits: [
        .trait(
            name: "GLPK",
            description: "Link Debian's libglpk-dev and offer GLPK's integer program as a solver."),
        .default(enabledTraits: ["GLPK"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // SHA-256 of the input files in summary.json (see docs/reliability.md for its build cost).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The office server (`match serve`): HTTP, bcrypt and SQLite.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // A regular C target (not only a module map): it carries a small shim that
        // guards GLPK calls with setjmp/longjmp, which Swift cannot express.
        .target(
            name: "CGLPK",
            linkerSettings: [.linkedLibrary("glpk")]
        ),
        .target(
            name: "Matcher",
            dependencies: [
                .target(name: "CGLPK", condition: .when(traits: ["GLPK"])),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The office server: adapts HTTP to the library, keeps rounds in SQLite.
        .target(
            name: "MatchServer",
            dependencies: [
                "Matcher",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "MatchCLI",
            dependencies: [
                "Matcher",
                "MatchServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "MatcherTests",
            dependencies: ["Matcher"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "MatchServerTests",
            dependencies: [
                "MatchServer",
                "Matcher",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ]
)
