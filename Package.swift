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
        // The ZIP container of .xlsx workbooks (reading); zlib underneath.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // A regular C target (not only a module map): it carries a small shim that
        // guards GLPK calls with setjmp/longjmp, which Swift cannot express.
        .target(
            name: "CGLPK",
            linkerSettings: [.linkedLibrary("glpk")]
        ),
        // Debian's libxlsxwriter, which writes the .xlsx workbooks (--format xlsx).
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(
            name: "Matcher",
            dependencies: [
                "CXLSXWriter",
                .target(name: "CGLPK", condition: .when(traits: ["GLPK"])),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(
            name: "MatchCLI",
            dependencies: [
                "Matcher",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "MatcherTests",
            dependencies: ["Matcher"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
