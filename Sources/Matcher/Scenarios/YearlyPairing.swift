import Foundation

/// `match pair`: the yearly pairing from files to files.
public struct YearlyPairing {
    public struct Options: Sendable {
        public var households: String
        public var helpers: String
        public var policy: String?
        public var previous: String?
        public var locks: String?
        public var forbids: String?
        public var certificate: String?
        public var outputDirectory: String
        public var encoding: TextEncoding?
        /// Language and encoding of the CSV files written for people.
        public var presentation = Presentation()
        /// Also write public.csv, the list for public notice (公示).
        public var publicNotice = false
        /// Also write report.html, the one-page report with charts.
        public var report = false
        /// Replace output files that already exist (otherwise the run stops before solving).
        public var force = false
        /// Threads for the solver (nil: all cores); the plan is the same for any count.
        public var threads: Int? = nil
        /// Memory the run may plan to use (nil: ``MemoryBudget/standard(environment:)``).
        public var memoryBudget: MemoryBudget? = nil
        /// Solver (`--solver`), time limit and relative gap for side constraints, progress on stderr.
        public var solver = SolverChoice.auto
        public var timeLimit = 60.0
        public var mipGap = 0.0
        public var verbose = false

        public init(households: String, helpers: String, outputDirectory: String) {
            self.households = households
            self.helpers = helpers
            self.outputDirectory = outputDirectory
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

        public var description: String {
            switch self {
            case .input(let p): p.description
            case .unsupported(let m): m
            case .write(let e): e.description
            case .unproven(let p): "internal error: the optimality certificate does not hold:\n" + p.joined(separator: "\n")
            case .wouldReplace(let files):
                files.joined(separator: ", ") + " already exist; choose another --out or add --force to replace them"
            case .tooLarge(let limit): limit.description
            case .infeasibleRules(let why): "the side constraints cannot be met:\n" + why.joined(separator: "\n")
            }
        }
    }

    /// Reads and checks every input of a run (roll, policy, rule files) and builds the cost
    /// model; throws every problem found. Writes nothing. Shared by `pair` and `validate`.
    public static func load(_ options: Options) throws(Failure) -> (PairingRules, CostModel) {
        let roll: Roll
        var policy = Policy()
        var problems: [InputProblem] = []
        let budget = options.memoryBudget ?? .standard()
        do throws(ScaleLimitExceeded) {
            try budget.check(RunSize.reading(households: options.households, helpers: options.helpers))
        } catch {
            throw .tooLarge(error)
        }
        do {
            roll = try RollReader.read(households: options.households, helpers: options.helpers, encoding: options.encoding)
        } catch {
            problems += error.problems
            roll = Roll(places: Places(), dimensions: NeedDimensions(), households: Households(), helpers: Helpers())
        }
        if let path = options.policy {
            do { policy = try PolicyReader.read(path: path) } catch { problems += error.problems }
        }
        if !problems.isEmpty { throw .input(InputProblems(problems)) }
        if let unknown = policy.weights.keys.sorted().first(where: { !roll.dimensions.names.contains($0) }) {
            throw .input(InputProblems([InputProblem(
                file: options.policy ?? "policy", .invalidValue(key: "weights.\(unknown)", expected: "a need dimension of the households file"))]))
        }
        do {
            return try PairingRules.load(
                roll: roll, policy: policy, previous: options.previous, locks: options.locks,
                forbids: options.forbids, encoding: options.encoding, policyFile: options.policy ?? "policy")
        } catch {
            throw .input(error.locatingOverflow(policy: options.policy))
        }
    }

    /// Every file a run writes.
    static func outputPaths(_ options: Options) -> [String] {
        let p = options.presentation
        var names = [p.fileName(.pairs), p.fileName(.unpaired), "summary.json"]
        if options.publicNotice { names.append(p.fileName(.publicNotice)) }
        if options.report { names.append("report.html") }
        return names.map { options.outputDirectory + "/" + $0 } + (options.certificate.map { [$0] } ?? [])
    }

    public static func run(_ options: Options) throws(Failure) -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        let (rules, model) = try load(options)
        trace("read, rules and model: \(clock.now - start)")
        if !options.force {
            let existing = outputPaths(options).filter { FileManager.default.fileExists(atPath: $0) }
            if !existing.isEmpty { throw .wouldReplace(existing) }
        }
        do throws(ScaleLimitExceeded) {
            try (options.memoryBudget ?? .standard()).check(
                RunSize.solving(households: model.roll.households.count, helpers: model.roll.helpers.count))
        } catch {
            throw .tooLarge(error)
        }
        let solved = try solve(options, rules, model)
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
