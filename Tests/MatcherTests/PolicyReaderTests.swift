import Foundation
import Testing
@testable import Matcher

/// The YAML policy of SPEC: defaults, the SPEC example, and each error with line and column.
@Suite struct PolicyReaderTests {
    static let specExample = """
        weights: {material: 1, emotional: 1, policy: 1, employment: 1, education: 1, medical: 1}
        distance_penalty: 1
        max_distance: 2          # 0 community, 1 street, 2 district
        unpaired_base: 10
        keep_bonus: 2            # with --previous
        kinds:
          leader: {min_severity: 4}
          volunteer: {max_distance: 1}
        coverage:
          - {level: street, min_fraction: 0.8}
        org_spread: 3

        """

    private func problems(_ yaml: String) -> [InputProblem] {
        do {
            _ = try PolicyReader.parse(yaml, file: "policy.yaml")
            return []
        } catch {
            return error.problems
        }
    }

    private func at(_ line: Int?, _ column: Int?, _ kind: InputProblem.Kind) -> InputProblem {
        InputProblem(file: "policy.yaml", line: line, column: column, kind)
    }

    @Test func specExampleParses() throws {
        let policy = try PolicyReader.parse(Self.specExample, file: "policy.yaml")
        var expected = Policy()
        expected.weights = Dictionary(uniqueKeysWithValues: NeedDimensions.standard.map { ($0, 1) })
        expected.distancePenalty = 1
        expected.maxDistance = 2
        expected.unpairedBase = 10
        expected.keepBonus = 2
        expected.kinds = [
            "leader": .init(minSeverity: 4, maxDistance: nil),
            "volunteer": .init(minSeverity: nil, maxDistance: 1),
        ]
        expected.coverage = [.init(level: .street, minFraction: 0.8)]
        expected.orgSpread = 3
        #expect(policy == expected)
        #expect(policy.rule(.leader).minSeverity == 4)
        #expect(policy.rule(.volunteer).maxDistance == 1)
        #expect(policy.rule(.cadre) == Policy.KindRule())
        #expect(policy.hasSideConstraints)
    }

    @Test func nonDefaultValuesAndChineseNames() throws {
        let yaml = """
            weights: {物质: 3, medical: 0, housing: 2}
            distance_penalty: 5
            max_distance: 0
            unpaired_base: 100
            keep_bonus: 7
            kinds:
              志愿者: {max_distance: 3, min_severity: 2}
              party_branch: {}
            coverage:
              - level: community
                min_fraction: 1
              - {level: district, min_fraction: 0}

            """
        let policy = try PolicyReader.parse(yaml, file: "policy.yaml")
        #expect(policy.weights == ["material": 3, "medical": 0, "housing": 2])
        #expect(policy.weight("material") == 3 && policy.weight("policy") == 1)
        #expect(policy.distancePenalty == 5)
        #expect(policy.maxDistance == 0)
        #expect(policy.unpairedBase == 100)
        #expect(policy.keepBonus == 7)
        #expect(policy.kinds == ["volunteer": .init(minSeverity: 2, maxDistance: 3), "party_branch": .init()])
        #expect(policy.coverage == [.init(level: .community, minFraction: 1), .init(level: .district, minFraction: 0)])
        #expect(policy.orgSpread == nil)
        #expect(policy.hasSideConstraints)
    }

    @Test func emptyFileMeansDefaults() throws {
        #expect(try PolicyReader.parse("", file: "policy.yaml") == Policy())
        #expect(try PolicyReader.parse("# nothing here\n\n", file: "policy.yaml") == Policy())
        let defaults = Policy()
        #expect(defaults.distancePenalty == 1 && defaults.maxDistance == 2 && defaults.unpairedBase == 10)
        #expect(defaults.keepBonus == 2 && defaults.kinds.isEmpty && defaults.coverage.isEmpty && defaults.orgSpread == nil)
        #expect(NeedDimensions.standard.allSatisfy { defaults.weight($0) == 1 })
        #expect(!defaults.hasSideConstraints)
    }

    @Test func emptyFileOnDiskMeansDefaults() throws {
        let dir = TemporaryDirectory("policy")
        defer { dir.remove() }
        #expect(try PolicyReader.read(path: dir.write("policy.yaml", "")) == Policy())
        var expected = Policy()
        expected.maxDistance = 1
        #expect(try PolicyReader.read(path: dir.write("p2.yaml", "max_distance: 1\n")) == expected)
    }

