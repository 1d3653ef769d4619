import Foundation

/// `match report`: the report of an existing plan (its pairs file) under the same roll,
/// policy and rules it was made with, without changing the plan.
///
/// The plan's objective is evaluated pair by pair; its proven lower bound is the optimum
/// of the same model, found by solving it (with the locks when the plan keeps every locked
/// pair, else without them, which is still a lower bound) and checked by its dual prices. A
/// policy's side constraints only remove plans, so the optimum without them is a valid
/// bound too. The gap then says how far a plan edited by hand has drifted from the best.
public enum PlanReporting {
    public struct Options: Sendable {
        /// The roll, policy and rule files the plan was made with.
        public var inputs: RollInputs
        /// The previous plan the run was given, if any (for its keep bonus).
        public var previous: String?
        /// The plan's pairs file.
        public var pairs: String
        /// The HTML file to write.
        public var output: String
        public var language: Presentation.Language = .en
        /// Replace `output` when it exists.
        public var force = false

        public init(inputs: RollInputs, previous: String? = nil, pairs: String, output: String) {
            self.inputs = inputs
            self.previous = previous
            self.pairs = pairs
            self.output = output
        }

        /// The inputs of a `match pair` run (its output fields are not used).
        public init(inputs run: YearlyPairing.Options, pairs: String, output: String) {
            self.init(inputs: run.inputs, previous: run.previous, pairs: pairs, output: output)
        }
    }

    /// Reads everything, checks the plan, solves for the bound, writes the page; returns its
    /// figures. Nothing is written when anything fails.
    public static func run(_ options: Options) throws(YearlyPairing.Failure) -> ReportData {
        let inputs = try RunInputs.load(
            options.inputs, plan: .existing(pairs: options.pairs, previous: options.previous, policyChecked: true),
            outputs: RunOutputs(paths: [options.output], force: options.force))
        let rules = inputs.rules, model = inputs.model
        let helperOf = inputs.existingPlan ?? []
        let keepsLocks = zip(rules.lockedHelper, helperOf).allSatisfy { $0 < 0 || $0 == $1 }
        let locks = keepsLocks ? rules.lockedHelper : Array(repeating: -1, count: helperOf.count)
        let optimum = PairingSolver().solve(model, lockedHelper: locks)
        let proof = PairingCertificate.problems(model, optimum)
        if !proof.isEmpty { throw .unproven(proof) }
        let result = ExistingPlan.result(helperOf, model: model, bound: optimum.bound)
        let data = ReportData(
            model: model, result: result, source: options.pairs, provenOptimal: result.objective == result.bound)
        do {
            try AtomicFile.write(ReportPage.html(data, language: options.language), to: options.output)
        } catch {
            throw .write(error)
        }
        return data
    }
}

extension ReportData {
    /// What `match report` prints: the plan, its objective against the bound, the file.
    public func text(written path: String) -> String {
        let gap = String(format: "%.2f%%", self.gap * 100)
        return """
            plan       \(pairs) pairs, \(unpaired) unpaired
            objective  \(objective)  (bound \(bound), gap \(gap)\(provenOptimal ? ", optimal" : ""))
            wrote \(path)
            """
    }
}
