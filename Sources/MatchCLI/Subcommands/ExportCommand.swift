import ArgumentParser
import Matcher

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the public-notice list (公示) of an existing plan, without re-solving.",
        discussion: """
            Give the roll the plan was made from and the plan's pairs file. With --policy (and \
            --lock/--forbid) every pair is checked against them too.
            """)

    @Flag(name: .customLong("public"), help: "The list for public notice: masked names, place and kind only (required; the only export so far).")
    var publicNotice = false

    @OptionGroup var roll: RollOptions

    @Option(help: "The plan: a pairs.csv written by match pair, or any CSV with household_id,helper_id.")
    var pairs: String

    @Option(help: "The file to write.")
    var out: String

    @OptionGroup var format: OutputFormatOptions

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        if !publicNotice { throw ValidationError("say what to export: --public (the list for public notice)") }
    }

    func run() throws {
        var options = PublicExport.Options(inputs: roll.inputs, pairs: pairs, output: out)
        options.presentation = format.presentation
        options.force = force
        let count = try PublicExport.run(options)
        print("wrote \(out) (\(count) pairs)")
    }
}
