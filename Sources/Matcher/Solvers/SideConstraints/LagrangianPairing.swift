/// Lagrangian relaxation of the side constraints, with the Hungarian method as the inner
/// solver: a proven lower bound, multipliers for reduced-cost fixing, and plans to repair.
///
/// **Problem.** SPEC's pairing plus coverage rows `Σ_{h∈U} paired(h) ≥ q_U` and spread rows
/// `Σ_{h∈c, g∈o} x_hg ≤ k` (both net of locked pairs).
///
/// **Method.** Multipliers λ_U ≥ 0 (coverage) and μ_oc ≥ 0 (spread) move the rows into the
/// costs: `c'(h,g) = S·c(h,g) + μ_{o(g),c(h)}`, `p'(h) = S·p(h) + Σ_{U∋h} λ_U`, with a scale S
/// so that integer multipliers are fine-grained. For any λ, μ ≥ 0
/// `L(λ,μ) = A(c',p') + Σ_U λ_U (q_U − |U|) − Σ μ_oc k` (all / S)
/// is a lower bound on every plan meeting the rules (they make the added terms ≤ 0), where
/// A is the assignment optimum over all eligible pairs. A is bounded from below exactly,
/// without solving it over all pairs: the Hungarian method solves it on candidate pairs and
/// returns helper prices v ≥ 0; then `u_h = min(p'(h), min_g c'(h,g) + v_g)` over every
/// eligible pair is dual feasible, and `Σu − Σ capacity·v ≤ A` (LP duality). The pairs that
/// undercut the restricted prices join the candidates (column generation), so the bound
/// becomes exact as rounds go on. Multipliers follow the projected subgradient
/// `λ_U += t·(q_U − paired_U)`, `μ_oc += t·(x_oc − k)` with Polyak's step
/// `t = θ·(S·UB − L)/‖g‖²`, θ halved after `patience` rounds without a better bound. The
/// relaxed plan of every round is repaired (``PlanRepair``) into an incumbent, and guides a
/// ``DesignatedRepairing`` of the incumbent on the candidate pairs (see `designateEvery`).
///
/// **Invariant.** `bound` is `⌈B/S⌉ + locked cost` for a certified B computed in integers
/// from dual-feasible (u, v) and non-negative multipliers: a proven bound, not an estimate.
/// Every pair's reduced cost `c'(h,g) − u_h + v_g ≥ 0` at the stored multipliers, and a plan
/// using an item of reduced cost ρ costs at least `(B + ρ)/S + locked cost`.
///
/// - Complexity: per round one warm-started Hungarian solve on the candidates and one repair;
///   one pass over all eligible pairs (parallel, stopped early in price order) in the first
///   rounds, every `pricingEvery` rounds, and whenever the restricted value beats the best
///   certified bound — the only rounds whose bound could be better (the certified value never
///   exceeds the restricted one).
/// - Reference: Held & Karp, Math. Programming 1 (1971) 6–25 (subgradient optimisation);
///   Fisher, Management Science 27 (1981) 1–18 (the Lagrangian relaxation method);
///   Beasley, "Lagrangean relaxation", in Reeves (ed.), Modern Heuristic Techniques (1993).
struct LagrangianPairing {
    let instance: PairingInstance
    let repair: PlanRepair
    var model: CostModel { instance.model }
    var sides: SideConstraints { instance.sides }
    var locked: [Int32] { instance.locked }
    var free: [Int] { instance.free }
    var lockedCost: Int { instance.lockedCost }
    /// Scale S of the costs, so that multipliers move in steps of 1/S.
    var scale = 16
    var candidatesPerHousehold = 8
    var addedPerRound = 3
    /// Undercutting pairs added per household and solve when the multipliers are fixed
    /// (``certify(lambda:mu:arcs:deadline:)``).
    var certifyAddedPerRound = 12
    var maximumRounds = 400
    /// Stop once the bound rose by less than `stallFraction` of itself over the last
    /// `stallRounds` rounds (0: never), to leave the time to a primal search.
    var stallRounds = 0
    var stallFraction = 0.0001
    /// Rounds between passes over every eligible pair when the restricted value cannot beat
    /// the best bound (see ``run(deadline:targetGap:from:)``).
    var pricingEvery = 4
    /// Rounds without a better bound before the step factor θ is halved, and the θ at which
    /// the rounds stop (see benchmarks/README.md, 'Tuning notes').
    var patience = 4
    var minimumTheta = 0.0005
    /// Every this many rounds the relaxed plan guides a ``DesignatedRepairing`` of the
    /// incumbent (on the candidate pairs), the wait doubling after each that finds no better
    /// plan (0: never).
    var designateEvery = 1
    /// Rounds between greedy repairs (``PlanRepair``) once a plan is known, when designated
    /// re-pairing runs.
    var repairEvery = 4
    /// ... and only while the re-pairings have taken at most this share of the time so far.
    var designateShare = 0.1
    var log: (@Sendable (String) -> Void)? = nil
    /// Progress after every round; a cancel ends the rounds.
    var control: SolveControl? = nil

