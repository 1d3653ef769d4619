import Foundation

/// org_spread (with or without coverage): not a network, so an integer program —
/// ``SidedPairingSolver``'s Lagrangian bound, repaired plans, neighbourhood search and
/// GLPK's branch-and-cut on the reduced program (without GLPK: the relaxation and the repair).
/// The plan meets every rule; its bound is proven by the relaxation, over all eligible pairs.
struct SidedStrategy: PairingStrategy {
    var name: SolverName { SidedPairingSolver.glpkAvailable ? .lagrangianGLPK : .lagrangian }

    func solve(_ instance: PairingInstance, _ settings: SolveSettings) throws(YearlyPairing.Failure) -> (PairingOutcome, String) {
        let why = "coverage or org_spread couples pairs, which needs an integer program"
        let clock = ContinuousClock(), started = clock.now
        // First the optimum without org_spread (exact: plain, or on the coverage network). It
        // bounds every plan from below, starts the relaxation, and — when even it does not
        // exist — tells that the quotas cannot be met.
        let (first, _) = try startingPlan(instance, settings)
        let start: SidedStart
        switch first {
        case .priced(let plan):
            // Its objective becomes part of the proven bound: check its prices first.
            let proof = PairingCertificate.problems(instance.model, plan, threads: settings.threads)
            if !proof.isEmpty { throw .unproven(proof) }
            start = SidedStart(plan: plan)
        case .cancelled: return (.cancelled, why)
        case .infeasible(let reasons): return (.infeasible(reasons), why)
        case .bounded: preconditionFailure("the plain and coverage strategies price their plans")
        }
        let spent = LagrangianPairing.seconds(clock.now - started)
        settings.log?(String(format: "optimum without org_spread: %d (%.1f s)", start.plan.objective, spent))

        var solver = SidedPairingSolver()
        solver.timeLimit = max(1, settings.timeLimit - spent)  // the time limit covers the first solve too
        solver.targetGap = settings.mipGap
        solver.log = settings.log
        solver.control = settings.control
        let outcome = solver.solve(instance, from: start)
        if settings.control?.isCancelled == true { return (.cancelled, why) }
        guard let incumbent = outcome.incumbent, let bound = outcome.bound else {
            // Say why in office words when a Hall-type count finds it (a pass over every
            // eligible pair per rule, so only now).
            let explained = SideFeasibility(model: instance.model, sides: instance.sides, lockedHelper: instance.locked).problems()
            if !explained.isEmpty { return (.infeasible(explained), why) }
            if outcome.provenInfeasible {
                return (.infeasible([
                    "no plan meets every coverage and org_spread rule together (proven: the relaxation's lower bound exceeds the cost of any plan); the quotas compete for the same helpers or org_spread leaves too few: lower a quota, raise org_spread, or add helpers"
                ]), why)
            }
            return (.infeasible([
                "no plan meeting every coverage and org_spread rule was found within \(settings.timeLimit) s"
                    + (outcome.bound.map { "; proven lower bound \($0)" } ?? "")
                    + ". The quotas may compete for the same helpers: lower a quota, raise org_spread, or add helpers"
            ]), why)
        }
        var result = PairingResult(
            helperOf: incumbent.plan, locked: instance.locked.map { $0 >= 0 }, objective: incumbent.objective,
            bound: min(bound, incumbent.objective), householdPrice: Array(repeating: nil, count: incumbent.plan.count),
            helperPrice: Array(repeating: 0, count: instance.model.roll.helpers.count),
            residualCapacity: instance.residual, lockedCost: instance.lockedCost, statistics: PairingResult.Statistics())
        result.statistics.rounds = outcome.lagrangianRounds
        result.statistics.candidateArcs = outcome.candidateArcs
        result.statistics.totalSeconds = outcome.seconds
        let proof = result.gap == 0
            ? "proven optimal"
            : String(format: "not proven optimal: proven bound %d, gap %.2f%%", result.bound, result.gap * 100)
        let rounds = outcome.districtParts > 0
            ? "district by district, \(outcome.districtParts) districts, \(outcome.lagrangianRounds) rounds in all; the districts' multipliers certified over the whole roll: bound \(outcome.lagrangianBound.map(String.init) ?? "none")"
            : "\(outcome.lagrangianRounds) rounds, bound \(outcome.lagrangianBound.map(String.init) ?? "none")"
        guard SidedPairingSolver.glpkAvailable else {
            return (.bounded(result), "\(why), but this build has no GLPK: Lagrangian relaxation with the Hungarian method inside (\(rounds)) and a repair heuristic; the plan meets every rule; \(proof)")
        }
        let glpk = outcome.glpkDescription.isEmpty
            ? (result.gap == 0 || result.gap <= settings.mipGap
                ? " (not needed: the gap was closed, or the target gap reached, before it)"
                : " (no time was left for it)")
            : "; " + outcome.glpkDescription
        let searched = outcome.neighbourhoodSeconds > 0 ? " improved by GLPK on neighbourhoods of a few communities" : ""
        return (.bounded(result), "\(why): Lagrangian relaxation with the Hungarian method inside (\(rounds)), a repaired plan\(searched), reduced-cost fixing, then GLPK's branch-and-cut"
            + glpk + "; \(proof)")
    }

    /// The optimum of the instance without org_spread: on the coverage network when coverage
    /// rules are set, plain otherwise.
    private func startingPlan(_ instance: PairingInstance, _ settings: SolveSettings) throws(YearlyPairing.Failure) -> (PairingOutcome, String) {
        if let network = CoverageNetwork(roll: instance.model.roll, sides: instance.sides, lockedHelper: instance.locked) {
            return try CoverageStrategy(network: network).solve(instance, settings)
        }
        var plain = settings
        plain.timeLimit = .infinity  // the bound needs the optimum, not a stopped plan
        return PlainStrategy(ignoredRules: false, asked: false).solve(instance, plain)
    }
}
