import ArgumentParser
import Foundation
import Matcher

struct PairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pair",
        abstract: "The yearly pairing: pair every household with a helper at proven least cost.")

    @OptionGroup var inputs: RollOptions

    @Option(help: "Write the dual prices that prove the plan optimal to this CSV file.")
    var certificate: String?

    @Option(help: "Directory for pairs.csv, unpaired.csv and summary.json.")
    var out: String = "out"

    @OptionGroup var format: OutputFormatOptions

    @Flag(name: .customLong("public"), help: "Also write public.csv for public notice (公示): masked names, place and kind only.")
    var publicNotice = false

    @Flag(help: "Also write report.html: one self-contained page with charts (coverage, unmet need, kinds, distance).")
    var report = false

    @Flag(help: "Replace output files that already exist.")
    var force = false

    @Option(help: "Threads for the solver (default: all cores); the plan is the same for any count.")
    var threads: Int?
    @OptionGroup var solving: SolverOptions

    func validate() throws {
        try solving.check()
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        var options = inputs.options(outputDirectory: out)
        options.certificate = certificate
        options.presentation = format.presentation
        options.publicNotice = publicNotice
        options.report = report
        options.force = force
        options.threads = threads
        solving.apply(to: &options)
        let outcome: YearlyPairing.Outcome
        do {
            outcome = try YearlyPairing.run(options)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        print(SummaryText.render(outcome.summary, out: out, certificate: certificate, format: format.presentation.format))
        let extra = (publicNotice ? [format.presentation.fileName(.publicNotice)] : []) + (report ? ["report.html"] : [])
        if !extra.isEmpty { print("wrote " + extra.map { out + "/" + $0 }.joined(separator: ", ")) }
    }
}

/// The input files every command that reads a roll takes.
struct RollOptions: ParsableArguments {
    @Option(help: "households.csv (UTF-8 or GB18030; English or Chinese headers).")
    var households: String

    @Option(help: "helpers.csv.")
    var helpers: String

    @Option(help: "Input encoding: utf-8 or gb18030 (default: detect).")
    var encoding: String?

    @Option(help: "YAML policy file (weights, distances, kind rules).")
    var policy: String?

    @Option(help: "Last year's pairs.csv: households keeping their helper earn keep_bonus.")
    var previous: String?

    @Option(help: "CSV of household_id,helper_id pairs that must be made.")
    var lock: String?

    @Option(help: "CSV of household_id,helper_id pairs that must never be made.")
    var forbid: String?

    var textEncoding: TextEncoding? { encoding.flatMap { TextEncoding(rawValue: $0.lowercased()) } }

    /// The run's options with these inputs filled in.
    func options(outputDirectory: String) -> YearlyPairing.Options {
        var options = YearlyPairing.Options(households: households, helpers: helpers, outputDirectory: outputDirectory)
        options.policy = policy
        options.previous = previous
        options.locks = lock
        options.forbids = forbid
        options.encoding = textEncoding
        return options
    }

    func validate() throws {
        if let encoding, TextEncoding(rawValue: encoding.lowercased()) == nil {
            throw ValidationError("--encoding must be utf-8 or gb18030")
        }
    }
}
