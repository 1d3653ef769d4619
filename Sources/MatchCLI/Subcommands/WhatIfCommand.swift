import ArgumentParser
import Foundation
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

    @Option(help: "households.csv (as it is now, or as it was, with changes given below).")
    var households: String

    @Option(help: "helpers.csv.")
    var helpers: String

    @Option(help: "The baseline plan: a pairs.csv (household_id, helper_id).")
    var baseline: String

    @Option(help: "Input encoding: utf-8 or gb18030 (default: detect).")
    var encoding: String?

    @Option(help: "YAML policy file (whatif_keep_bonus: N or auto).")
    var policy: String?

    @Option(parsing: .upToNextOption, help: "Helper ids that withdraw.")
    var removeHelper: [String] = []

    @Option(parsing: .upToNextOption, help: "Household ids that leave the roll.")
    var removeHousehold: [String] = []

    @Option(parsing: .upToNextOption, help: ArgumentHelp("New capacity of a helper.", valueName: "ID=N"))
    var capacity: [String] = []

    @Option(help: "CSV of household_id,helper_id pairs that must be made.")
    var lock: String?

    @Option(help: "CSV of household_id,helper_id pairs that must never be made.")
    var forbid: String?

    @Option(help: "Directory for pairs.csv, unpaired.csv, diff.csv and summary.json (default: a dry run).")
    var out: String?

    @OptionGroup var format: OutputFormatOptions

    @Flag(help: "Also write report.html into --out: the baseline and the new plan side by side.")
    var report = false

    @Flag(help: "Replace output files that already exist.")
    var force = false

    func validate() throws {
        if report && out == nil { throw ValidationError("--report writes report.html into --out; give --out DIR") }
        if let encoding, TextEncoding(rawValue: encoding.lowercased()) == nil {
            throw ValidationError("--encoding must be utf-8 or gb18030")
        }
        for item in capacity where parseCapacity(item) == nil {
            throw ValidationError("--capacity takes ID=N with N a whole number ≥ 0, not '\(item)'")
        }
    }

    func parseCapacity(_ item: String) -> (String, Int)? {
        guard let eq = item.lastIndex(of: "="), let n = Int(item[item.index(after: eq)...]), n >= 0 else { return nil }
        let id = String(item[..<eq])
        return id.isEmpty ? nil : (id, n)
    }

    func run() throws {
        var options = WhatIf.Options(households: households, helpers: helpers, baseline: baseline)
        options.policy = policy
        options.locks = lock
        options.forbids = forbid
        options.encoding = encoding.flatMap { TextEncoding(rawValue: $0.lowercased()) }
        options.changes.removedHelpers = removeHelper
        options.changes.removedHouseholds = removeHousehold
        options.changes.capacity = capacity.compactMap(parseCapacity).map { (id: $0.0, capacity: $0.1) }
        options.outputDirectory = out
        options.presentation = format.presentation
        options.force = force
        options.report = report
        let outcome: WhatIf.Outcome
        do {
            outcome = try WhatIf.run(options)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        print(WhatIfText.render(outcome))
    }
}
