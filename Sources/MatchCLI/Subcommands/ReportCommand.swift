import ArgumentParser
import Foundation
import Matcher

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "One self-contained HTML page with charts for an existing plan (its pairs.csv).",
        discussion: """
            Give the same roll, policy and rule files the plan was made with, and the plan's pairs \
            file. The plan is not changed: its cost is evaluated, and the model is solved once for \
            the proven lower bound, so the gap shows how far a plan edited by hand is from the best.
            """)

    @OptionGroup var inputs: RollOptions

    @Option(help: "The plan: a pairs.csv written by match pair (English or Chinese), or any CSV with household_id,helper_id.")
    var pairs: String

    @Option(help: "The HTML file to write.")
    var out: String = "report.html"

    @Option(help: "Language of the page: en or zh.")
    var lang: String = "en"

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        if Presentation.Language(rawValue: lang) == nil { throw ValidationError("--lang must be en or zh") }
    }

    func run() throws {
        var options = PlanReporting.Options(inputs: inputs.options(outputDirectory: ""), pairs: pairs, output: out)
        options.language = Presentation.Language(rawValue: lang)!
        options.force = force
        let data: ReportData
        do {
            data = try PlanReporting.run(options)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        let gap = String(format: "%.2f%%", data.gap * 100)
        print("plan       \(data.pairs) pairs, \(data.unpaired) unpaired")
        print("objective  \(data.objective)  (bound \(data.bound), gap \(gap)\(data.provenOptimal ? ", optimal" : ""))")
        print("wrote \(out)")
    }
}
