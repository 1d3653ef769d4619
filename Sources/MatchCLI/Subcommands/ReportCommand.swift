import ArgumentParser
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

    @OptionGroup var roll: RollOptions

    @Option(help: "The previous pairs.csv the plan was made with (for its keep bonus).")
    var previous: String?

    @Option(help: "The plan: a pairs.csv written by match pair (English or Chinese), or any CSV with household_id,helper_id.")
    var pairs: String

    @Option(help: "The HTML file to write.")
    var out: String = "report.html"

    @Option(help: "Language of the page.")
    var lang: Presentation.Language = .en

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func run() throws {
        var options = PlanReporting.Options(inputs: roll.inputs, previous: previous, pairs: pairs, output: out)
        options.language = lang
        options.force = force
        print(try PlanReporting.run(options).text(written: out))
    }
}
