import Foundation
import Testing
@testable import Matcher

/// Issue 7's catalogue of bad inputs, end to end through `match pair --force` into a folder
/// that holds an earlier run's outputs: each case must exit with status 2, print one line per
/// problem as `file:line:column: message`, and leave every output and input file as it was.
/// docs/reliability.md lists the same cases with their messages.
@Suite(.serialized) struct BadInputCatalogueTests {
    static let households = """
        id,name,district,street,community,severity,need_medical
        H1,张三,西岗区,日新街道,英华社区,3,2
        H2,李四,西岗区,日新街道,英华社区,1,0

        """
    static let helpers = """
        id,name,kind,capacity,district,street,community,offer_medical
        G1,王五,cadre,1,西岗区,日新街道,,3
        G2,赵六,leader,1,西岗区,,,1

        """

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// Files that replace or join the valid ones (households.csv, helpers.csv, and
        /// optionally policy.yaml, previous.csv, locks.csv, forbids.csv).
        var files: [String: [UInt8]]
        /// (file, line, column, part of the message) for each line expected on stderr.
        var expected: [(String, Int, Int, String)]
        var testDescription: String { name }

        init(_ name: String, _ files: [String: String], _ expected: [(String, Int, Int, String)]) {
            self.name = name
            self.files = files.mapValues { Array($0.utf8) }
            self.expected = expected
        }

