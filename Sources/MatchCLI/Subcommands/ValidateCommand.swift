import ArgumentParser
import Foundation
import Matcher

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the input files: every problem with file, line and column, or a short profile. Writes nothing.")

    @OptionGroup var inputs: RollOptions

    func run() throws {
        do {
            let (_, model) = try YearlyPairing.load(inputs.options(outputDirectory: ""))
            print("no problems found\n")
            print(RollProfile(model.roll).text)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
