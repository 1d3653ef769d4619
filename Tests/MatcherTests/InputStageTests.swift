import Foundation
import Testing
@testable import Matcher

/// Every command that reads a roll goes through one input stage (``RunInputs``), so each
/// check holds for all of them. Each case runs the `match` binary.
@Suite(.serialized) struct InputStageTests {
    enum Command: String, CaseIterable, CustomTestStringConvertible {
        case pair, whatif, validate, report, export

        var testDescription: String { rawValue }
    }

    /// Three households and two helpers (medical need and offer), and a plan for them.
    struct Files {
        var dir: TemporaryDirectory
        var households: String
        var helpers: String
        var plan: String

        init(_ dir: TemporaryDirectory) {
            self.dir = dir
            households = dir.write("households.csv", """
                id,name,district,street,community,severity,need_medical
                H1,张三,D,S,C,3,2
                H2,李四,D,S,C,1,1
                H3,王五,D,S,C,2,0

                """)
            helpers = dir.write("helpers.csv", "id,name,kind,capacity,district,street,community,offer_medical\nG1,甲,cadre,2,D,S,C,2\nG2,乙,volunteer,1,D,S,,1\n")
            plan = dir.write("plan.csv", "household_id,helper_id\nH1,G1\nH2,G2\n")
        }

        /// The command's arguments with `extra` inserted before the output option.
        func arguments(_ command: Command, households: String? = nil, extra: [String] = []) -> [String] {
            let roll = ["--households", households ?? self.households, "--helpers", helpers] + extra
            switch command {
            case .pair: return ["pair"] + roll + ["--out", dir.file("out")]
            case .whatif: return ["whatif"] + roll + ["--baseline", plan, "--out", dir.file("out")]
            case .validate: return ["validate"] + roll
            case .report: return ["report"] + roll + ["--pairs", plan, "--out", dir.file("report.html")]
            case .export: return ["export", "--public"] + roll + ["--pairs", plan, "--out", dir.file("public.csv")]
            }
        }

        /// The file the command writes that the existing-output check must protect.
        func output(_ command: Command) -> String? {
            switch command {
            case .pair, .whatif: dir.file("out/pairs.csv")
            case .validate: nil
            case .report: dir.file("report.html")
            case .export: dir.file("public.csv")
            }
        }

