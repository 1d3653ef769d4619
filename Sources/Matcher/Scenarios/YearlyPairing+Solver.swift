import Foundation

/// Which solver `match pair` uses (`--solver`).
public enum SolverChoice: String, Sendable, CaseIterable {
    /// The Hungarian method when no rule couples pairs; otherwise the Lagrangian relaxation
    /// with GLPK's integer program (or without GLPK, the relaxation and a repair heuristic).
    case auto
    /// GLPK's integer program even without side constraints (a cross-check for small rolls).
    case glpk
    /// The Hungarian method; side constraints are then ignored, and the summary says so.
    case hungarian
}

/// What the solver stage of a run hands to the summary and the writer.
struct SolvedPlan {
    var result: PairingResult
    var solver: String
    var reason: String
    var certificateVerified: Bool
    /// Side constraints the plan does not meet (only with `--solver hungarian`).
    var shortfalls: [SideConstraints.Shortfall] = []
}

extension YearlyPairing {
    /// Above this many eligible pairs `--solver glpk` without side constraints is refused:
    /// GLPK's simplex method does not finish such a model in useful time.
    static let glpkPairLimit = 2_000_000

    /// Chooses the solver (see ``SolverChoice``), solves, and explains the choice in a sentence.
    static func solve(_ options: Options, _ rules: PairingRules, _ model: CostModel) throws(Failure) -> SolvedPlan {
        let sides = SideConstraints(roll: model.roll, policy: model.policy)
        let log: (@Sendable (String) -> Void)? = options.verbose
            ? { @Sendable line in FileHandle.standardError.write(Data((line + "\n").utf8)) } : nil
        if sides.isEmpty && options.solver != .glpk {
            return try hungarian(model, rules, reason: options.solver == .hungarian
                ? "asked for; no rule couples pairs, so the assignment model is exact; Hungarian method with pricing over all eligible pairs"
                : "no rule couples pairs, so the assignment model is exact; Hungarian method with pricing over all eligible pairs",
                threads: options.threads, timeLimit: options.timeLimit, control: options.control)
        }
        if options.solver == .hungarian {
            var plan = try hungarian(model, rules, reason: "", threads: options.threads, control: options.control)
            plan.shortfalls = sides.shortfalls(helperOf: plan.result.helperOf, places: model.roll.places)
            plan.reason = "asked for; the Hungarian method cannot honour coverage or org_spread, so this plan is optimal without them and ignores them"
                + (plan.shortfalls.isEmpty ? " (it happens to meet them all)" : " (\(plan.shortfalls.count) rules unmet, listed in side_constraints)")
            return plan
        }
        if !SidedPairingSolver.glpkAvailable && options.solver == .glpk {
            throw .unsupported("--solver glpk: this build has no GLPK (built without the GLPK trait); use --solver auto")
        }
        if sides.isEmpty { return try glpkAssignment(model, rules, options) }
        if options.solver == .auto && sides.spreadLimit == nil,
           let network = CoverageNetwork(roll: model.roll, sides: sides, lockedHelper: rules.lockedHelper) {
            // Quotas never exceed a place's households, so only helpers can fall short; their
            // places are counted (Hall-type, a pass over every eligible pair per rule) only
            // when the network finds no plan, to say why in office words.
            return try coverage(model, rules, network, threads: options.threads, control: options.control) {
                SideFeasibility(model: model, sides: sides, lockedHelper: rules.lockedHelper).problems()
            }
        }
        if options.certificate != nil {
            throw .unsupported("--certificate proves plans without side constraints; with coverage or org_spread the summary gives the proven bound and gap instead")
        }
        let clock = ContinuousClock(), checkStart = clock.now
        let infeasible = SideFeasibility(model: model, sides: sides, lockedHelper: rules.lockedHelper).problems()
        if !infeasible.isEmpty { throw .infeasibleRules(infeasible) }
        let checked = clock.now - checkStart
        log?(String(format: "quota check (Hall-type counts): %.1f s", LagrangianPairing.seconds(checked)))

        var solver = SidedPairingSolver()
        // The time limit covers the check too.
        solver.timeLimit = max(1, options.timeLimit - LagrangianPairing.seconds(checked))
        solver.targetGap = options.mipGap
        solver.log = log
        solver.control = options.control
        let outcome = solver.solve(model, sides: sides, lockedHelper: rules.lockedHelper)
        if options.control?.isCancelled == true { throw .cancelled }
        guard let incumbent = outcome.incumbent, let bound = outcome.bound else {
            if outcome.provenInfeasible {
                throw .infeasibleRules([
                    "no plan meets every coverage and org_spread rule together (proven: the relaxation's lower bound exceeds the cost of any plan); the quotas compete for the same helpers or org_spread leaves too few: lower a quota, raise org_spread, or add helpers"
                ])
            }
            throw .infeasibleRules([
                "no plan meeting every coverage and org_spread rule was found within \(options.timeLimit) s"
                    + (outcome.bound.map { "; proven lower bound \($0)" } ?? "")
                    + ". The quotas may compete for the same helpers: lower a quota, raise org_spread, or add helpers"
            ])
        }
        var result = Self.sidedResult(model, rules, plan: incumbent.plan, objective: incumbent.objective, bound: bound)
        result.statistics.rounds = outcome.lagrangianRounds
        result.statistics.candidateArcs = outcome.candidateArcs
        result.statistics.totalSeconds = outcome.seconds
        let gap = result.gap
        let proof = gap == 0
            ? "proven optimal"
            : String(format: "not proven optimal: proven bound %d, gap %.2f%%", bound, gap * 100)
        let why = "coverage or org_spread couples pairs, which needs an integer program"
        let reason: String
        if SidedPairingSolver.glpkAvailable {
            let glpk = outcome.glpkDescription
            reason = "\(why): Lagrangian relaxation with the Hungarian method inside (\(outcome.lagrangianRounds) rounds, bound \(outcome.lagrangianBound.map(String.init) ?? "none")), a repaired plan\(outcome.neighbourhoodSeconds > 0 ? " improved by GLPK on neighbourhoods of a few communities" : ""), reduced-cost fixing, then GLPK's branch-and-cut"
                + (glpk.isEmpty ? " (not needed: the gap was closed, or the target gap reached, before it)" : "; " + glpk) + "; \(proof)"
        } else {
            reason = "\(why), but this build has no GLPK: Lagrangian relaxation with the Hungarian method inside (\(outcome.lagrangianRounds) rounds) and a repair heuristic; the plan meets every rule; \(proof)"
        }
        return SolvedPlan(
            result: result, solver: SidedPairingSolver.glpkAvailable ? "lagrangian+glpk" : "lagrangian",
            reason: reason, certificateVerified: false)
    }

