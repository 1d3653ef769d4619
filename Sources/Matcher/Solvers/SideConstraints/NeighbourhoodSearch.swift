#if GLPK
/// Large-neighbourhood search on a plan that meets every rule (the primal side of the
/// side-constrained pairing): frees the households of a few communities, keeps every other
/// pair fixed, and lets GLPK's branch-and-cut re-pair the freed households, started from the
/// plan, under every rule with the capacity, quotas and group room the fixed pairs leave.
///
/// **Method.** A neighbourhood is a set of whole communities of one street (so the spread
/// groups of those communities lie wholly inside it), grown in a shuffled order until it holds
/// `householdsPerNeighbourhood` free households. For each freed household the program offers
/// its own pair and its `pairsPerHousehold` pairs of least reduced cost at the relaxation's
/// multipliers (`S·c + v_g + μ_oc − u_h`) among helpers with room left. The sub-program
/// (``ReducedPairingProgram``, solved by ``GLPKReducedSolver``) has the plan's restriction as
/// a feasible start, so GLPK never returns a worse one; a plan is taken only when its full
/// objective is lower and ``SideConstraints/shortfalls(helperOf:places:)`` finds no rule
/// broken and no helper over capacity. The neighbourhood grows by a quarter after a
/// sub-program solved to the end and shrinks by a fifth after one cut by its time limit.
/// Large-neighbourhood search with neighbourhoods chosen by place (Shaw 1998; Pisinger &
/// Ropke 2010); the relaxation only ranks the pairs offered, a lighter use of it than RINS
/// (Danna, Rothberg & Le Pape 2005), which fixes where relaxation and plan agree.
///
/// **Invariant.** The plan held is always one meeting every rule, and its objective never
/// rises. It is a heuristic: it proves no bound.
///
/// - Complexity: per neighbourhood O(freed households × eligible pairs) to build, plus
///   GLPK's search, cut at `secondsPerNeighbourhood`.
struct NeighbourhoodSearch {
    let relaxation: LagrangianPairing
    /// Households per neighbourhood at the start; it adapts between the two limits (one
    /// community is always taken whole).
    var householdsPerNeighbourhood = 60
    var minimumHouseholds = 60
    var maximumHouseholds = 250
    /// Pairs offered per freed household besides its own: the best value of a sweep (see
    /// benchmarks/README.md, 'Tuning notes'; docs/side-constraints.md has the sweep).
    var pairsPerHousehold = 10
    /// GLPK's time per neighbourhood: improvements come almost only from sub-programs solved
    /// to the end, so a short limit wastes least on the others; the shortest value swept did
    /// best (see benchmarks/README.md, 'Tuning notes').
    var secondsPerNeighbourhood = 0.5
    /// Seed of the shuffled community order.
    var seed: UInt64 = 1
    /// Stop once the plan costs at most this (a target gap reached; nil: search on).
    var goodEnough: Int? = nil
    var log: (@Sendable (String) -> Void)? = nil
    /// A cancel ends the search after the neighbourhood under way.
    var control: SolveControl? = nil

    struct Outcome: Sendable {
        var plan: [Int32]
        var objective: Int
        var neighbourhoods = 0
        var improvements = 0
        /// Largest sub-program GLPK saw.
        var rows = 0
        var columns = 0
        var nonzeros = 0
    }

    /// Improves `plan` (meeting every rule, cost `objective`) until `deadline`, with the
    /// multipliers and prices of `prices` ranking the pairs offered.
    func improve(
        _ plan: [Int32], objective: Int, prices: LagrangianPairing.Result, deadline: ContinuousClock.Instant
    ) -> Outcome {
        var outcome = Outcome(plan: plan, objective: objective)
        let l = relaxation, model = l.model
        let places = model.roll.places
        var freeIndex = [Int](repeating: -1, count: model.roll.households.count)
        for (i, h) in l.free.enumerated() { freeIndex[h] = i }
        var members = [[Int]](repeating: [], count: places.communityNames.count)
        for h in l.free { members[Int(model.roll.households.locations[h].community)].append(h) }
        var rng = SplitMix64(seed: seed)
        var size = householdsPerNeighbourhood
        var queue: [Int] = []
        var stale = 0
        let communities = members.indices.filter { !members[$0].isEmpty }
        guard !communities.isEmpty else { return outcome }
        while ContinuousClock.now < deadline && !(control?.isCancelled ?? false) && stale < 2 * communities.count && !(goodEnough.map { outcome.objective <= $0 } ?? false) {
            if queue.isEmpty { queue = communities.shuffled(using: &rng) }
            let seedCommunity = queue.removeLast()
            let hood = neighbourhood(around: seedCommunity, members, size: size, rng: &rng)
            let left = LagrangianPairing.seconds(deadline - .now)
            guard left > 0.5 else { break }
            let step = solve(hood, outcome.plan, freeIndex, prices, seconds: min(secondsPerNeighbourhood, left))
            outcome.neighbourhoods += 1
            outcome.rows = max(outcome.rows, step.rows)
            outcome.columns = max(outcome.columns, step.columns)
            outcome.nonzeros = max(outcome.nonzeros, step.nonzeros)
            if step.stop == .solved { size = min(maximumHouseholds, size + size / 4) }
            if step.stop == .timeLimit { size = max(minimumHouseholds, size - size / 5) }
            if let found = step.plan, accepts(found, below: outcome.objective) {
                outcome.plan = found
                outcome.objective = l.objective(found)
                outcome.improvements += 1
                stale = 0
            } else {
                stale += 1
            }
            log?("neighbourhood \(outcome.neighbourhoods): \(hood.count) households, \(step.columns) pairs, \(step.stop), plan \(outcome.objective)")
        }
        return outcome
    }

