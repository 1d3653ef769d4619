import Foundation
import Testing
@testable import Matcher

/// `match report` and `match export --public` on a plan read back from its pairs file.
@Suite struct ExistingPlanTests {
    func pair(_ dir: TemporaryDirectory, _ roll: SmallRoll, presentation: Presentation = Presentation()) throws
        -> YearlyPairing.Outcome
    {
        var options = roll.options
        options.outputDirectory = dir.file("out")
        options.presentation = presentation
        options.publicNotice = true
        return try YearlyPairing.run(options)
    }

    @Test func reportOfARunsOwnPlanIsOptimalAndAnEditedOneIsNot() throws {
        let dir = TemporaryDirectory("existing")
        defer { dir.remove() }
        let roll = SmallRoll(dir)
        // Written in Chinese and GB18030: the report reads it back.
        let outcome = try pair(dir, roll, presentation: Presentation(language: .zh, encoding: .gb18030))
        var options = PlanReporting.Options(inputs: roll.options, pairs: dir.file("out/pairs.csv"), output: dir.file("r.html"))
        options.language = .zh
        let data = try PlanReporting.run(options)
        #expect(data.objective == outcome.summary.objective && data.bound == outcome.summary.objective)
        #expect(data.provenOptimal && data.gap == 0 && data.pairs == outcome.summary.pairs)
        #expect(try ReportTests.text(dir.file("r.html")).contains("结对帮扶报告"))

        // Without --force an existing report is not replaced.
        #expect(throws: YearlyPairing.Failure.self) { try PlanReporting.run(options) }

        // A plan with one pair taken out by hand costs more; the bound stays the optimum.
        let edited = dir.write("edited.csv", "household_id,helper_id\n" + outcome.model.roll.households.ids.indices
            .filter { outcome.result.helperOf[$0] >= 0 }.dropFirst()
            .map { "\(outcome.model.roll.households.ids[$0]),\(outcome.model.roll.helpers.ids[Int(outcome.result.helperOf[$0])])" }
            .joined(separator: "\n") + "\n")
        options.pairs = edited
        options.force = true
        let worse = try PlanReporting.run(options)
        #expect(worse.pairs == data.pairs - 1)
        #expect(worse.objective > worse.bound && worse.bound == data.objective && !worse.provenOptimal && worse.gap > 0)
    }

    @Test func badPlansAreRejectedWithLinesAndNothingIsWritten() throws {
        let dir = TemporaryDirectory("existing")
        defer { dir.remove() }
        let roll = SmallRoll(dir)
        // Line 3 pairs H1 again, line 4 overfills G1 (capacity 1), line 5 names nobody,
        // line 6 is forbidden.
        let plan = dir.write("plan.csv", "户编号,帮扶人编号\nH1,G1\nH1,G2\nH2,G1\nH9,G2\nH4,G2\n")
        let forbid = dir.write("forbid.csv", "household_id,helper_id\nH4,G2\n")
        var inputs = roll.options
        inputs.forbids = forbid
        let options = PlanReporting.Options(inputs: inputs, pairs: plan, output: dir.file("r.html"))
        var message = ""
        do { _ = try PlanReporting.run(options) } catch { message = error.description }
        let lines = message.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(message)")
        #expect(lines.contains { $0.hasPrefix(plan + ":3:") && $0.contains("already paired on line 2") })
        #expect(lines.contains { $0.hasPrefix(plan + ":4:") && $0.contains("capacity 1") })
        #expect(lines.contains { $0.hasPrefix(plan + ":5:1:") && $0.contains("households file") })
        #expect(lines.contains { $0.hasPrefix(plan + ":6:") && $0.contains("forbidden") })
        #expect(!FileManager.default.fileExists(atPath: dir.file("r.html")))
        // The export checks the same, except the policy (it prices nothing).
        var export = PublicExport.Options(households: roll.households, helpers: roll.helpers, pairs: plan, output: dir.file("p.csv"))
        export.force = true
        var exportMessage = ""
        do { _ = try PublicExport.run(export) } catch { exportMessage = error.description }
        #expect(exportMessage.split(separator: "\n").count == 3, "\(exportMessage)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("p.csv")))
    }

    @Test(arguments: [Presentation(), Presentation(language: .zh, encoding: .gb18030)])
    func exportEqualsThePublicListOfThePairRun(presentation: Presentation) throws {
        let dir = TemporaryDirectory("existing")
        defer { dir.remove() }
        let roll = SmallRoll(dir)
        _ = try pair(dir, roll, presentation: presentation)
        var options = PublicExport.Options(
            households: roll.households, helpers: roll.helpers, pairs: dir.file("out/pairs.csv"), output: dir.file("public.csv"))
        options.presentation = presentation
        let count = try PublicExport.run(options)
        #expect(count > 0)
        let exported = CLITests.bytes(dir.file("public.csv")), direct = CLITests.bytes(dir.file("out/pairs.csv").replacingOccurrences(of: "pairs", with: "public"))
        #expect(!exported.isEmpty && exported == direct)
    }
}