    private static func hungarian(
        _ model: CostModel, _ rules: PairingRules, reason: String, threads: Int? = nil, timeLimit: Double? = nil,
        control: SolveControl? = nil
    ) throws(Failure) -> SolvedPlan {
        var pairing = PairingSolver()
        pairing.threads = threads
        pairing.control = control
        if let timeLimit { pairing.deadline = ContinuousClock.now + .seconds(timeLimit) }
        let result = pairing.solve(model, lockedHelper: rules.lockedHelper)
        if result.stop == .cancelled { throw .cancelled }
        let proof = PairingCertificate.problems(model, result, threads: threads)
        if !proof.isEmpty { throw .unproven(proof) }
        guard let stop = result.stop else {
            return SolvedPlan(result: result, solver: "hungarian", reason: reason, certificateVerified: true)
        }
        let stopped = String(
            format: "; stopped at the %@ after %d rounds with the best plan so far, not proven optimal: proven bound %d, gap %.2f%% (the prices prove the bound)",
            stop.description, result.statistics.rounds, result.bound, result.gap * 100)
        return SolvedPlan(result: result, solver: "hungarian", reason: reason + stopped, certificateVerified: true)
    }

    /// Coverage rules (one level or nested): exact on the coverage network (``CoverageNetwork``).
    private static func coverage(
        _ model: CostModel, _ rules: PairingRules, _ network: CoverageNetwork, threads: Int?,
        control: SolveControl?, explainInfeasible: () -> [String]
    ) throws(Failure) -> SolvedPlan {
        var pairing = PairingSolver()
        pairing.threads = threads
        pairing.control = control
        let plain = pairing.solve(model, lockedHelper: rules.lockedHelper)
        if plain.stop == .cancelled { throw .cancelled }
        switch pairing.solve(model, lockedHelper: rules.lockedHelper, coverage: network, plain: plain) {
        case .infeasible(let groups):
            let explained = explainInfeasible()
            if !explained.isEmpty { throw .infeasibleRules(explained) }
            throw .infeasibleRules(groups.map { q in
                let group = network.groups[q]
                return "\(group.id) needs \(group.quota) of its \(group.households) households paired, but no plan gives it that many while meeting the other quotas: lower a quota or add helpers who may serve it"
            })
        case .costOverflow:
            throw .unsupported("the policy's weights make costs too large for coverage rules (sums of them could overflow): lower the weights, distance_penalty, unpaired_base or keep_bonus")
        case .optimal(let result) where result.stop == .cancelled:
            throw .cancelled
        case .optimal(var result):
            result.statistics.totalSeconds = plain.statistics.totalSeconds + result.statistics.totalSeconds
            let proof = PairingCertificate.problems(model, result, threads: threads)
            if !proof.isEmpty { throw .unproven(proof) }
            let binds = result.quotaPrices?.price.contains { $0 > 0 } ?? false
            let reason = "coverage rules are a network (each quota place's room for unpaired households is one more column, nested places linked by pass rows), so the assignment model stays exact; "
                + (binds
                    ? "the plain optimum missed a quota, so the Hungarian method went on from it with the quota columns, pricing over all eligible pairs"
                    : "the plain optimum already meets every quota, so it is optimal under them too")
            return SolvedPlan(result: result, solver: "hungarian", reason: reason, certificateVerified: true)
        }
    }

