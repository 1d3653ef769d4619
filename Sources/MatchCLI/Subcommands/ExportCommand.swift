import ArgumentParser
import Matcher

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the public-notice list (公示) of an existing plan, or its lists one file per street or district, without re-solving.",
        discussion: """
            Give the roll the plan was made from and the plan's pairs file. With --policy (and \
            --lock/--forbid) every pair is checked against them too.
            """)

    @Flag(name: .customLong("public"), help: "The list for public notice: masked names, place and kind only.")
    var publicNotice = false

    @Option(help: "One file per street or district, named after it, in the directory --out; without --public, the pairs list.")
    var by: PlaceExport.Level?

    @OptionGroup var roll: RollOptions

    @Option(help: "The plan: a pairs.csv written by match pair, or any CSV with household_id,helper_id.")
    var pairs: String

    @Option(help: "The file to write (CSV or .xlsx with --format xlsx), or with --by the directory.")
    var out: String

    @OptionGroup var format: OutputFormatOptions

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        if !publicNotice && by == nil {
            throw ValidationError("say what to export: --public (the list for public notice) and/or --by street|district")
        }
    }

    func run() throws {
        var options = PublicExport.Options(inputs: roll.inputs, pairs: pairs, output: out)
        options.presentation = format.presentation
        options.force = force
        options.publicNotice = publicNotice
        options.by = by
        let written = try PublicExport.write(options)
        if by == nil {
            print("wrote \(out) (\(written.pairs) pairs)")
        } else {
            print("wrote \(written.files.count) files into \(out) (\(written.pairs) pairs in all)")
        }
    }
}
