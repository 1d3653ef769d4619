import ArgumentParser
import Matcher

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the input files: every problem with file, line and column, or a short profile. Writes nothing.")

    @OptionGroup var roll: RollOptions

    @Option(help: "Last year's pairs.csv, checked against the roll.")
    var previous: String?

    func run() throws {
        var options = YearlyPairing.Options(inputs: roll.inputs, outputDirectory: "")
        options.previous = previous
        let (_, model) = try YearlyPairing.load(options)
        print("no problems found\n")
        print(RollProfile(model.roll).text)
    }
}
