import ArgumentParser
import Matcher

/// `match whatif`: re-pairs after a change against a baseline plan and shows the difference.
/// Parses the options and delegates to `WhatIf` (library).
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Re-pairs after a change, keeping the baseline's pairs unless the change forces a move.",
        discussion: """
            Changes are given as options, or simply as edited households/helpers files (found by id). \
            Baseline pairs carry the policy's whatif_keep_bonus (default: auto, large enough that only \
            households whose helper left or shrank, and new households, are re-paired). Without --out \
            nothing is written.
            """)

    @OptionGroup var roll: RollOptions

    @Option(help: "The baseline plan: a pairs.csv (household_id, helper_id).")
    var baseline: String

    @Option(parsing: .upToNextOption, help: "Helper ids that withdraw.")
    var removeHelper: [String] = []

    @Option(parsing: .upToNextOption, help: "Household ids that leave the roll.")
    var removeHousehold: [String] = []

    @Option(parsing: .upToNextOption, help: ArgumentHelp("New capacity of a helper (N a whole number ≥ 0).", valueName: "ID=N"))
    var capacity: [CapacityArgument] = []

    @Option(help: "Directory for pairs.csv, unpaired.csv, diff.csv and summary.json (default: a dry run).")
    var out: String?

    @OptionGroup var format: OutputFormatOptions

    @Flag(help: "Also write report.html into --out: the baseline and the new plan side by side.")
    var report = false

    @Flag(help: "Replace output files that already exist.")
    var force = false

    @Option(help: "Seconds for a re-pairing with org_spread rules (the others are exact).")
    var timeLimit: Double = 60

    func validate() throws {
        if !(timeLimit > 0) || !timeLimit.isFinite { throw ValidationError("--time-limit must be a positive number of seconds") }
        if report && out == nil { throw ValidationError("--report writes report.html into --out; give --out DIR") }
    }

    func run() throws {
        var options = WhatIf.Options(inputs: roll.inputs, baseline: baseline)
        options.changes.removedHelpers = removeHelper
        options.changes.removedHouseholds = removeHousehold
        options.changes.capacity = capacity.map { (id: $0.id, capacity: $0.capacity) }
        options.outputDirectory = out
        options.presentation = format.presentation
        options.force = force
        options.report = report
        options.timeLimit = timeLimit
        print(WhatIfText.render(try WhatIf.run(options)))
    }
}
