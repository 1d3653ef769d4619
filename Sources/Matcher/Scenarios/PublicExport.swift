import Foundation

/// `match export --public`: the list for public notice (公示) from an existing plan,
/// without solving: the same public.csv that `match pair --public` writes.
public enum PublicExport {
    public struct Options: Sendable {
        /// The roll the plan was made from, and optionally its policy and rule files (then
        /// every pair must be allowed by them).
        public var inputs: RollInputs
        /// The plan's pairs file.
        public var pairs: String
        /// The CSV file to write.
        public var output: String
        public var presentation = Presentation()
        /// Replace `output` when it exists.
        public var force = false

        public init(inputs: RollInputs, pairs: String, output: String) {
            self.inputs = inputs
            self.pairs = pairs
            self.output = output
        }

        public init(households: String, helpers: String, pairs: String, output: String) {
            self.init(inputs: RollInputs(households: households, helpers: helpers), pairs: pairs, output: output)
        }

        public var encoding: TextEncoding? {
            get { inputs.encoding }
            set { inputs.encoding = newValue }
        }
    }

    /// Reads the roll and the plan through the input stage (``RunInputs``: ids known, no
    /// household twice, no helper over capacity; with a policy file, every pair allowed by
    /// it — without one nothing is priced, so the policy is not needed), writes the list;
    /// returns the number of pairs listed. Nothing is written when anything fails.
    public static func run(_ options: Options) throws(YearlyPairing.Failure) -> Int {
        let inputs = try RunInputs.load(
            options.inputs, plan: .existing(pairs: options.pairs, previous: nil, policyChecked: options.inputs.policy != nil),
            outputs: RunOutputs(paths: [options.output], force: options.force, format: options.presentation.format))
        let helperOf = inputs.existingPlan ?? []
        let result = ExistingPlan.result(helperOf, model: inputs.model)
        let writer = PlanWriter(model: inputs.model, result: result, presentation: options.presentation)
        do {
            try AtomicFile.write(writer.publicNoticeCSV(), to: options.output)
        } catch {
            throw .write(error)
        }
        return helperOf.filter { $0 >= 0 }.count
    }
}
