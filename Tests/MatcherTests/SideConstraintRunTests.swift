import Foundation
import Testing
@testable import Matcher

/// `match pair` with coverage and org_spread, end to end through files.
@Suite struct SideConstraintRunTests {
    /// Street A: 6 households in community A1; street B: 4 in B1. Station A (community A1)
    /// has 3 helpers of capacity 2, station B (community B1) 2 helpers of capacity 1.
    static func roll(_ dir: TemporaryDirectory, policy: String) -> YearlyPairing.Options {
        var households = "id,name,district,street,community,severity\n"
        for i in 0..<10 {
            let (s, c) = i < 6 ? ("A街道", "A1社区") : ("B街道", "B1社区")
            households += "H\(i),户\(i),西岗区,\(s),\(c),1\n"
        }
        var helpers = "id,name,kind,capacity,district,street,community,organization\n"
        for i in 0..<3 { helpers += "GA\(i),甲\(i),volunteer,2,西岗区,A街道,A1社区,站A\n" }
        for i in 0..<2 { helpers += "GB\(i),乙\(i),volunteer,1,西岗区,B街道,B1社区,站B\n" }
        var options = YearlyPairing.Options(
            households: dir.write("households.csv", households), helpers: dir.write("helpers.csv", helpers),
            outputDirectory: dir.file("out"))
        options.policy = dir.write("policy.yaml", policy)
        options.timeLimit = 10
        return options
    }

    /// Households paired per street and per (organization, community), read from pairs.csv.
    static func counts(_ dir: TemporaryDirectory) throws -> (street: [String: Int], spread: [String: Int]) {
        let text = try String(contentsOfFile: dir.file("out/pairs.csv"), encoding: .utf8)
        var street: [String: Int] = [:], spread: [String: Int] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            street[f[3], default: 0] += 1
            let station = f[6].hasPrefix("GA") ? "站A" : "站B"
            spread[station + "/" + f[4], default: 0] += 1
        }
        return (street, spread)
    }

    @Test func planMeetsQuotasAndSpread() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let options = Self.roll(dir, policy: "coverage: [{level: street, min_fraction: 0.75}]\norg_spread: 3\n")
        let outcome = try YearlyPairing.run(options)
        let (street, spread) = try Self.counts(dir)
        #expect(street["A街道", default: 0] >= 5)  // ⌈0.75 × 6⌉
        #expect(street["B街道", default: 0] >= 3)  // ⌈0.75 × 4⌉
        #expect(spread.values.allSatisfy { $0 <= 3 })
        #expect(outcome.summary.solver == (SidedPairingSolver.glpkAvailable ? "lagrangian+glpk" : "lagrangian"))
        #expect(outcome.summary.bound <= outcome.summary.objective)
        #expect(outcome.summary.sideConstraints.isEmpty)
        // 8 places, 8 pairs: A1 takes 3 of station A and 2 of station B at distance 2 (cost 2
        // each), B1 takes 3 of station A at distance 2; 2 households unpaired at 10 each.
        #expect(outcome.summary.objective == 2 * 2 + 3 * 2 + 2 * 10)
        if SidedPairingSolver.glpkAvailable { #expect(outcome.summary.gap == 0) }
    }

    @Test func hungarianIgnoresTheRulesAndSaysWhich() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var options = Self.roll(dir, policy: "coverage: [{level: street, min_fraction: 0.75}]\norg_spread: 3\n")
        options.solver = .hungarian
        let outcome = try YearlyPairing.run(options)
        #expect(outcome.summary.solver == "hungarian")
        #expect(outcome.summary.solverReason.contains("ignores them"))
        #expect(outcome.summary.sideConstraints == [
            "西岗区 B街道: 2 households paired, the quota is 3 (1 short)",
            "站A in 西岗区 A街道 A1社区: 6 households, the limit is 3 (3 over)",
        ])
        let json = try String(contentsOfFile: dir.file("out/summary.json"), encoding: .utf8)
        #expect(json.contains("\"side_constraints\""))
    }

    @Test func unreachableQuotaIsNamedAndNothingIsWritten() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let options = Self.roll(dir, policy: "coverage: [{level: street, min_fraction: 1.0}]\norg_spread: 3\n")
        #expect {
            try YearlyPairing.run(options)
        } throws: { error in
            guard case YearlyPairing.Failure.infeasibleRules(let messages) = error else { return false }
            return messages == [
                "street 西岗区 A街道 needs 6 of its 6 households paired, but its households can have at most 5 pairs (1 short): too few eligible helper places",
                "the 2 streets of 西岗区 together need 10 households paired, but their households can have at most 8 pairs (2 short): too few eligible helper places",
            ]
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/pairs.csv")))
    }
}
