import Foundation

/// The yearly pairing on inputs held in memory (the office server keeps them in its
/// database): bytes in, plan out. It runs exactly the pipeline of `match pair` — the files
/// are laid in a private temporary folder and ``YearlyPairing/run(_:)`` reads, checks, solves
/// and writes them — so a round's objective is the command line's on the same files, and a
/// change to the pipeline reaches the server without a second copy of it.
public enum RoundPairing {
    /// A pair named by ids (a lock, a forbid, or a pair of an earlier plan).
    public struct Pair: Sendable, Equatable, Hashable {
        public var household: String
        public var helper: String
        public init(household: String, helper: String) {
            self.household = household
            self.helper = helper
        }
    }

    /// One input file as received, with the name it is reported under.
    public struct File: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    public struct Inputs: Sendable {
        public var households: File
        public var helpers: File
        /// The policy's YAML text; nil for the defaults.
        public var policy: File? = nil
        /// The earlier plan's pairs (keep bonus and kept/moved status). Pairs whose household
        /// or helper is not on this roll are left out: they left the roll since.
        public var previous: [Pair] = []
        public var locks: [Pair] = []
        public var forbids: [Pair] = []
        /// Threads for the solver (nil: all cores).
        public var threads: Int? = nil
        public var timeLimit = 60.0
        /// Progress reports and a cancel for the solve (see ``SolveControl``).
        public var control: SolveControl? = nil

        public init(households: File, helpers: File) {
            self.households = households
            self.helpers = helpers
        }
    }

    /// A solved plan: the model and result for counting, the summary, and the lists as
    /// `match pair --public` writes them.
    public struct Plan: Sendable {
        public var model: CostModel
        public var result: PairingResult
        public var summary: PlanSummary
        public var pairsCSV: [UInt8]
        public var unpairedCSV: [UInt8]
        public var publicCSV: [UInt8]
        public var summaryJSON: [UInt8]
    }

    /// Checks a households file alone: every problem of that file (none of another file).
    /// The roll returned has the file's households and one placeholder helper.
    public static func checkHouseholds(_ file: File) throws(InputProblems) -> Roll {
        let placeholder = Array("id,name,kind\nplaceholder,placeholder,cadre\n".utf8)
        return try check(households: file, helpers: File(name: "\u{0}helpers", bytes: placeholder), keep: file.name)
    }

    /// Checks a helpers file alone: every problem of that file (none of another file).
    /// The roll returned has the file's helpers and one placeholder household.
    public static func checkHelpers(_ file: File) throws(InputProblems) -> Roll {
        let placeholder = Array("id,name,district,street,community\nplaceholder,placeholder,-,-,-\n".utf8)
        return try check(households: File(name: "\u{0}households", bytes: placeholder), helpers: file, keep: file.name)
    }

    private static func check(households: File, helpers: File, keep name: String) throws(InputProblems) -> Roll {
        do {
            return try RollReader.parse(
                households: households.bytes, helpers: helpers.bytes, householdsFile: households.name,
                helpersFile: helpers.name)
        } catch {
            let mine = error.problems.filter { $0.file == name }
            if mine.isEmpty { fatalError("a placeholder file has a problem: \(error)") }
            throw InputProblems(mine)
        }
    }

    /// Checks a policy's YAML text; throws every problem with line and column.
    public static func checkPolicy(_ file: File) throws(InputProblems) -> Policy {
        try PolicyReader.parse(String(decoding: file.bytes, as: UTF8.self), file: file.name)
    }

    /// Reads, checks and solves `inputs` as `match pair --public` does. Problems name the
    /// files by their names in `inputs` (`locks` and `forbids` for the rule lists).
    public static func solve(_ inputs: Inputs) throws(YearlyPairing.Failure) -> Plan {
        let folder = try RoundFolder(inputs)
        defer { folder.remove() }
        var options = YearlyPairing.Options(inputs: folder.inputs, outputDirectory: folder.path + "/out")
        options.previous = folder.previous
        options.publicNotice = true
        options.threads = inputs.threads
        options.timeLimit = inputs.timeLimit
        options.control = inputs.control
        let outcome: YearlyPairing.Outcome
        do {
            outcome = try YearlyPairing.run(options)
        } catch {
            throw folder.renamed(error)
        }
        var summary = outcome.summary
        summary.inputs = summary.inputs.map { record in
            var record = record
            record.path = folder.name(of: record.path)
            return record
        }
        func output(_ name: String) -> [UInt8] {
            FileManager.default.contents(atPath: options.outputDirectory + "/" + name).map { Array($0) } ?? []
        }
        let writer = PlanWriter(model: outcome.model, result: outcome.result)
        return Plan(
            model: outcome.model, result: outcome.result, summary: summary, pairsCSV: output("pairs.csv"),
            unpairedCSV: output("unpaired.csv"), publicCSV: output("public.csv"), summaryJSON: writer.summaryJSON(summary))
    }
}
