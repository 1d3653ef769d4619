import ArgumentParser
import Foundation
import Matcher

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the input files: every problem with file, line and column, or a short profile. Writes nothing.")

    @OptionGroup var inputs: RollOptions

    @Option(help: "YAML policy file to check too.")
    var policy: String?

    @Option(help: "A previous pairs.csv to check too.")
    var previous: String?

    @Option(help: "A lock file to check too.")
    var lock: String?

    @Option(help: "A forbid file to check too.")
    var forbid: String?

    func run() throws {
        var options = YearlyPairing.Options(households: inputs.households, helpers: inputs.helpers, outputDirectory: "")
        options.policy = policy
        options.previous = previous
        options.locks = lock
        options.forbids = forbid
        options.encoding = inputs.textEncoding
        do {
            let (_, model) = try YearlyPairing.load(options)
            print("no problems found\n")
            print(RollProfile(model.roll).text)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
