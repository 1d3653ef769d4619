import Foundation

/// `match pair`: the yearly pairing from files to files.
public struct YearlyPairing {
    public struct Options: Sendable, RollInputOptions {
        /// The roll, policy and rule files (shared with every command that reads a roll).
        public var inputs: RollInputs
        /// Last year's pairs.csv: households keeping their helper earn keep_bonus.
        public var previous: String?
        public var certificate: String?
        public var outputDirectory: String
        /// Language, encoding and format of the files written for people.
        public var presentation = Presentation()
        /// Also write public.csv, the list for public notice (公示).
        public var publicNotice = false
        /// Also write report.html, the one-page report with charts.
        public var report = false
        /// Replace output files that already exist (otherwise the run stops before solving).
        public var force = false
        /// Threads for the solver (nil: all cores); the plan is the same for any count.
        public var threads: Int? = nil
        /// Solver (`--solver`), time limit and relative gap for side constraints, progress on stderr.
        public var solver = SolverChoice.auto
        public var timeLimit = 60.0
        public var mipGap = 0.0
        public var verbose = false
        /// Progress reports and a cancel (the office server's; nil from the command line).
        public var control: SolveControl? = nil

        public init(inputs: RollInputs, outputDirectory: String) {
            self.inputs = inputs
            self.outputDirectory = outputDirectory
        }

        public init(households: String, helpers: String, outputDirectory: String) {
            self.init(inputs: RollInputs(households: households, helpers: helpers), outputDirectory: outputDirectory)
        }

        // The input files by name (households, policy, …) come through ``RollInputOptions``.

        /// Every file the run writes.
        public var outputPaths: [String] {
            let p = presentation
            var names = [p.fileName(.pairs), p.fileName(.unpaired), "summary.json"]
            if publicNotice { names.append(p.fileName(.publicNotice)) }
            if report { names.append("report.html") }
            return names.map { outputDirectory + "/" + $0 } + (certificate.map { [$0] } ?? [])
        }
    }

    public struct Outcome: Sendable {
        public var model: CostModel
        public var result: PairingResult
        public var summary: PlanSummary
    }

    /// Why the run cannot go on: bad inputs (all of them listed), a rule this build cannot
    /// honour, or a file that cannot be written.
    public enum Failure: Error, CustomStringConvertible {
        case input(InputProblems)
        case unsupported(String)
        case write(AtomicFile.WriteError)
        case unproven([String])
        /// Output files that exist already and would be replaced without `--force`.
        case wouldReplace([String])
        /// The inputs need more memory than the budget (checked before reading and solving).
        case tooLarge(ScaleLimitExceeded)
        /// Coverage or org_spread rules no plan can meet, each told with place and numbers.
        case infeasibleRules([String])
        /// The solve was cancelled through ``Options/control``; nothing was written.
        case cancelled

        public var description: String {
            switch self {
            case .input(let p): p.description
            case .unsupported(let m): m
            case .write(let e): e.description
            case .unproven(let p): "internal error: the optimality certificate does not hold:\n" + p.joined(separator: "\n")
            case .wouldReplace(let files):
                files.joined(separator: ", ") + (files.count == 1 ? " already exists" : " already exist") + "; choose another --out or add --force to replace them"
            case .tooLarge(let limit): limit.description
            case .infeasibleRules(let why): "the side constraints cannot be met:\n" + why.joined(separator: "\n")
            case .cancelled: "the solve was cancelled; nothing was written"
            }
        }
    }

    /// Reads and checks every input of a run (roll, policy, rule files; see ``RunInputs``)
    /// and builds the cost model; throws every problem found. Writes nothing. `validate`.
    public static func load(_ options: Options) throws(Failure) -> (PairingRules, CostModel) {
        let inputs = try RunInputs.load(options.inputs, plan: .previous(options.previous), outputs: .none)
        return (inputs.rules, inputs.model)
    }

    public static func run(_ options: Options) throws(Failure) -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        let inputs = try RunInputs.load(
            options.inputs, plan: .previous(options.previous),
            outputs: RunOutputs(paths: options.outputPaths, force: options.force, format: options.presentation.format))
        let rules = inputs.rules, model = inputs.model
        trace("read, rules and model: \(clock.now - start)")
        let solved = try solve(options, rules, model)
        if options.control?.isCancelled == true { throw .cancelled }
        let result = solved.result
        trace("solved and checked: \(clock.now - start)")
        let seconds = (clock.now - start).inSeconds
        var summary = PlanSummary(
            model: model, result: result, solver: solved.solver, solverReason: solved.reason,
            seconds: seconds, certificateVerified: solved.certificateVerified)
        summary.sideConstraints = solved.shortfalls.map(\.description)
        summary.inputs = options.inputRecords()
        summary.policy = Policy.effective(model)
        trace("summary: \(clock.now - start)")
        defer { trace("written: \(clock.now - start)") }
        do {
            try PlanWriter(model: model, result: result, presentation: options.presentation).write(
                to: options.outputDirectory, summary: summary, certificate: options.certificate,
                publicNotice: options.publicNotice, report: options.report)
        } catch {
            throw .write(error)
        }
        return Outcome(model: model, result: result, summary: summary)
    }
}
