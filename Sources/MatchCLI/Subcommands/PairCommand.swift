import ArgumentParser
import Foundation
import Matcher

struct PairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pair",
        abstract: "The yearly pairing: pair every household with a helper at proven least cost.")

    @OptionGroup var inputs: RollOptions

    @Option(help: "YAML policy file (weights, distances, kind rules).")
    var policy: String?

    @Option(help: "Last year's pairs.csv: households keeping their helper earn keep_bonus.")
    var previous: String?

    @Option(help: "CSV of household_id,helper_id pairs that must be made.")
    var lock: String?

    @Option(help: "CSV of household_id,helper_id pairs that must never be made.")
    var forbid: String?

    @Option(help: "Write the dual prices that prove the plan optimal to this CSV file.")
    var certificate: String?

    @Option(help: "Directory for pairs.csv, unpaired.csv and summary.json.")
    var out: String = "out"

    func run() throws {
        var options = YearlyPairing.Options(households: inputs.households, helpers: inputs.helpers, outputDirectory: out)
        options.policy = policy
        options.previous = previous
        options.locks = lock
        options.forbids = forbid
        options.certificate = certificate
        options.encoding = inputs.textEncoding
        let outcome: YearlyPairing.Outcome
        do {
            outcome = try YearlyPairing.run(options)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        print(SummaryText.render(outcome.summary, out: out, certificate: certificate))
    }
}

/// The two input files every command that reads a roll takes.
struct RollOptions: ParsableArguments {
    @Option(help: "households.csv (UTF-8 or GB18030; English or Chinese headers).")
    var households: String

    @Option(help: "helpers.csv.")
    var helpers: String

    @Option(help: "Input encoding: utf-8 or gb18030 (default: detect).")
    var encoding: String?

    var textEncoding: TextEncoding? { encoding.flatMap { TextEncoding(rawValue: $0.lowercased()) } }

    func validate() throws {
        if let encoding, TextEncoding(rawValue: encoding.lowercased()) == nil {
            throw ValidationError("--encoding must be utf-8 or gb18030")
        }
    }
}