        /// Every file in the directory but the captured output streams.
        func listing() throws -> [String] {
            try FileManager.default.subpathsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".std") }.sorted()
        }
    }

    @Test(arguments: Command.allCases)
    func worksOnGoodInputs(_ command: Command) throws {
        let dir = TemporaryDirectory("stage")
        defer { dir.remove() }
        let files = Files(dir)
        let run = try CLITests.match(files.arguments(command), in: dir)
        #expect(run.status == 0, "\(command): \(run.stderr)")
        if let output = files.output(command) { #expect(FileManager.default.fileExists(atPath: output), "\(command)") }
    }

    @Test(arguments: Command.allCases)
    func refusesAWeightThatIsNoNeedDimension(_ command: Command) throws {
        let dir = TemporaryDirectory("stage")
        defer { dir.remove() }
        let files = Files(dir)
        let policy = dir.write("policy.yaml", "weights: {medical: 2, happiness: 2}\n")
        let before = try files.listing()
        let run = try CLITests.match(files.arguments(command, extra: ["--policy", policy]), in: dir)
        #expect(run.status == 2, "\(command): status \(run.status), \(run.stderr)")
        #expect(run.stderr == policy + ": 'weights.happiness' must be a need dimension of the households file\n", "\(command): \(run.stderr)")
        #expect(try files.listing() == before, "\(command) wrote something")
    }

    @Test(arguments: Command.allCases)
    func honoursTheMemoryBudget(_ command: Command) throws {
        let dir = TemporaryDirectory("stage")
        defer { dir.remove() }
        let files = Files(dir)
        let before = try files.listing()
        let run = try CLITests.match(files.arguments(command), in: dir, environment: ["MATCH_MEMORY_LIMIT": "1M"])
        #expect(run.status == 2, "\(command): status \(run.status), \(run.stderr)")
        #expect(run.stderr.hasPrefix("reading "), "\(command): \(run.stderr)")
        #expect(run.stderr.contains("more than the limit of 1.0 MB (MATCH_MEMORY_LIMIT)"), "\(command): \(run.stderr)")
        #expect(try files.listing() == before, "\(command) wrote something")
        // Within a budget that covers it, the same command runs.
        let within = try CLITests.match(files.arguments(command), in: dir, environment: ["MATCH_MEMORY_LIMIT": "1G"])
        #expect(within.status == 0, "\(command): \(within.stderr)")
    }

    @Test(arguments: Command.allCases.filter { $0 != .validate })
    func refusesToReplaceAnOutputWithoutForce(_ command: Command) throws {
        let dir = TemporaryDirectory("stage")
        defer { dir.remove() }
        let files = Files(dir)
        let output = try #require(files.output(command))
        try FileManager.default.createDirectory(
            atPath: (output as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let earlier = Array("written by an earlier run\n".utf8)
        dir.write(String(output.dropFirst(dir.path.count + 1)), bytes: earlier)
        let before = try files.listing()
        let run = try CLITests.match(files.arguments(command), in: dir)
        #expect(run.status == 2, "\(command): status \(run.status), \(run.stderr)")
        #expect(run.stderr.contains(output) && run.stderr.contains("add --force to replace"), "\(command): \(run.stderr)")
        #expect(CLITests.bytes(output) == earlier, "\(command) replaced \(output)")
        #expect(try files.listing() == before, "\(command) wrote something")
        let forced = try CLITests.match(files.arguments(command) + ["--force"], in: dir)
        #expect(forced.status == 0, "\(command): \(forced.stderr)")
        #expect(CLITests.bytes(output) != earlier, "\(command) --force did not replace \(output)")
    }

    /// A damaged workbook given as the households file is named as one, once, with what to do:
    /// every command reads workbooks through the same input stage.
    @Test(arguments: Command.allCases)
    func namesADamagedWorkbookOnce(_ command: Command) throws {
        let dir = TemporaryDirectory("stage")
        defer { dir.remove() }
        let files = Files(dir)
        let workbook = dir.write("households.xlsx", bytes: [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 60))
        let run = try CLITests.match(files.arguments(command, households: workbook), in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix(workbook + ": the workbook cannot be read: "), "\(command): \(run.stderr)")
        #expect(run.stderr.contains("save it again as .xlsx"), "\(command): \(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(command): \(run.stderr)")
    }

    /// The option values are typed: a value outside the list is a usage error, naming the
    /// accepted ones, before anything is read.
    @Test func optionValuesAreCheckedByTheParser() throws {
        let dir = TemporaryDirectory("stage")
        defer { dir.remove() }
        let files = Files(dir)
        for (extra, accepted) in [(["--solver", "simplex"], ["auto", "glpk", "hungarian"]), (["--encoding", "latin1"], ["utf-8", "gb18030"]),
                                  (["--lang", "fr"], ["en", "zh"]), (["--format", "pdf"], ["csv", "xlsx"])] {
            let run = try CLITests.match(files.arguments(.pair, extra: extra), in: dir)
            #expect(run.status == 64, "\(extra): \(run.status) \(run.stderr)")
            #expect(run.stderr.contains("The value '\(extra[1])' is invalid for '\(extra[0])"), "\(extra): \(run.stderr)")
            for value in accepted { #expect(run.stderr.contains("'\(value)'"), "\(extra): \(run.stderr)") }
        }
        // GBK names GB18030 (which contains it): these UTF-8 files are then read as GB18030.
        let gbk = try CLITests.match(files.arguments(.validate, extra: ["--encoding", "GBK"]), in: dir)
        #expect(gbk.status == 2 && gbk.stderr.contains("not valid GB18030"), "\(gbk.status) \(gbk.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")))
    }
}
