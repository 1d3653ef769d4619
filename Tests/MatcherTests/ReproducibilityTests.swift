import Foundation
import Testing
@testable import Matcher

/// Same inputs, same outputs: across runs and whatever the order of the rows.
@Suite struct ReproducibilityTests {
    /// A roll with many ties (few need levels, many equal helpers), as CSV rows.
    static func rows(seed: UInt64) -> (households: [String], helpers: [String]) {
        var rng = SplitMix64(seed: seed)
        func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
        let households = (0..<120).map { i in
            "H\(1000 + i),户\(i),西岗区,街\(int(0...2)),社\(int(0...3)),\(int(1...5)),\(int(0...2)),\(int(0...1))"
        }
        let helpers = (0..<70).map { i in
            "G\(1000 + i),帮\(i),\(["cadre", "volunteer", "enterprise"][int(0...2)]),\(int(0...2)),西岗区,街\(int(0...2)),,\(int(0...2)),\(int(0...1))"
        }
        return (households, helpers)
    }

    func pair(_ dir: TemporaryDirectory, _ name: String, _ households: [String], _ helpers: [String]) throws -> [String: [UInt8]] {
        let h = dir.write("\(name)-households.csv", (["id,name,district,street,community,severity,need_medical,need_policy"] + households).joined(separator: "\n") + "\n")
        let g = dir.write("\(name)-helpers.csv", (["id,name,kind,capacity,district,street,community,offer_medical,offer_policy"] + helpers).joined(separator: "\n") + "\n")
        var options = YearlyPairing.Options(households: h, helpers: g, outputDirectory: dir.file(name))
        options.certificate = dir.file(name) + "/certificate.csv"
        _ = try YearlyPairing.run(options)
        var out: [String: [UInt8]] = [:]
        for file in ["pairs.csv", "unpaired.csv", "certificate.csv"] {
            out[file] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.file(name) + "/" + file)))
        }
        return out
    }

    @Test(arguments: 0..<5)
    func shuffledRowsGiveByteIdenticalFiles(seed: Int) throws {
        let dir = TemporaryDirectory("repro")
        defer { dir.remove() }
        let (households, helpers) = Self.rows(seed: UInt64(seed))
        var rng = SplitMix64(seed: UInt64(seed) ^ 0x5EED)
        let first = try pair(dir, "a", households, helpers)
        let again = try pair(dir, "b", households, helpers)
        let shuffled = try pair(dir, "c", households.shuffled(using: &rng), helpers.shuffled(using: &rng))
        #expect(first == again)
        #expect(first == shuffled, "seed \(seed): the order of the rows changed the plan")
        #expect((first["pairs.csv"]?.count ?? 0) > 100)
    }

    @Test func existingOutputsAreNotReplacedWithoutForce() throws {
        let dir = TemporaryDirectory("force")
        defer { dir.remove() }
        let (households, helpers) = Self.rows(seed: 9)
        let before = try pair(dir, "a", households, helpers)
        var options = YearlyPairing.Options(
            households: dir.file("a-households.csv"), helpers: dir.file("a-helpers.csv"), outputDirectory: dir.file("a"))
        options.previous = dir.file("a/pairs.csv")  // a different plan would be written
        #expect(throws: YearlyPairing.Failure.self) { try YearlyPairing.run(options) }
        let pairs = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.file("a/pairs.csv"))))
        #expect(pairs == before["pairs.csv"], "pairs.csv changed without --force")
        options.force = true
        _ = try YearlyPairing.run(options)
        let after = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.file("a/pairs.csv"))))
        #expect(after != before["pairs.csv"], "with --force the new plan (statuses kept) replaces the old")
    }
}