    let freeUnpaired: [Int]
    /// Free households of each coverage row.
    let rowSize: [Int]

    init(_ instance: PairingInstance) {
        self.instance = instance
        repair = PlanRepair(instance)
        freeUnpaired = instance.free.map { instance.model.unpairedCost($0) }
        var size = [Int](repeating: 0, count: instance.sides.coverage.count)
        for h in instance.free {
            for rule in instance.sides.rowOf.indices { size[Int(instance.sides.rowOf[rule][h])] += 1 }
        }
        rowSize = size
    }

    /// What the relaxation leaves for the integer program.
    struct Result: Sendable {
        var rounds = 0
        /// Proven lower bound on every plan meeting the rules (locked cost included); nil
        /// until a round has certified one.
        var bound: Int? = nil
        /// Certified scaled Lagrangian value B at the best multipliers (nil with `bound`).
        var scaledBound: Int? = nil
        /// The best multipliers, rounded (μ dense by group; empty without org_spread).
        var lambda: [Int] = []
        var mu: [Int] = []
        /// Helper prices and household prices (over all eligible pairs) at the best multipliers.
        var helperPrice: [Int] = []
        var householdPrice: [Int] = []
        /// Best plan meeting the rules found so far.
        var incumbent: Incumbent? = nil
        var candidateArcs = 0
        /// The candidate pairs of the last round.
        var arcs: CandidateArcs? = nil
        /// The relaxed plan of the last solve (``certify(lambda:mu:arcs:deadline:)`` only).
        var relaxedPlan: [Int32]? = nil
        /// The bound exceeds the cost of the worst possible plan: no plan meets the rules.
        var provenInfeasible = false
    }

    /// The most any plan can cost: each free household at its dearest option.
    func worstPlan() -> Int {
        var total = lockedCost
        for (r, h) in free.enumerated() {
            var worst = freeUnpaired[r]
            instance.pairs.forEach(h) { _, c in worst = max(worst, c) }
            total += worst
        }
        return total
    }

    /// Where the rounds start: coverage multipliers (scaled) and a plan to repair into the
    /// first incumbent — the coverage optimum's quota prices and plan (see ``SidedStart``).
    struct Start {
        var lambda: [Double]
        var plan: [Int32]
    }

