// swift-tools-version: 6.1
import Foundation
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
        // The ZIP container of .xlsx workbooks (reading); zlib underneath.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The office server's tokens and upload hashes (hummingbird-auth builds it anyway).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The office server (`match serve`): HTTP, bcrypt and SQLite.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // The office's web pages: templates, and the file fields of their upload forms.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    ],
    targets: [
        // OpenSSL's libcrypto, for the SHA-256 of the input files in summary.json: Debian's
        // libssl-dev instead of swift-crypto, whose BoringSSL build was most of a first build
        // (see README, "Build time").
        .systemLibrary(name: "CLibcrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
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
                "CLibcrypto",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
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
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            exclude: ["ROUND-OPERATIONS.md"],
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

// Fuzz harnesses: with MATCHER_FUZZ=1 in the environment, every Fuzz/NAMEFuzz.swift becomes an
// executable target NAMEFuzz against the library as the package builds it, for
// scripts/fuzz.sh (which builds them with -sanitize=fuzzer,address; libFuzzer supplies their
// main). Listed from the folder, so a new harness needs no line here.
if Context.environment["MATCHER_FUZZ"] == "1" {
    let folder = URL(fileURLWithPath: Context.packageDirectory).appendingPathComponent("Fuzz").path
    let harnesses = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
        .filter { $0.hasSuffix("Fuzz.swift") }.sorted()
    let entries = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    for file in harnesses {
        package.targets.append(.executableTarget(
            name: String(file.dropLast(".swift".count)), dependencies: ["Matcher"], path: "Fuzz",
            exclude: entries.filter { $0 != file }, sources: [file]))
    }
}
