import ArgumentParser
import Matcher

struct PairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pair",
        abstract: "The yearly pairing: pair every household with a helper at proven least cost.")

    @OptionGroup var roll: RollOptions

    @Option(help: "Last year's pairs.csv: households keeping their helper earn keep_bonus.")
    var previous: String?

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
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        var options = YearlyPairing.Options(inputs: roll.inputs, outputDirectory: out)
        options.previous = previous
        options.certificate = certificate
        options.presentation = format.presentation
        options.publicNotice = publicNotice
        options.report = report
        options.force = force
        options.threads = threads
        solving.apply(to: &options)
        print(try YearlyPairing.run(options).text(options))
    }
}