    @Test func missingFileIsUnreadable() {
        let error = #expect(throws: InputProblems.self) {
            try PolicyReader.read(path: "/nonexistent/dir/policy.yaml")
        }
        guard let p = error?.problems.first else { return }
        #expect(error?.problems.count == 1)
        #expect(p.file == "/nonexistent/dir/policy.yaml")
        if case .unreadable = p.kind {} else { Issue.record("expected unreadable, got \(p.kind)") }
    }

    @Test func unknownKeyWithLineAndColumn() {
        #expect(problems("distance_penalty: 1\nmax_distnce: 2\n") == [at(2, 1, .unknownKey("max_distnce"))])
        #expect(problems("kinds:\n  leader: {min_sev: 4}\n") == [at(2, 12, .unknownKey("kinds.leader.min_sev"))])
        #expect(problems("coverage:\n  - {level: street, fraction: 0.5}\n").contains(at(2, 21, .unknownKey("coverage.fraction"))))
    }

    @Test func negativeWeight() {
        #expect(problems("weights: {material: -1}\n") == [
            at(1, 21, .invalidValue(key: "weights.material", expected: "between 0 and 1000000000000"))
        ])
        #expect(problems("distance_penalty: -2\n") == [
            at(1, 19, .invalidValue(key: "distance_penalty", expected: "between 0 and 1000000"))
        ])
    }

    @Test func maxDistanceFive() {
        #expect(problems("max_distance: 5\n") == [at(1, 15, .invalidValue(key: "max_distance", expected: "between 0 and 3"))])
        #expect(problems("kinds:\n  volunteer: {max_distance: 5}\n") == [
            at(2, 29, .invalidValue(key: "kinds.volunteer.max_distance", expected: "between 0 and 3"))
        ])
    }

    @Test func unknownKindName() {
        #expect(problems("kinds:\n  boss: {min_severity: 2}\n") == [at(2, 3, .unknownKind("boss"))])
    }

    @Test func coverageWithBadLevel() {
        #expect(problems("coverage:\n  - {level: city, min_fraction: 0.5}\n") == [
            at(2, 13, .invalidValue(key: "coverage.level", expected: "district, street or community"))
        ])
        #expect(problems("coverage:\n  - {level: street, min_fraction: 1.5}\n") == [
            at(2, 35, .invalidValue(key: "coverage.min_fraction", expected: "a number from 0 to 1"))
        ])
        #expect(problems("coverage: street\n") == [
            at(1, 11, .invalidValue(key: "coverage", expected: "a list of {level, min_fraction}"))
        ])
    }

    @Test func wrongTypes() {
        #expect(problems("org_spread: many\n") == [at(1, 13, .invalidValue(key: "org_spread", expected: "a whole number"))])
        #expect(problems("org_spread: 0\n") == [at(1, 13, .invalidValue(key: "org_spread", expected: "between 1 and 1000000"))])
        #expect(problems("max_distance: [1]\n") == [at(1, 15, .invalidValue(key: "max_distance", expected: "a whole number"))])
        #expect(problems("- 1\n") == [at(1, 1, .invalidValue(key: "policy", expected: "a mapping of keys to values"))])
        #expect(problems("weights: 3\n") == [
            at(1, 10, .invalidValue(key: "weights", expected: "a mapping of need dimensions to whole numbers"))
        ])
    }

    @Test func yamlSyntaxError() {
        let found = problems("max_distance: 2\nweights: a: 1\n")
        #expect(found.count == 1)
        guard let p = found.first else { return }
        #expect(p.file == "policy.yaml")
        #expect(p.line == 2)
        #expect(p.column == 11)
        guard case .yamlSyntax(let message) = p.kind else {
            Issue.record("expected a YAML syntax error, got \(p.kind)"); return
        }
        #expect(message.contains("mapping values are not allowed"))

        let unclosed = problems("max_distance: 2\nweights: {material: 1\n")
        #expect(unclosed.count == 1)
        if case .yamlSyntax = unclosed.first?.kind {} else { Issue.record("expected yamlSyntax, got \(unclosed)") }
        #expect(unclosed.first?.line != nil && unclosed.first?.column != nil)
    }

    @Test func everyProblemIsReported() {
        let yaml = "bogus: 1\nmax_distance: 5\nweights: {material: -1}\nkinds: {boss: {}}\n"
        #expect(problems(yaml) == [
            at(1, 1, .unknownKey("bogus")),
            at(2, 15, .invalidValue(key: "max_distance", expected: "between 0 and 3")),
            at(3, 21, .invalidValue(key: "weights.material", expected: "between 0 and 1000000000000")),
            at(4, 9, .unknownKind("boss")),
        ])
    }

    @Test func incompleteCoverageItem() {
        #expect(problems("coverage:\n  - {level: street}\n") == [
            at(2, 5, .invalidValue(key: "coverage", expected: "both level and min_fraction"))
        ])
    }

    @Test func incompleteCoverageItemIsReportedAfterAnEarlierProblem() {
        #expect(problems("bogus: 1\ncoverage:\n  - {level: street}\n") == [
            at(1, 1, .unknownKey("bogus")),
            at(3, 5, .invalidValue(key: "coverage", expected: "both level and min_fraction")),
        ])
    }
}
