import Foundation

/// `match export --public`: the list for public notice (公示) from an existing plan,
/// without solving: the same public.csv that `match pair --public` writes.
public enum PublicExport {
    public struct Options: Sendable {
        public var households: String
        public var helpers: String
        public var encoding: TextEncoding?
        /// The plan's pairs file.
        public var pairs: String
        /// The CSV file to write.
        public var output: String
        public var presentation = Presentation()
        /// Replace `output` when it exists.
        public var force = false

        public init(households: String, helpers: String, pairs: String, output: String) {
            self.households = households
            self.helpers = helpers
            self.pairs = pairs
            self.output = output
        }
    }

    /// Reads the roll and the plan (ids known, no household twice, no helper over capacity;
    /// the policy is not needed, as nothing is priced), writes the list; returns the number of
    /// pairs listed. Nothing is written when anything fails.
    public static func run(_ options: Options) throws(YearlyPairing.Failure) -> Int {
        if !options.force && FileManager.default.fileExists(atPath: options.output) {
            throw .wouldReplace([options.output])
        }
        let roll: Roll
        let helperOf: [Int32]
        let model: CostModel
        do {
            roll = try RollReader.read(households: options.households, helpers: options.helpers, encoding: options.encoding)
            helperOf = try ExistingPlan.read(pairs: options.pairs, roll: roll, model: nil, encoding: options.encoding)
        } catch {
            throw .input(error)
        }
        do {
            model = try CostModel(roll: roll, policy: Policy())
        } catch {
            throw .input(InputProblems([error]))
        }
        let result = ExistingPlan.result(helperOf, model: model)
        let writer = PlanWriter(model: model, result: result, presentation: options.presentation)
        do {
            try AtomicFile.write(writer.publicNoticeCSV(), to: options.output)
        } catch {
            throw .write(error)
        }
        return helperOf.filter { $0 >= 0 }.count
    }
}
