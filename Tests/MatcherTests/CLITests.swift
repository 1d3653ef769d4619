import Foundation
import Testing
@testable import Matcher

/// End to end through the built `match` executable.
@Suite(.serialized) struct CLITests {
    /// The `match` executable of the build the tests run from: next to the test bundle in
    /// whatever scratch folder is in use (`.build/debug`, `.build-tests/debug`, …).
    static let executable: String? = {
        let fm = FileManager.default
        var starts: [URL] = [Bundle.main.bundleURL, Bundle.main.executableURL, Bundle.module.bundleURL]
            .compactMap { $0 }
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append(URL(fileURLWithPath: exe))
        }
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]))
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<6 {
                let candidate = dir.appendingPathComponent("match").path
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                   fm.isExecutableFile(atPath: candidate) {
                    return candidate
                }
                dir.deleteLastPathComponent()
            }
        }
        // Fall back on the package's usual scratch folders.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for scratch in [".build-tests", ".build"] {
            let candidate = root.appendingPathComponent("\(scratch)/debug/match").path
            if fm.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `match` with `arguments` (and `environment` added to the test's own), capturing
    /// its output through files in `dir`.
    static func match(_ arguments: [String], in dir: TemporaryDirectory, environment: [String: String] = [:]) throws -> Run {
        guard let executable else {
            Issue.record("the match executable was not found next to the test bundle (\(Bundle.main.bundleURL.path))")
            return Run(status: -1, stdout: "", stderr: "")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        }
        let outPath = dir.write(".stdout-\(UUID().uuidString)", "")
        let errPath = dir.write(".stderr-\(UUID().uuidString)", "")
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        return Run(
            status: process.terminationStatus,
            stdout: try String(contentsOfFile: outPath, encoding: .utf8),
            stderr: try String(contentsOfFile: errPath, encoding: .utf8))
    }

    static func bytes(_ path: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
    }

    /// Data rows of a CSV file (header excluded), read with the product's own reader.
    static func rows(_ path: String) throws -> [[String]] {
        let text = try TextDecoding.utf8Bytes(bytes(path), encoding: .utf8, file: path)
        let csv = CSVRecords(utf8: text, file: path)
        #expect(csv.problems.isEmpty, "\(path): \(csv.problems)")
        return csv.records.dropFirst().map(\.fields)
    }

    static func json(_ path: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        return object as? [String: Any] ?? [:]
    }

    static func int(_ any: Any?) -> Int? { (any as? NSNumber)?.intValue }

    @Test func executableIsFound() {
        #expect(Self.executable != nil)
    }

    /// Coverage rules at three nested levels, some binding: the plan meets every quota (counted here from
    /// pairs.csv), and the certificate file, quota rows included, proves it from the inputs:
    /// v, w ≥ 0, u_h ≤ p(h) + Σ w of its places, and Σu − Σ capacity·v − Σ room·w = objective.
    @Test(.timeLimit(.minutes(10)))
    func coverageCertificateFromTheFiles() throws {
        let dir = TemporaryDirectory("cli-coverage")
        defer { dir.remove() }
        _ = try Self.match(["generate", "--preset", "xigang", "--seed", "3", "--out", dir.path], in: dir)
        let households = dir.file("households.csv"), helpers = dir.file("helpers.csv"), policy = dir.file("policy.yaml")
        let fraction = ["community:": 0.7, "street:": 0.862, "district:": 0.85]
        try fraction.map { "  - {level: \($0.key.dropLast()), min_fraction: \($0.value)}\n" }.reduce("coverage:\n", +)
            .write(toFile: policy, atomically: true, encoding: .utf8)
        let out = dir.file("out"), certificate = dir.file("cert.csv")
        let run = try Self.match(
            ["pair", "--households", households, "--helpers", helpers, "--policy", policy, "--out", out, "--certificate", certificate],
            in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try Self.json(out + "/summary.json")
        let objective = Self.int(summary["objective"])
        #expect(objective != nil && objective == Self.int(summary["bound"]))

        let roll = try RollReader.read(households: households, helpers: helpers)
        let model = try CostModel(roll: roll, policy: try PolicyReader.read(path: policy))
        let hIndex = roll.householdIndex(), gIndex = roll.helperIndex()
        var u = [Int](repeating: 0, count: roll.households.count), v = [Int](repeating: 0, count: roll.helpers.count)
        var w: [String: Int] = [:]
        for row in try Self.rows(certificate) {
            let price = Int(row[2])!
            if row[0] == "household" { u[hIndex[row[1]]!] = price }
            else if row[0] == "helper" { v[gIndex[row[1]]!] = price }
            else { #expect(row[0] == "quota"); w[row[1]] = price }
        }
        // The places, their households and rooms, counted from the roll.
        let places = roll.places
        func ids(_ h: Int) -> [String] {
            let l = roll.households.locations[h], d = places.districtNames[Int(l.district)]
            let street = d + "/" + places.streetNames[Int(l.street)]
            return ["community:" + street + "/" + places.communityNames[Int(l.community)], "street:" + street, "district:" + d]
        }
        var size: [String: Int] = [:], paired: [String: Int] = [:]
        for h in 0..<roll.households.count { for id in ids(h) { size[id, default: 0] += 1 } }
        let pairRows = try Self.rows(out + "/pairs.csv")
        for row in pairRows { for id in ids(hIndex[row[0]]!) { paired[id, default: 0] += 1 } }
        #expect(Set(w.keys) == Set(size.keys))
        #expect(w.values.contains { $0 > 0 }, "no quota binds")
        var dual = u.reduce(0, +)
        for g in 0..<v.count { dual -= Int(roll.helpers.capacity[g]) * v[g] }
        for (id, n) in size {
            let level = fraction.keys.first { id.hasPrefix($0) }!
            let quota = Int((fraction[level]! * Double(n)).rounded(.up))
            #expect(paired[id, default: 0] >= quota, "\(id): \(paired[id, default: 0]) paired, quota \(quota)")
            #expect(w[id]! >= 0)
            dual -= (n - quota) * w[id]!
        }
        #expect(dual == objective)
        #expect(v.allSatisfy { $0 >= 0 })
        for h in 0..<u.count {
            #expect(u[h] <= model.unpairedCost(h) + ids(h).reduce(0) { $0 + w[$1]! }, "household \(h)")
        }
        for row in pairRows {
            let h = hIndex[row[0]]!, g = gIndex[row[6]]!
            #expect(u[h] - v[g] == model.cost(h, g), "pair \(row[0])–\(row[6]) not tight")
        }
    }

    @Test(.timeLimit(.minutes(10)))
    func generateThenPairXigang() throws {
        let dir = TemporaryDirectory("cli")
        defer { dir.remove() }
        let generated = try Self.match(["generate", "--preset", "xigang", "--seed", "3", "--out", dir.path], in: dir)
        #expect(generated.status == 0, "\(generated.stderr)")
        let households = dir.file("households.csv"), helpers = dir.file("helpers.csv")
        #expect(FileManager.default.fileExists(atPath: households))
        #expect(FileManager.default.fileExists(atPath: helpers))
        let householdRows = try Self.rows(households)
        let helperRows = try Self.rows(helpers)
        #expect(householdRows.count == 4_601)

        let out = dir.file("out")
        let certificate = out + "/cert.csv"
        let paired = try Self.match(
            ["pair", "--households", households, "--helpers", helpers, "--out", out, "--certificate", certificate],
            in: dir)
        #expect(paired.status == 0, "\(paired.stderr)")
        #expect(paired.stderr.isEmpty, "\(paired.stderr)")
        for name in ["pairs.csv", "unpaired.csv", "summary.json", "cert.csv"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name) missing")
        }

        let summary = try Self.json(out + "/summary.json")
        for key in ["objective", "bound", "gap", "solver", "pairs", "unpaired", "seconds"] {
            #expect(summary[key] != nil, "summary.json lacks \(key)")
        }
        let objective = Self.int(summary["objective"]), bound = Self.int(summary["bound"])
        #expect(objective != nil && objective == bound)
        #expect((summary["gap"] as? NSNumber)?.doubleValue == 0)
        let pairs = Self.int(summary["pairs"]) ?? -1, unpaired = Self.int(summary["unpaired"]) ?? -1
        #expect(pairs + unpaired == householdRows.count)
        #expect(Self.int(summary["households"]) == householdRows.count)
        #expect(pairs > 0)

        let pairsBytes = Self.bytes(out + "/pairs.csv")
        #expect(Array(pairsBytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "pairs.csv starts with a UTF-8 BOM")
        let pairRows = try Self.rows(out + "/pairs.csv")
        #expect(pairRows.count == pairs)
        #expect(try Self.rows(out + "/unpaired.csv").count == unpaired)
        #expect(Set(pairRows.map { $0[0] }).count == pairRows.count, "a household paired twice")

        // The certificate file against the inputs: one price per household and helper,
        // v ≥ 0, u ≤ p(h), tight on the listed pairs, and Σu − Σ capacity·v = objective.
        let roll = try RollReader.read(households: households, helpers: helpers)
        let model = try CostModel(roll: roll, policy: Policy())
        let hIndex = roll.householdIndex(), gIndex = roll.helperIndex()
        let certRows = try Self.rows(certificate)
        var u = [Int?](repeating: nil, count: roll.households.count)
        var v = [Int?](repeating: nil, count: roll.helpers.count)
        for row in certRows {
            guard row.count == 3, let price = Int(row[2]) else { Issue.record("bad row \(row)"); continue }
            if row[0] == "household", let h = hIndex[row[1]] { u[h] = price }
            else if row[0] == "helper", let g = gIndex[row[1]] { v[g] = price }
            else { Issue.record("bad row \(row)") }
        }
        #expect(certRows.count == householdRows.count + helperRows.count)
        #expect(!u.contains(nil) && !v.contains(nil))
        let us = u.map { $0 ?? 0 }, vs = v.map { $0 ?? 0 }
        #expect(vs.allSatisfy { $0 >= 0 })
        #expect((0..<us.count).allSatisfy { us[$0] <= model.unpairedCost($0) })
        var dual = us.reduce(0, +)
        for g in 0..<vs.count { dual -= Int(roll.helpers.capacity[g]) * vs[g] }
        #expect(dual == objective)
        var planCost = 0
        for row in pairRows {
            guard let h = hIndex[row[0]], let g = gIndex[row[6]] else { Issue.record("unknown ids in \(row)"); continue }
            #expect(model.ineligibility(h, g) == nil)
            #expect(us[h] - vs[g] == model.cost(h, g), "pair \(row[0])–\(row[6]) not tight")
            #expect(Int(row[12]) == model.cost(h, g))
            planCost += model.cost(h, g)
        }
        for row in try Self.rows(out + "/unpaired.csv") {
            if let h = hIndex[row[0]] { planCost += model.unpairedCost(h) }
        }
        #expect(planCost == objective)
        // u − v ≤ c over every eligible pair of a sample of households.
        var violations = 0
        for h in stride(from: 0, to: roll.households.count, by: 23) {
            for g in 0..<roll.helpers.count where roll.helpers.capacity[g] > 0 && model.ineligibility(h, g) == nil {
                if us[h] - vs[g] > model.cost(h, g) { violations += 1 }
            }
        }
        #expect(violations == 0)
    }

    /// `match solve` with each solver on a hand-solved file (optimum 7), then on a file no
    /// assignment exists for, which must be named with its source node.
    @Test func solveAgreesAcrossSolversAndNamesInfeasibleSources() throws {
        let dir = TemporaryDirectory("cli-solve")
        defer { dir.remove() }
        let file = dir.write("small.asn", """
            p asn 7 8
            n 2
            n 5
            n 6
            a 2 1 4
            a 2 3 1
            a 2 7 3
            a 5 1 6
            a 5 3 2
            a 6 3 5
            a 6 4 6
            a 6 7 1

            """)
        for solver in ["auction", "hungarian"] {
            let out = dir.file("pairs-\(solver).txt")
            let run = try Self.match(["solve", file, "--solver", solver, "--assignment", out], in: dir)
            #expect(run.status == 0, "\(solver): \(run.stderr)")
            #expect(run.stdout.hasPrefix("optimum 7\n"), "\(solver): \(run.stdout)")
            let chosen = String(decoding: Self.bytes(out), as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("a ") }
            #expect(chosen == ["a 2 1 4", "a 5 3 2", "a 6 7 1"], "\(solver)")
        }
        let swapped = dir.write("swapped.asn", "p asn 4 3\nn 1\nn 2\na 1 3 1\na 2 3 2\na 1 4 5\n")
        let twoOnOne = dir.write("two-on-one.asn", "p asn 3 2\nn 1\nn 2\na 1 3 1\na 2 3 2\n")
        let ok = try Self.match(["solve", swapped], in: dir)  // 1→4 (5) + 2→3 (2): the cheap arc gives way
        #expect(ok.status == 0 && ok.stdout.hasPrefix("optimum 7\n"), "\(ok.stdout) \(ok.stderr)")
        let run = try Self.match(["solve", twoOnOne], in: dir)
        #expect(run.status != 0)
        #expect(run.stderr.contains("infeasible") && run.stderr.contains("source node"), "stderr: \(run.stderr)")
    }

    @Test func badInputExitsNonZeroNamesTheLineAndWritesNothing() throws {
        let dir = TemporaryDirectory("cli")
        defer { dir.remove() }
        let households = dir.write("households.csv", """
            id,name,district,street,community,severity,phone
            H1,张三,D,S,C,1,13800000001
            H2,李四,D,S,C,7,13800000002

            """)
        let helpers = dir.write("helpers.csv", "id,name,kind,capacity\nG1,帮甲,cadre,2\n")
        let out = dir.file("out")
        let run = try Self.match(
            ["pair", "--households", households, "--helpers", helpers, "--out", out, "--certificate", out + "/cert.csv"],
            in: dir)
        #expect(run.status != 0)
        #expect(run.stderr.contains("households.csv:3:6:"), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("severity"))
        #expect(!run.stderr.contains("13800000002") && !run.stdout.contains("13800000002"))
        #expect(!FileManager.default.fileExists(atPath: out), "output directory created on failure")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".std") }
        #expect(Set(left) == ["households.csv", "helpers.csv"])
    }

    @Test func smallRunWritesTheExpectedPairs() throws {
        let dir = TemporaryDirectory("cli")
        defer { dir.remove() }
        // Three households needing material 3 at severity 3; helpers offering 3, 2, 1.
        let households = dir.write("households.csv", """
            户编号,户主姓名,区,街道,社区,困难程度,物质
            H1,张三,D,S,C,3,3
            H2,李四,D,S,C,3,3
            H3,王五,D,S,C,3,3

            """)
        let helpers = dir.write("helpers.csv", """
            编号,名称,类型,帮扶户数,区,街道,社区,物质
            G1,甲,干部,1,D,S,C,3
            G2,乙,干部,1,D,S,C,2
            G3,丙,干部,1,D,S,C,1

            """)
        let out = dir.file("out")
        let run = try Self.match(["pair", "--households", households, "--helpers", helpers, "--out", out], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try Self.json(out + "/summary.json")
        #expect(Self.int(summary["objective"]) == 9)
        #expect(Self.int(summary["bound"]) == 9)
        #expect(Self.int(summary["pairs"]) == 3)
        #expect(Self.int(summary["unpaired"]) == 0)
        let rows = try Self.rows(out + "/pairs.csv")
        #expect(rows.map { $0[6] }.sorted() == ["G1", "G2", "G3"])
        #expect(rows.map { Int($0[12]) ?? -1 }.sorted() == [0, 3, 6])
        #expect(try Self.rows(out + "/unpaired.csv").isEmpty)
    }

    @Test func validateReportsEveryProblemOrAProfileAndWritesNothing() throws {
        let dir = TemporaryDirectory("cli")
        defer { dir.remove() }
        let good = dir.write("households.csv", "户编号,户主姓名,区,街道,社区,困难程度,医疗\nH1,张三,D,S,C,3,2\nH2,李四,D,S,C,1,0\n")
        let bad = dir.write("bad.csv", "户编号,户主姓名,区,街道,社区,困难程度,医疗\nH1,张三,D,S,C,3,4\nH1,李四,D,S,C,0,0\n")
        let helpers = dir.write("helpers.csv", "编号,名称,类型,帮扶户数,区,医疗\nG1,甲,志愿者,2,D,3\n")
        let ok = try Self.match(["validate", "--households", good, "--helpers", helpers], in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("no problems found"))
        #expect(ok.stdout.contains("2 households, 1 helpers with 2 places"))
        #expect(ok.stdout.contains("D  0/0 0/0 0/0 0/0 0/0 2/6"), "\(ok.stdout)")
        let failed = try Self.match(["validate", "--households", bad, "--helpers", helpers], in: dir)
        #expect(failed.status != 0)
        let lines = failed.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix(bad + ":2:7:") }, "\(failed.stderr)")  // medical 4
        #expect(lines.contains { $0.hasPrefix(bad + ":3:1:") })  // duplicate id
        #expect(lines.contains { $0.hasPrefix(bad + ":3:6:") })  // severity 0
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".std") }
        #expect(Set(left) == ["households.csv", "bad.csv", "helpers.csv"])
    }
}
