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
        .target(
            name: "Matcher",
            dependencies: [
                .target(name: "CGLPK", condition: .when(traits: ["GLPK"])),
                .product(name: "Yams", package: "Yams"),
                "CLibcrypto",
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