        init(_ name: String, bytes: [String: [UInt8]], _ expected: [(String, Int, Int, String)]) {
            self.name = name
            self.files = bytes
            self.expected = expected
        }
    }

    static func replacing(_ text: String, _ old: String, _ new: String) -> String {
        precondition(text.contains(old))
        return text.replacingOccurrences(of: old, with: new)
    }

    static let h = households, g = helpers
    static let cases: [Case] = [
        Case("empty file", ["households.csv": ""], [("households.csv", 1, 1, "the file is empty")]),
        Case("header only", ["helpers.csv": "id,name,kind\n"], [("helpers.csv", 1, 1, "has a header but no data rows")]),
        Case("missing required column", ["households.csv": replacing(h, ",community,", ",place,")],
             [("households.csv", 1, 1, "required column 'community' is missing")]),
        Case("duplicate id", ["households.csv": h + "H1,王二,西岗区,日新街道,英华社区,1,0\n"],
             [("households.csv", 4, 1, "repeats the id on line 2")]),
        Case("duplicate column", ["helpers.csv": replacing(g, "offer_medical", "capacity")],
             [("helpers.csv", 1, 8, "column 'capacity' appears twice (first as column 4)")]),
        Case("unknown kind", ["helpers.csv": replacing(g, "cadre", "boss")], [("helpers.csv", 2, 3, "unknown kind 'boss'")]),
        Case("severity out of range", ["households.csv": replacing(h, "英华社区,3,2", "英华社区,6,2")],
             [("households.csv", 2, 6, "'severity' is 6; it must be between 1 and 5")]),
        Case("negative capacity", ["helpers.csv": replacing(g, "cadre,1,", "cadre,-1,")],
             [("helpers.csv", 2, 4, "'capacity' is -1; it must be between 0 and 1000000")]),
        Case("non-integer capacity", ["helpers.csv": replacing(g, "cadre,1,", "cadre,1.5,")],
             [("helpers.csv", 2, 4, "'capacity' must be a whole number, not '1.5'")]),
        Case("need above 3", ["households.csv": replacing(h, "英华社区,3,2", "英华社区,3,4")],
             [("households.csv", 2, 7, "'need_medical' is 4; it must be between 0 and 3")]),
        Case("Latin-1 bytes", bytes: ["households.csv": Array("id,name,district,street,community\nH1,Jos".utf8) + [0xE9] + Array(",D,S,C\n".utf8)],
             [("households.csv", 2, 7, "not valid UTF-8 or GB18030")]),
        Case("broken UTF-8 (a truncated character)", bytes: ["households.csv": Array(h.utf8).replacingLast([0xE5, 0x9B, 0x9B], with: [0xE5, 0x9B])],
             [("households.csv", 3, 5, "not valid UTF-8")]),
        Case("lone quote", ["households.csv": replacing(h, "H2,李四", "H2,\"李四")], [("households.csv", 3, 4, "a quoted field is never closed")]),
        Case("quote inside a field", ["households.csv": replacing(h, "H2,李四", "H2,李\"四")], [("households.csv", 3, 5, "a \" inside an unquoted field")]),
        Case("too many fields", ["households.csv": replacing(h, "英华社区,1,0", "英华社区,1,0,9")],
             [("households.csv", 3, 8, "this row has 8 fields but the header has 7")]),
        Case("too few fields", ["households.csv": replacing(h, "英华社区,1,0", "英华社区,1")],
             [("households.csv", 3, 7, "this row has 6 fields but the header has 7")]),
        Case("id with blanks around it", ["households.csv": replacing(h, "H2,", " H2 ,")], [("households.csv", 3, 1, "'id' has spaces before or after it")]),
        Case("previous plan names an unknown household", ["previous.csv": "household_id,helper_id\nH9,G1\n"],
             [("previous.csv", 2, 1, "'household_id' names no row of the households file")]),
        Case("lock names an unknown helper", ["locks.csv": "household_id,helper_id\nH1,G9\n"],
             [("locks.csv", 2, 2, "'helper_id' names no row of the helpers file")]),
        Case("locked pair that is forbidden", ["locks.csv": "household_id,helper_id\nH1,G1\n", "forbids.csv": "household_id,helper_id\nH1,G1\n"],
             [("locks.csv", 2, 2, "this pair is both locked and forbidden")]),
        Case("locked pair that is ineligible", ["locks.csv": "household_id,helper_id\nH2,G2\n", "policy.yaml": "kinds:\n  leader: {min_severity: 4}\n"],
             [("locks.csv", 2, 2, "this locked pair is not allowed: severity 1 is below this kind's minimum 4")]),
        Case("two locks over a helper's capacity", ["locks.csv": "household_id,helper_id\nH1,G1\nH2,G1\n"],
             [("locks.csv", 3, 2, "this helper has 2 locked households but capacity 1")]),
        Case("policy with an unknown key", ["policy.yaml": "distance_penalty: 1\ncolour: red\n"], [("policy.yaml", 2, 1, "unknown key 'colour'")]),
        Case("negative weight", ["policy.yaml": "weights: {medical: -1}\n"],
             [("policy.yaml", 1, 20, "'weights.medical' must be between 0 and 1000000000000")]),
        Case("weight beyond 64 bits", ["policy.yaml": "weights:\n  medical: 99999999999999999999\n"],
             [("policy.yaml", 2, 12, "'weights.medical' must be between 0 and 1000000000000")]),
        Case("several problems at once", ["households.csv": replacing(replacing(h, "英华社区,3,2", "英华社区,0,2"), "H2,", ""), "helpers.csv": replacing(g, "leader", "boss")],
             [("households.csv", 2, 6, "'severity' is 0"), ("households.csv", 3, 7, "this row has 6 fields"), ("helpers.csv", 3, 3, "unknown kind 'boss'")]),
    ]

    /// The earlier outputs every case must leave as they are.
    static func earlierOutputs(_ dir: TemporaryDirectory) throws -> [String: [UInt8]] {
        let h = dir.write("good-households.csv", households), g = dir.write("good-helpers.csv", helpers)
        let run = try CLITests.match(["pair", "--households", h, "--helpers", g, "--out", dir.file("earlier")], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        return InterruptTests.contents(dir.file("earlier"))
    }

    @Test(arguments: cases)
    func badInputIsReportedAndChangesNothing(_ c: Case) throws {
        let dir = TemporaryDirectory("catalogue")
        defer { dir.remove() }
        let earlier = try Self.earlierOutputs(dir)
        #expect(Set(earlier.keys) == ["pairs.csv", "unpaired.csv", "summary.json"])
        let out = dir.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for (name, bytes) in earlier { dir.write("out/" + name, bytes: bytes) }
        var files = ["households.csv": Array(Self.households.utf8), "helpers.csv": Array(Self.helpers.utf8)]
        files.merge(c.files) { _, new in new }
        for (name, bytes) in files { dir.write(name, bytes: bytes) }
        var arguments = ["pair", "--households", dir.file("households.csv"), "--helpers", dir.file("helpers.csv"), "--out", out, "--force"]
        for (name, option) in [("policy.yaml", "--policy"), ("previous.csv", "--previous"), ("locks.csv", "--lock"), ("forbids.csv", "--forbid")]
        where files[name] != nil {
            arguments += [option, dir.file(name)]
        }
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()

        let run = try CLITests.match(arguments, in: dir)

        #expect(run.status == 2, "\(c.name): status \(run.status)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == c.expected.count, "\(c.name): \(run.stderr)")
        for (file, line, column, message) in c.expected {
            let prefix = "\(dir.file(file)):\(line):\(column): "
            #expect(lines.contains { $0.hasPrefix(prefix) && $0.contains(message) }, "\(c.name): wanted \(prefix)…\(message); got \(run.stderr)")
        }
        #expect(InterruptTests.contents(out) == earlier, "\(c.name): an output file changed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == before, "\(c.name): files appeared or vanished")
        for (name, bytes) in files { #expect(CLITests.bytes(dir.file(name)) == bytes, "\(c.name): \(name) was modified") }
    }

    /// Weights within range whose sums could still overflow 64 bits on a big roll: refused
    /// before solving, pointing at the policy's weights.
    @Test func costsThatCouldOverflowAreRefused() throws {
        let dir = TemporaryDirectory("overflow")
        defer { dir.remove() }
        // 4 × (households + helpers) × largest cost must stay below 2^63: with every weight
        // at 10^12 the largest cost is 5 × (6 × 3 × 10^12 + 10) + 3, so 26,000 households overflow.
        let rows = (0..<26_000).map { "H\($0),户,D,S,C,5,3,3,3,3,3,3" }
        let h = dir.write("households.csv", (["id,name,district,street,community,severity,need_material,need_emotional,need_policy,need_employment,need_education,need_medical"] + rows).joined(separator: "\n") + "\n")
        let g = dir.write("helpers.csv", "id,name,kind\nG1,x,cadre\n")
        let weights = ["material", "emotional", "policy", "employment", "education", "medical"].map { "\($0): 1000000000000" }
        let p = dir.write("policy.yaml", "max_distance: 2\nweights: {\(weights.joined(separator: ", "))}\n")
        var options = YearlyPairing.Options(households: h, helpers: g, outputDirectory: dir.file("out"))
        options.policy = p
        do {
            _ = try YearlyPairing.run(options)
            Issue.record("no overflow reported")
        } catch {
            guard case .input(let problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.problems.count == 1)
            let problem = problems.problems.first
            #expect(problem?.file == p && problem?.line == 2 && problem?.column == 1, "\(problems)")
            #expect(problem?.message.hasPrefix("weights so large that costs could overflow") == true)
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")))
    }
}

extension Array where Element == UInt8 {
    /// The array with the last occurrence of `old` replaced by `new`.
    fileprivate func replacingLast(_ old: [UInt8], with new: [UInt8]) -> [UInt8] {
        for start in stride(from: count - old.count, through: 0, by: -1) where Array(self[start..<(start + old.count)]) == old {
            return Array(self[..<start]) + new + Array(self[(start + old.count)...])
        }
        preconditionFailure("not found")
    }
}
