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

    /// summary.json without its one wall-clock field, `seconds` (SPEC requires it at the top
    /// level; everything else in the file must repeat byte for byte).
    static func withoutSeconds(_ json: [UInt8]) -> [UInt8] {
        let lines = String(decoding: json, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let kept = lines.filter { !$0.hasPrefix("  \"seconds\" : ") }
        #expect(kept.count == lines.count - 1, "summary.json has one top-level seconds line")
        return Array(kept.joined(separator: "\n").utf8)
    }

    /// Pairs the rows (input files at the same paths every time, so that summary.json can
    /// repeat) into `dir/name`; returns the output files, summary.json without `seconds`.
    func pair(
        _ dir: TemporaryDirectory, _ name: String, _ households: [String], _ helpers: [String], threads: Int? = nil
    ) throws -> [String: [UInt8]] {
        let h = dir.write("households.csv", (["id,name,district,street,community,severity,need_medical,need_policy"] + households).joined(separator: "\n") + "\n")
        let g = dir.write("helpers.csv", (["id,name,kind,capacity,district,street,community,offer_medical,offer_policy"] + helpers).joined(separator: "\n") + "\n")
        var options = YearlyPairing.Options(households: h, helpers: g, outputDirectory: dir.file(name))
        options.certificate = dir.file(name) + "/certificate.csv"
        options.threads = threads
        _ = try YearlyPairing.run(options)
        var out: [String: [UInt8]] = [:]
        for file in ["pairs.csv", "unpaired.csv", "certificate.csv", "summary.json"] {
            out[file] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.file(name) + "/" + file)))
        }
        out["summary.json"] = Self.withoutSeconds(out["summary.json"] ?? [])
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
        #expect(first == again, "seed \(seed): two runs on the same files differ")
        // Shuffled files have other digests; every other byte of every output is the same.
        func withoutDigests(_ files: [String: [UInt8]]) -> [String: [UInt8]] {
            var out = files
            let lines = String(decoding: files["summary.json"] ?? [], as: UTF8.self).split(separator: "\n")
            out["summary.json"] = Array(lines.filter { !$0.contains("\"sha256\"") }.joined(separator: "\n").utf8)
            return out
        }
        #expect(withoutDigests(first) == withoutDigests(shuffled), "seed \(seed): the order of the rows changed the plan")
        #expect((first["pairs.csv"]?.count ?? 0) > 100)
    }

    @Test func existingOutputsAreNotReplacedWithoutForce() throws {
        let dir = TemporaryDirectory("force")
        defer { dir.remove() }
        let (households, helpers) = Self.rows(seed: 9)
        let before = try pair(dir, "a", households, helpers)
        var options = YearlyPairing.Options(
            households: dir.file("households.csv"), helpers: dir.file("helpers.csv"), outputDirectory: dir.file("a"))
        options.previous = dir.file("a/pairs.csv")  // a different plan would be written
        #expect(throws: YearlyPairing.Failure.self) { try YearlyPairing.run(options) }
        let pairs = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.file("a/pairs.csv"))))
        #expect(pairs == before["pairs.csv"], "pairs.csv changed without --force")
        options.force = true
        _ = try YearlyPairing.run(options)
        let after = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.file("a/pairs.csv"))))
        #expect(after != before["pairs.csv"], "with --force the new plan (statuses kept) replaces the old")
    }

    @Test(arguments: 0..<3)
    func oneAndTwoThreadsGiveByteIdenticalFiles(seed: Int) throws {
        let dir = TemporaryDirectory("threads")
        defer { dir.remove() }
        let (households, helpers) = Self.rows(seed: UInt64(100 + seed))
        let one = try pair(dir, "one", households, helpers, threads: 1)
        let two = try pair(dir, "two", households, helpers, threads: 2)
        let all = try pair(dir, "all", households, helpers)
        #expect(one == two, "seed \(seed): 1 and 2 threads differ")
        #expect(one == all, "seed \(seed): 1 thread and all cores differ")
    }

    @Test func summaryRecordsInputDigestsPolicyAndVersion() throws {
        let dir = TemporaryDirectory("provenance")
        defer { dir.remove() }
        let (households, helpers) = Self.rows(seed: 4)
        _ = try pair(dir, "a", households, helpers)
        let summary = try CLITests.json(dir.file("a/summary.json"))
        #expect(summary["version"] as? String == MatcherVersion.string)
        #expect(summary["solver"] as? String == "hungarian")
        let inputs = summary["inputs"] as? [[String: Any]] ?? []
        #expect(inputs.map { $0["role"] as? String } == ["households", "helpers"])
        for input in inputs {
            let path = input["path"] as? String ?? ""
            // Checked against the system's own sha256sum, not against our code.
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            process.arguments = [path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(input["sha256"] as? String == output.split(separator: " ").first.map(String.init), "\(path)")
            #expect(CLITests.int(input["bytes"]) == CLITests.bytes(path).count)
        }
        let policy = summary["policy"] as? [String: Any] ?? [:]
        #expect(policy["weights"] as? [String: Int] == ["medical": 1, "policy": 1, "material": 1, "emotional": 1, "employment": 1, "education": 1])
        #expect(CLITests.int(policy["max_distance"]) == 2 && CLITests.int(policy["unpaired_base"]) == 10)
        let kinds = policy["kinds"] as? [String: [String: Int]] ?? [:]
        #expect(kinds.count == 6 && kinds["volunteer"] == ["min_severity": 1, "max_distance": 2])
    }
}