    /// Runs until `deadline`, the round limit, a small step, or a gap of at most `targetGap`.
    func run(deadline: ContinuousClock.Instant, targetGap: Double, from start: Start? = nil) -> Result {
        let clock = ContinuousClock(), started = clock.now
        let S = scale
        let pairs = instance.pairs
        let lockedCost = self.lockedCost
        var lambda = start?.lambda ?? [Double](repeating: 0, count: sides.coverage.count)
        var mu = [Double](repeating: 0, count: sides.spreadLimit == nil ? 0 : sides.groupCount)
        var activeGroups = Set<Int>(), movingGroups = Set<Int>()
        var dLambda = lambda, dMu = mu  // this round's (projected) subgradient
        var arcs = initialCandidates(pairs)
        var arcGroup = groups(of: arcs)
        var result = Result()
        var previous: AssignmentSolution? = nil
        var theta = 1.0, stale = 0
        var nextDesignation = 1, designationWait = designateEvery, designationTime = Duration.zero
        var bounds: [Int] = []
        let worst = worstPlan()

        func record(_ plan: [Int32]) {
            let value = objective(plan)
            if result.incumbent.map({ value < $0.objective }) ?? true { result.incumbent = Incumbent(plan: plan, objective: value) }
        }

        if let start, let fixed = repair.repair(start.plan) { record(fixed) }

        while result.rounds < maximumRounds && clock.now < deadline && !(control?.isCancelled ?? false) {
            result.rounds += 1
            let l = lambda.map { Int($0.rounded()) }
            let m = mu.map { Int($0.rounded()) }
            // The pass over every eligible pair is most of a round's work; it can only give
            // a better bound when the restricted value beats the best certified one (it is
            // never above it), so otherwise it runs only every `pricingEvery` rounds, for
            // the pairs it adds.
            let best = result.scaledBound, rounds = result.rounds, every = pricingEvery
            let round = relax(l, m, arcs: arcs, arcGroup: arcGroup, previous: previous) { restricted in
                rounds <= 3 || rounds % every == 0 || best.map { restricted > $0 } ?? true
            }
            let solution = round.solution, householdPrice = round.householdPrice, additions = round.additions
            previous = solution
            let restricted = round.restricted
            let proven = round.certified.map { Self.ceilDiv($0, S) + lockedCost }
            if let certified = round.certified, let proven, result.scaledBound.map({ certified > $0 }) ?? true {
                result.scaledBound = certified
                result.bound = proven
                result.lambda = l
                result.mu = m
                result.helperPrice = solution.columnPrice
                result.householdPrice = householdPrice
                stale = 0
            } else {
                stale += 1
                if stale >= patience { theta /= 2; stale = 0 }
            }

            // The relaxed plan, its rows, and a repaired incumbent.
            var plan = locked
            for (r, h) in free.enumerated() { plan[h] = solution.column[r] }
            var paired = [Int](repeating: 0, count: sides.coverage.count)
            var inGroup: [Int: Int] = [:]
            for (r, h) in free.enumerated() where solution.column[r] >= 0 {
                for rule in sides.rowOf.indices { paired[Int(sides.rowOf[rule][h])] += 1 }
                if !mu.isEmpty, let q = sides.group(h, Int(solution.column[r])) { inGroup[q, default: 0] += 1 }
            }
            // With org_spread the designated re-pairing below gives the plans, and the greedy
            // repair (a sixth of a round's work) runs only until there is a plan, then every
            // `repairEvery` rounds.
            if mu.isEmpty || designateEvery == 0 || result.incumbent == nil || result.rounds % repairEvery == 0 {
                if let fixed = repair.repair(plan) {
                    trace("repair: \(objective(fixed)) from relaxed plan \(objective(plan))")
                    record(fixed)
                } else {
                    trace("repair failed")
                }
            }
            if designateEvery > 0 && !mu.isEmpty && result.rounds >= nextDesignation
                && designationTime <= (clock.now - started) * designateShare {
                // A re-pairing that finds nothing better waits twice as long for the next.
                let before = result.incumbent?.objective, t0 = clock.now
                let ranking = DesignatedRepairing.Ranking(scale: S, helper: solution.columnPrice, mu: m)
                let found = DesignatedRepairing(instance, candidates: arcs).repair(
                    keeping: result.incumbent?.plan, guide: plan, ranking: ranking)
                if let found { record(found.plan) }
                let better = found != nil && (before.map { found!.objective < $0 } ?? true)
                designationWait = better ? designationWait : 2 * designationWait
                nextDesignation = result.rounds + designationWait
                designationTime += clock.now - t0
                log?(String(format: "designated re-pairing: %@, %.2f s", found.map { String($0.objective) } ?? "none", Self.seconds(clock.now - t0)))
            }

            let gap = Self.gap(result.incumbent?.objective, result.bound)
            control?.report(.relaxation, plan: result.incumbent?.objective, bound: result.bound)
            log?(String(
                format: "lagrangian %3d  %6.1f s  bound %@  plan %@  gap %@  restricted %.1f  arcs %d  θ %.3f",
                result.rounds, Self.seconds(clock.now - started), proven.map(String.init) ?? "-",
                result.incumbent.map { String($0.objective) } ?? "none",
                gap.map { String(format: "%.3f%%", $0 * 100) } ?? "-", Double(restricted) / Double(S),
                arcs.column.count, theta))
            if let gap, gap <= targetGap { break }
            guard let best = result.bound else { preconditionFailure("the first rounds are always priced") }
            if best > worst { result.provenInfeasible = true; break }
            if theta < minimumTheta { break }
            bounds.append(best)
            if stallRounds > 0 && bounds.count > stallRounds && result.incumbent != nil && best > lockedCost {
                let before = bounds[bounds.count - 1 - stallRounds]
                // Relative to the free households' part of the bound: a part of a roll holds
                // the other parts' cost, which says nothing about this relaxation's progress.
                if Double(best - before) < stallFraction * Double(best - lockedCost) {
                    log?("lagrangian: bound stalled (\(before) → \(best) in \(stallRounds) rounds)")
                    break
                }
            }

            // Subgradient g, projected: components at 0 with a negative slope are dropped.
            var norm = 0.0, violation = 0.0
            for i in lambda.indices {
                let s = Double(instance.need[i] - paired[i])
                let d = s > 0 || lambda[i] > 0 ? s : 0
                dLambda[i] = d
                norm += d * d
                violation += max(0, s)
            }
            if !mu.isEmpty {
                for q in activeGroups.union(inGroup.keys).union(movingGroups) {
                    let s = Double(inGroup[q, default: 0] - Int(instance.room[q]))
                    let d = s > 0 || mu[q] > 0 ? s : 0
                    dMu[q] = d
                    if d != 0 { movingGroups.insert(q) } else { movingGroups.remove(q) }
                    norm += d * d
                    violation += max(0, s)
                }
            }
            let additionsCount = additions.reduce(0) { $0 + $1.count }
            if violation == 0 && norm == 0 && additionsCount == 0 { break }  // the relaxed plan meets every rule
            if norm > 0 {
                let target = result.incumbent.map { Double(S) * Double($0.objective - lockedCost) }
                    ?? Double(restricted) + Double(S) * max(1, abs(Double(restricted)) / Double(S) * 0.05)
                let step = theta * max(target - Double(restricted), Double(S)) / norm
                for i in lambda.indices { lambda[i] = max(0, lambda[i] + step * dLambda[i]) }
                for q in movingGroups {
                    mu[q] = max(0, mu[q] + step * dMu[q])
                    if mu[q] > 0 { activeGroups.insert(q) } else { activeGroups.remove(q) }
                }
            }
            if additionsCount > 0 {
                arcs = arcs.adding(additions)
                arcGroup = groups(of: arcs)
            }
        }
        result.candidateArcs = arcs.column.count
        result.arcs = arcs
        return result
    }

