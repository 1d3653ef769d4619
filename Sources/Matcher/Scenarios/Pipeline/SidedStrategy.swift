import Foundation

/// org_spread (with or without coverage): not a network, so an integer program —
/// ``SidedPairingSolver``'s Lagrangian bound, repaired plans, neighbourhood search and
/// GLPK's branch-and-cut on the reduced program (without GLPK: the relaxation and the repair).
/// The plan meets every rule; its bound is proven by the relaxation, over all eligible pairs.
struct SidedStrategy: PairingStrategy {
    var name: SolverName { SidedPairingSolver.glpkAvailable ? .lagrangianGLPK : .lagrangian }

    func solve(_ instance: PairingInstance, _ settings: SolveSettings) -> (PairingOutcome, String) {
        let why = "coverage or org_spread couples pairs, which needs an integer program"
        let clock = ContinuousClock(), checkStart = clock.now
        let infeasible = SideFeasibility(model: instance.model, sides: instance.sides, lockedHelper: instance.locked).problems()
        if !infeasible.isEmpty { return (.infeasible(infeasible), why) }
        let checked = LagrangianPairing.seconds(clock.now - checkStart)
        settings.log?(String(format: "quota check (Hall-type counts): %.1f s", checked))

        var solver = SidedPairingSolver()
        solver.timeLimit = max(1, settings.timeLimit - checked)  // the time limit covers the check too
        solver.targetGap = settings.mipGap
        solver.log = settings.log
        solver.control = settings.control
        let outcome = solver.solve(instance)
        if settings.control?.isCancelled == true { return (.cancelled, why) }
        guard let incumbent = outcome.incumbent, let bound = outcome.bound else {
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
        let rounds = "\(outcome.lagrangianRounds) rounds, bound \(outcome.lagrangianBound.map(String.init) ?? "none")"
        guard SidedPairingSolver.glpkAvailable else {
            return (.bounded(result), "\(why), but this build has no GLPK: Lagrangian relaxation with the Hungarian method inside (\(rounds)) and a repair heuristic; the plan meets every rule; \(proof)")
        }
        let glpk = outcome.glpkDescription
        let searched = outcome.neighbourhoodSeconds > 0 ? " improved by GLPK on neighbourhoods of a few communities" : ""
        return (.bounded(result), "\(why): Lagrangian relaxation with the Hungarian method inside (\(rounds)), a repaired plan\(searched), reduced-cost fixing, then GLPK's branch-and-cut"
            + (glpk.isEmpty ? " (not needed: the gap was closed, or the target gap reached, before it)" : "; " + glpk) + "; \(proof)")
    }
}
