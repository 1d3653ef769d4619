import Foundation

/// What the solver stage of a run hands to the summary and the writer.
struct SolvedPlan {
    var result: PairingResult
    var solver: SolverName
    var reason: String
    var certificateVerified: Bool
    /// Side constraints the plan does not meet (only with `--solver hungarian`).
    var shortfalls: [SideConstraints.Shortfall] = []
}

extension YearlyPairing {
    /// The solver stage of `match pair` (and the server's solve): the one pipeline with the
    /// run's options.
    static func solve(_ options: Options, _ rules: PairingRules, _ model: CostModel) throws(Failure) -> SolvedPlan {
        try SolverPipeline.run(
            model, lockedHelper: rules.lockedHelper, choice: options.solver,
            settings: SolveSettings(
                threads: options.threads, timeLimit: options.timeLimit, mipGap: options.mipGap, control: options.control,
                log: options.verbose ? { @Sendable line in FileHandle.standardError.write(Data((line + "\n").utf8)) } : nil),
            certificateAsked: options.certificate != nil)
    }
}

/// The one solver pipeline every command that pairs passes through (`pair`, `whatif`, the
/// server's solve and what-if): fold the locks into a ``PairingInstance``, pick the strategy
/// (see ``SolverChoice``), run it, check its proof, and say in a sentence what was done.
enum SolverPipeline {
    static func run(
        _ model: CostModel, lockedHelper: [Int32], choice: SolverChoice, settings: SolveSettings, certificateAsked: Bool
    ) throws(YearlyPairing.Failure) -> SolvedPlan {
        let sides = SideConstraints(roll: model.roll, policy: model.policy)
        let instance = PairingInstance(model: model, sides: sides, lockedHelper: lockedHelper)
        let strategy = try strategy(for: instance, choice: choice, certificateAsked: certificateAsked)
        let (outcome, reason) = try strategy.solve(instance, settings)
        if settings.control?.isCancelled == true { throw .cancelled }
        switch outcome {
        case .cancelled:
            throw .cancelled
        case .infeasible(let why):
            throw .infeasibleRules(why)
        case .bounded(let result):
            return SolvedPlan(result: result, solver: strategy.name, reason: reason, certificateVerified: false)
        case .priced(let result):
            let proof = PairingCertificate.problems(model, result, threads: settings.threads)
            if !proof.isEmpty { throw .unproven(proof) }
            var plan = SolvedPlan(result: result, solver: strategy.name, reason: reason, certificateVerified: true)
            if choice == .hungarian && !sides.isEmpty {
                plan.shortfalls = sides.shortfalls(helperOf: result.helperOf, places: model.roll.places)
                plan.reason += plan.shortfalls.isEmpty
                    ? " (it happens to meet them all)"
                    : " (\(plan.shortfalls.count) rules unmet, listed in side_constraints)"
            }
            return plan
        }
    }

    /// The strategy for this instance and choice, or why none can run.
    private static func strategy(
        for instance: PairingInstance, choice: SolverChoice, certificateAsked: Bool
    ) throws(YearlyPairing.Failure) -> any PairingStrategy {
        let sides = instance.sides
        switch choice {
        case .hungarian:
            return PlainStrategy(ignoredRules: !sides.isEmpty, asked: true)
        case .glpk:
            guard SidedPairingSolver.glpkAvailable else {
                throw .unsupported("--solver glpk: this build has no GLPK (built without the GLPK trait); use --solver auto")
            }
            return sides.isEmpty ? GLPKStrategy() : try sided(certificateAsked)
        case .auto:
            if sides.isEmpty { return PlainStrategy(ignoredRules: false, asked: false) }
            if sides.spreadLimit == nil,
               let network = CoverageNetwork(roll: instance.model.roll, sides: sides, lockedHelper: instance.locked) {
                return CoverageStrategy(network: network)
            }
            return try sided(certificateAsked)
        }
    }

    private static func sided(_ certificateAsked: Bool) throws(YearlyPairing.Failure) -> any PairingStrategy {
        if certificateAsked {
            throw .unsupported("--certificate proves plans without org_spread; with org_spread the summary gives the proven bound and gap instead")
        }
        return SidedStrategy()
    }
}