    /// Objective of a full plan (locked pairs included).
    func objective(_ plan: [Int32]) -> Int { instance.objective(plan) }

    /// The certified household prices `u_h = min(p'(h), min_g c'(h,g) + v_g)` over every
    /// eligible pair, and per household the pairs that undercut the restricted price.
    func price(
        _ pairs: EligiblePairs, _ solution: AssignmentSolution, unpaired: [Int], mu: [Int]
    ) -> ([Int], [[(Int32, Int)]]) {
        let S = scale, keep = model.policy.keepBonus, m = addedPerRound
        let v = solution.columnPrice
        let order = pairs.ordered(by: v)
        let parts = parallelChunks(total: free.count) { range -> ([Int], [[(Int32, Int)]]) in
            var prices: [Int] = [], out: [[(Int32, Int)]] = []
            var worst = SmallestK(k: m)
            for r in range {
                let h = free[r], u = solution.rowPrice[r]
                var best = min(u, unpaired[r])
                worst.removeAll()
                pairs.forEach(h, in: order, below: u + S * keep) { g, c in
                    var adjusted = c * S + v[g]
                    if !mu.isEmpty, let q = sides.group(h, g) { adjusted += mu[q] }
                    if adjusted < u {
                        best = min(best, adjusted)
                        worst.offer(key: adjusted - u, tie: SplitMix64.mix(h, g), item: Int32(g), value: c)
                    }
                }
                prices.append(best)
                out.append(worst.pairs)
            }
            return (prices, out)
        }
        return (parts.flatMap(\.0), parts.flatMap(\.1))
    }

    /// The cheapest eligible helpers of every free household, plus its previous helper.
    func initialCandidates(_ pairs: EligiblePairs) -> CandidateArcs {
        let k = candidatesPerHousehold
        let parts = parallelChunks(total: free.count) { range -> [[(Int32, Int)]] in
            var best = SmallestK(k: k)
            return range.map { r in
                let h = free[r]
                best.removeAll()
                let previous = Int(model.previousHelper[h])
                var previousArc: (Int32, Int)? = nil
                pairs.forEach(h) { g, c in
                    if g == previous { previousArc = (Int32(g), c) }
                    best.offer(key: c, tie: SplitMix64.mix(h, g), item: Int32(g), value: c)
                }
                var row = best.pairs
                if let previousArc, !best.contains(previousArc.0) { row.append(previousArc) }
                return row
            }
        }
        return CandidateArcs(rows: parts.flatMap { $0 })
    }

    func groups(of arcs: CandidateArcs) -> [Int] {
        guard sides.spreadLimit != nil else { return Array(repeating: -1, count: arcs.column.count) }
        var out = [Int](repeating: -1, count: arcs.column.count)
        for r in free.indices {
            for a in arcs.start[r]..<arcs.start[r + 1] { out[a] = sides.group(free[r], Int(arcs.column[a])) ?? -1 }
        }
        return out
    }

    static func ceilDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? (a + b - 1) / b : -((-a) / b) }

    /// Relative gap of a plan over a bound (nil without a plan).
    static func gap(_ objective: Int?, _ bound: Int?) -> Double? {
        guard let objective, let bound else { return nil }
        return objective == 0 ? (bound >= 0 ? 0 : 1) : max(0, Double(objective - bound) / Double(abs(objective)))
    }

    static func seconds(_ d: Duration) -> Double {
        d.inSeconds
    }
}