    /// Whole communities of the seed's street, seed first, until `size` households.
    func neighbourhood(around seed: Int, _ members: [[Int]], size: Int, rng: inout SplitMix64) -> [Int] {
        let places = relaxation.model.roll.places
        let street = places.communityStreet[seed]
        var others = members.indices.filter { $0 != seed && places.communityStreet[$0] == street && !members[$0].isEmpty }
        others.shuffle(using: &rng)
        var hood = members[seed]
        for c in others where hood.count + members[c].count <= size { hood += members[c] }
        return hood
    }

    /// Does `plan` cost less than `value`, meet every rule and fit every helper's capacity?
    func accepts(_ plan: [Int32], below value: Int) -> Bool {
        relaxation.objective(plan) < value && SidedPairingSolver.meetsEveryRule(plan, relaxation.instance)
    }

    struct Step {
        var plan: [Int32]?
        var stop: ReducedProgramOutcome.Stop
        var rows = 0, columns = 0, nonzeros = 0
    }

    /// GLPK on the households of `hood`, every other pair of `plan` fixed.
    func solve(
        _ hood: [Int], _ plan: [Int32], _ freeIndex: [Int], _ prices: LagrangianPairing.Result, seconds: Double
    ) -> Step {
        let l = relaxation, sides = l.sides, model = l.model, S = l.scale
        var inside = [Bool](repeating: false, count: plan.count)
        for h in hood { inside[h] = true }
        // What the fixed pairs leave: capacity, quotas, group room.
        var residual = l.instance.residual, need = l.instance.need, room = l.instance.room
        for (h, g) in plan.enumerated() where g >= 0 && l.instance.isFree[h] && !inside[h] {
            residual[Int(g)] -= 1
            for rule in sides.rowOf.indices { need[Int(sides.rowOf[rule][h])] -= 1 }
            if !room.isEmpty, let q = sides.group(h, Int(g)) { room[q] -= 1 }
        }
        let v = prices.helperPrice, u = prices.householdPrice, mu = prices.mu
        var program = ReducedPairingProgram()
        var best = SmallestK(k: pairsPerHousehold)
        for h in hood {
            let i = freeIndex[h], own = Int(plan[h])
            best.removeAll()
            l.instance.pairs.forEach(h) { g, c in
                guard g != own, residual[g] > 0 else { return }
                var rho = c * S
                if !v.isEmpty { rho += v[g] - u[i] }
                if let q = sides.group(h, g) {
                    if !room.isEmpty && room[q] <= 0 { return }
                    if !mu.isEmpty { rho += mu[q] }
                }
                best.offer(key: rho, tie: SplitMix64.mix(h, g), item: Int32(g), value: c)
            }
            if own >= 0 {
                program.start[h] = program.columnCount
                program.household.append(Int32(h)); program.helper.append(Int32(own)); program.cost.append(model.cost(h, own))
            }
            for (g, c) in best.pairs {
                program.household.append(Int32(h)); program.helper.append(g); program.cost.append(c)
            }
        }
        if program.columnCount == 0 {
            // No pair to make: the freed households stay unpaired, the only plan there is.
            var full = plan
            for h in hood { full[h] = -1 }
            return Step(plan: full, stop: .solved)
        }
        let solver = GLPKReducedSolver(
            sides: sides, model: model, free: hood, residual: residual, need: need.map { max(0, $0) },
            room: room, echo: false)
        let mip = solver.solve(program, timeLimitSeconds: seconds, mipGap: 0)
        var step = Step(stop: mip.stop, rows: mip.rows, columns: mip.columns, nonzeros: mip.nonzeros)
        if let found = mip.plan {
            var full = plan
            for h in hood { full[h] = found[h] ?? -1 }
            step.plan = full
        }
        return step
    }
}
#endif