    /// A plan without dual prices (side constraints: the bound comes from the relaxation).
    static func sidedResult(
        _ model: CostModel, _ rules: PairingRules, plan: [Int32], objective: Int, bound: Int
    ) -> PairingResult {
        var residual = model.roll.helpers.capacity
        var lockedCost = 0
        for (h, g) in rules.lockedHelper.enumerated() where g >= 0 {
            residual[Int(g)] -= 1
            lockedCost += model.cost(h, Int(g))
        }
        return PairingResult(
            helperOf: plan, locked: rules.lockedHelper.map { $0 >= 0 }, objective: objective,
            bound: min(bound, objective), householdPrice: Array(repeating: nil, count: plan.count),
            helperPrice: Array(repeating: 0, count: model.roll.helpers.count), residualCapacity: residual,
            lockedCost: lockedCost, statistics: PairingResult.Statistics())
    }

    /// `--solver glpk` without side constraints: GLPK on every eligible pair (small rolls).
    private static func glpkAssignment(_ model: CostModel, _ rules: PairingRules, _ options: Options) throws(Failure) -> SolvedPlan {
        #if GLPK
        let locked = rules.lockedHelper
        var residual = model.roll.helpers.capacity
        var lockedCost = 0
        for (h, g) in locked.enumerated() where g >= 0 {
            residual[Int(g)] -= 1
            lockedCost += model.cost(h, Int(g))
        }
        let free = locked.indices.filter { locked[$0] < 0 }
        let pairs = EligiblePairs(model: model, residualCapacity: residual)
        var arcs: [(row: Int, column: Int, cost: Int)] = []
        for (r, h) in free.enumerated() {
            pairs.forEach(h) { g, c in arcs.append((r, g, c)) }
            if arcs.count > glpkPairLimit {
                throw .unsupported("--solver glpk: more than \(glpkPairLimit) eligible pairs, too many for GLPK's simplex method in useful time; use --solver auto (the Hungarian method, exact and fast)")
            }
        }
        let problem = AssignmentProblem(
            rowCount: free.count, columnCount: model.roll.helpers.count, arcs: arcs, capacity: residual,
            unassignedCost: free.map { model.unpairedCost($0) })
        switch GLPKAssignmentSolver().solve(problem, timeLimitSeconds: options.timeLimit) {
        case .optimal(let s):
            var helperOf = locked
            var householdPrice = [Int?](repeating: nil, count: locked.count)
            for (r, h) in free.enumerated() { helperOf[h] = s.column[r]; householdPrice[h] = s.rowPrice[r] }
            var stats = PairingResult.Statistics()
            stats.candidateArcs = problem.arcCount
            let result = PairingResult(
                helperOf: helperOf, locked: locked.map { $0 >= 0 }, objective: s.objective + lockedCost,
                bound: s.objective + lockedCost, householdPrice: householdPrice, helperPrice: s.columnPrice,
                residualCapacity: residual, lockedCost: lockedCost, statistics: stats)
            let proof = PairingCertificate.problems(model, result)
            if !proof.isEmpty { throw .unproven(proof) }
            return SolvedPlan(
                result: result, solver: "glpk",
                reason: "asked for: GLPK's simplex method and branch-and-cut on all \(problem.arcCount) eligible pairs (a cross-check; slow on big rolls, where auto's Hungarian method is exact and far faster)",
                certificateVerified: true)
        case let other:
            throw .unsupported("--solver glpk did not prove a plan optimal (\(other)); use --solver auto")
        }
        #else
        throw .unsupported("--solver glpk: this build has no GLPK")
        #endif
    }
}
