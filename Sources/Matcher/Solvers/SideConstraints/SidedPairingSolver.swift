import Foundation

/// The pairing under side constraints (coverage, org_spread): Lagrangian bound and repaired
/// incumbent, reduced-cost fixing, then GLPK's branch-and-cut on what is left.
///
/// **Method.**
/// 1. ``LagrangianPairing`` for part of the time: a proven bound LB, multipliers with
///    dual-feasible prices, and an incumbent plan UB from ``PlanRepair``.
/// 2. Reduced-cost fixing. At the best multipliers every item (pair, or a household's
///    "unpaired" option) has a reduced cost ρ ≥ 0 and any plan using it costs at least
///    `LB* + ρ/S` (LB* the unrounded bound). Items with `LB* + ρ/S > UB − 1` cannot be in a
///    plan better than the incumbent and are dropped. When more than `maximumColumns` pairs
///    remain, only those with ρ ≤ D are kept, and plans using a dropped item cost at least
///    `LB* + (D + 1)/S`.
/// 1b. Optionally (`columnGeneration`, trait `GLPK`) the LP bound: ``PairingColumnGeneration``
///    solves the LP relaxation over all pairs, and its duals, certified in integers by
///    ``LagrangianPairing/evaluate(lambda:mu:candidates:deadline:maximumRounds:)``, replace the
///    relaxation's multipliers when their bound is higher (the LP bound is the best any
///    multipliers can give).
/// 2b. Neighbourhood search (``NeighbourhoodSearch``, trait `GLPK`) improves the incumbent
///    until `neighbourhoodEnd` of the time limit: GLPK re-pairs the households of a few
///    communities at a time, every other pair fixed. A heuristic: it lowers UB, never LB.
/// 3. GLPK (``GLPKReducedSolver``, trait `GLPK`) solves the reduced program from the
///    incumbent within the time left. Every plan either uses only kept items (cost ≥ GLPK's
///    bound) or some dropped one, so the proven bound is
///    `max(LB, min(UB, GLPK's bound, LB* + (D + 1)/S))`.
/// Without GLPK, steps 1 and 2 only: the bound is LB and the plan the incumbent.
///
/// - Complexity: dominated by the Lagrangian rounds (see there) and GLPK's search, both cut
///   by the time limit.
public struct SidedPairingSolver: Sendable {
    /// Seconds for the whole solve (Lagrangian, fixing and GLPK).
    public var timeLimit: Double = 60
    /// Stop when the proven relative gap is at most this.
    public var targetGap: Double = 0
    /// Share of the time limit the Lagrangian may use before the neighbourhood search and
    /// GLPK take over. With GLPK it also stops once its bound stalls (`stallRounds`).
    public var lagrangianShare = 0.7
    /// With GLPK: the relaxation stops when its bound rose by less than 0.05 % over this many
    /// rounds (xigang: after about 70 rounds, 20 s, within 5 of its best), leaving the time to
    /// the neighbourhood search (0: run to the share or the step limit).
    public var stallRounds = 10
    /// Compute the LP bound by column generation between the Lagrangian and GLPK's
    /// branch-and-cut (``PairingColumnGeneration``). Off by default: on xigang it needs about
    /// 85 s of one core to converge and raises the bound by 20 (see docs/side-constraints.md).
    public var columnGeneration = false
    /// With column generation: the Lagrangian's share of the time limit, and the share by
    /// which column generation must end.
    public var lagrangianShareBeforeColumnGeneration = 0.2
    public var columnGenerationShare = 0.75
    /// Column generation only up to this many free households (GLPK's simplex is too slow beyond).
    public var columnGenerationLimit = 20_000
    /// Pairs per household in the first restricted LP.
    public var startingColumnsPerHousehold = 3
    /// Share of the time limit by which the neighbourhood search (``NeighbourhoodSearch``)
    /// must end; it starts after the relaxation (0 or less: no search).
    public var neighbourhoodEnd = 0.95
    /// Largest number of pairs handed to GLPK.
    public var maximumColumns = 60_000
    /// Use GLPK (ignored in a build without the GLPK trait).
    public var useGLPK = true
    /// Progress lines (stderr with `--verbose`); GLPK's own output is echoed with it.
    public var log: (@Sendable (String) -> Void)? = nil
    /// Progress reports and a cancel, checked between rounds and stages.
    public var control: SolveControl? = nil

    public init() {}

    public static var glpkAvailable: Bool {
        #if GLPK
        true
        #else
        false
        #endif
    }

    public func solve(_ model: CostModel, sides: SideConstraints, lockedHelper: [Int32]? = nil) -> SidedPairingOutcome {
        let clock = ContinuousClock(), started = clock.now
        let locked = lockedHelper ?? Array(repeating: -1, count: model.roll.households.count)
        let deadline = started + .milliseconds(Int64(timeLimit * 1000))
        var lagrangian = LagrangianPairing(model: model, sides: sides, locked: locked)
        lagrangian.log = log
        lagrangian.control = control
        if useGLPK && Self.glpkAvailable && neighbourhoodEnd > 0 { lagrangian.stallRounds = stallRounds }
        if lagrangian.repair.room.contains(where: { $0 < 0 }) {
            // Locked pairs alone exceed org_spread somewhere: no plan can meet it.
            return SidedPairingOutcome(
                plan: nil, objective: nil, bound: .max, lagrangianBound: .max, lagrangianRounds: 0, candidateArcs: 0)
        }
        let glpk = useGLPK && Self.glpkAvailable
        let generate = glpk && columnGeneration && lagrangian.free.count <= columnGenerationLimit
        let share = generate ? lagrangianShareBeforeColumnGeneration : lagrangianShare
        let lagrangianDeadline = glpk ? started + .milliseconds(Int64(timeLimit * share * 1000)) : deadline
        var relaxed = lagrangian.run(deadline: lagrangianDeadline, targetGap: targetGap)
        var outcome = SidedPairingOutcome(
            plan: relaxed.incumbent, objective: relaxed.incumbent == nil ? nil : relaxed.incumbentObjective,
            bound: relaxed.bound, lagrangianBound: relaxed.bound, lagrangianRounds: relaxed.rounds,
            candidateArcs: relaxed.candidateArcs)
        outcome.lagrangianSeconds = LagrangianPairing.seconds(clock.now - started)
        outcome.provenInfeasible = relaxed.provenInfeasible
        if relaxed.provenInfeasible { return finish(outcome, model, locked, clock, started) }
        let closed = outcome.plan != nil && outcome.bound >= outcome.objective!
        if closed || !glpk { return finish(outcome, model, locked, clock, started) }
        if let gap = outcome.gap, gap <= targetGap { return finish(outcome, model, locked, clock, started) }

        #if GLPK
        if generate {
            let lpStart = clock.now
            relaxed = linearProgramBound(
                lagrangian, relaxed, deadline: started + .milliseconds(Int64(timeLimit * columnGenerationShare * 1000)),
                certifyBy: deadline)
            outcome.columnGenerationSeconds = LagrangianPairing.seconds(clock.now - lpStart)
        }
        outcome.bound = max(outcome.bound, relaxed.bound)
        outcome.lagrangianBound = outcome.bound
        if let plan = relaxed.incumbent, relaxed.incumbentObjective < (outcome.objective ?? .max) {
            outcome.plan = plan
            outcome.objective = relaxed.incumbentObjective
        }
        if outcome.plan != nil && outcome.bound >= outcome.objective! { return finish(outcome, model, locked, clock, started) }
        if let gap = outcome.gap, gap <= targetGap { return finish(outcome, model, locked, clock, started) }
        if control?.isCancelled == true { return finish(outcome, model, locked, clock, started) }
        if neighbourhoodEnd > 0, let plan = outcome.plan, let value = outcome.objective {
            let searchStart = clock.now
            control?.report(.neighbourhoods, plan: value, bound: outcome.bound)
            var search = NeighbourhoodSearch(relaxation: lagrangian)
            search.log = log
            search.control = control
            // gap = (UB − LB) / UB ≤ targetGap once UB ≤ LB / (1 − targetGap).
            if targetGap > 0 && targetGap < 1 && outcome.bound > 0 {
                search.goodEnough = Int((Double(outcome.bound) / (1 - targetGap)).rounded(.down))
            }
            let found = search.improve(
                plan, objective: value, prices: relaxed,
                deadline: started + .milliseconds(Int64(timeLimit * neighbourhoodEnd * 1000)))
            outcome.neighbourhoodSeconds = LagrangianPairing.seconds(clock.now - searchStart)
            log?(String(
                format: "neighbourhood search: %d neighbourhoods, %d better plans, plan %d → %d, %.1f s; largest %d rows, %d columns",
                found.neighbourhoods, found.improvements, value, found.objective, outcome.neighbourhoodSeconds,
                found.rows, found.columns))
            if found.objective < value {
                outcome.plan = found.plan
                outcome.objective = found.objective
                relaxed.incumbent = found.plan
                relaxed.incumbentObjective = found.objective
            }
            if outcome.plan != nil && outcome.bound >= outcome.objective! { return finish(outcome, model, locked, clock, started) }
            if let gap = outcome.gap, gap <= targetGap { return finish(outcome, model, locked, clock, started) }
        }
        // Under 2 s GLPK cannot even solve the reduced program's LP (xigang: about 5 s).
        if neighbourhoodEnd > 0 && LagrangianPairing.seconds(deadline - clock.now) < 2 {
            return finish(outcome, model, locked, clock, started)
        }
        if control?.isCancelled == true { return finish(outcome, model, locked, clock, started) }
        control?.report(.integerProgram, plan: outcome.objective, bound: outcome.bound)
        let (program, dropBound) = reducedProgram(lagrangian, relaxed)
        outcome.fixedBound = dropBound
        let solver = GLPKReducedSolver(
            sides: sides, model: model, free: lagrangian.free, residual: lagrangian.repair.residual,
            need: lagrangian.repair.need, room: lagrangian.repair.room, echo: log != nil)
        let left = LagrangianPairing.seconds(deadline - clock.now)
        let glpkStart = clock.now
        let mip = solver.solve(program, timeLimitSeconds: max(1, left), mipGap: targetGap)
        outcome.glpkSeconds = LagrangianPairing.seconds(clock.now - glpkStart)
        outcome.glpk = mip
        if let plan = mip.plan, let value = mip.objective, value < (outcome.objective ?? .max) {
            var full = locked
            for h in lagrangian.free { full[h] = plan[h] ?? -1 }
            outcome.plan = full
            outcome.objective = lagrangian.objective(full)
        }
        if mip.bound == .max && outcome.plan == nil && mip.stop == .solved && dropBound == .max {
            outcome.provenInfeasible = true
        }
        if let reduced = mip.bound {
            var global = min(reduced, dropBound)
            if let ub = outcome.objective { global = min(global, ub) }
            outcome.bound = max(outcome.bound, global)
        }
        log?(String(
            format: "glpk: %d rows, %d columns, %d nonzeros, %@, %.1f s; its bound %@, dropped pairs' bound %@; bound %d, plan %@",
            mip.rows, mip.columns, mip.nonzeros, "\(mip.stop)", outcome.glpkSeconds,
            mip.bound.map(String.init) ?? "none", dropBound == .max ? "none" : String(dropBound), outcome.bound,
            outcome.objective.map(String.init) ?? "none"))
        #endif
        return finish(outcome, model, locked, clock, started)
    }

    #if GLPK
    /// The LP bound: column generation (``PairingColumnGeneration``) from the relaxation's
    /// best multipliers, its duals certified by ``LagrangianPairing/evaluate``. Returns the
    /// result with the better multipliers (and prices), and the best incumbent of the three.
    func linearProgramBound(
        _ l: LagrangianPairing, _ r: LagrangianPairing.Result, deadline: ContinuousClock.Instant,
        certifyBy: ContinuousClock.Instant
    ) -> LagrangianPairing.Result {
        guard r.incumbent != nil, !r.helperPrice.isEmpty else { return r }
        var generation = PairingColumnGeneration(relaxation: l)
        generation.log = log
        generation.echo = log != nil
        let start = PairingColumnGeneration.startingColumns(l, r, k: startingColumnsPerHousehold)
        log?("column generation: \(start.reduce(0) { $0 + $1.count }) starting columns")
        var incumbent = [Int32](repeating: -1, count: l.free.count)
        if let plan = r.incumbent { for (i, h) in l.free.enumerated() { incumbent[i] = plan[h] } }
        let lp = generation.solve(start: start, incumbent: incumbent, deadline: deadline)
        log?(String(
            format: "column generation: %d rounds, %d rows, %d columns, %d nonzeros, LP %.3f (%@), estimate %.3f%@",
            lp.rounds, lp.rows, lp.columns, lp.nonzeros, lp.restrictedValue + Double(l.lockedCost),
            lp.converged ? "optimal" : "not converged", lp.estimate + Double(l.lockedCost),
            lp.failure.map { "; " + $0 } ?? ""))
        guard !lp.lambda.isEmpty || !lp.mu.isEmpty else { return r }
        let S = Double(l.scale)
        let lambda = lp.lambda.map { Int(($0 * S).rounded()) }
        let mu = lp.mu.map { Int(($0 * S).rounded()) }
        var best = r
        let certified = l.evaluate(
            lambda: lambda, mu: mu, candidates: lp.columnsByHousehold,
            deadline: certifyBy)
        if certified.scaledBound > r.scaledBound {
            best = certified
            best.rounds = r.rounds
            best.incumbent = r.incumbent
            best.incumbentObjective = r.incumbentObjective
            best.candidateArcs = r.candidateArcs
        }
        if let plan = certified.incumbent, certified.incumbentObjective < best.incumbentObjective {
            best.incumbent = plan
            best.incumbentObjective = certified.incumbentObjective
        }
        if let found = lp.integralPlan {
            var plan = l.locked
            for (i, h) in l.free.enumerated() { plan[h] = found[i] }
            let value = l.objective(plan)
            let meets = l.sides.shortfalls(helperOf: plan, places: l.model.roll.places).isEmpty
            if meets && value < best.incumbentObjective { best.incumbent = plan; best.incumbentObjective = value }
        }
        return best
    }
    #endif

    private func finish(
        _ o: SidedPairingOutcome, _ model: CostModel, _ locked: [Int32], _ clock: ContinuousClock,
        _ started: ContinuousClock.Instant
    ) -> SidedPairingOutcome {
        var o = o
        o.seconds = LagrangianPairing.seconds(clock.now - started)
        return o
    }

    /// Step 2: the items GLPK keeps, and the bound on plans using a dropped one (`Int.max`
    /// when only items that cannot beat the incumbent were dropped).
    func reducedProgram(_ l: LagrangianPairing, _ r: LagrangianPairing.Result) -> (ReducedPairingProgram, Int) {
        let S = l.scale, lockedCost = l.lockedCost
        let model = l.model, sides = l.sides
        let v = r.helperPrice, u = r.householdPrice, mu = r.mu
        var unpaired = l.freeUnpaired.map { $0 * S }
        for (i, h) in l.free.enumerated() {
            for rule in sides.rowOf.indices { unpaired[i] += r.lambda[Int(sides.rowOf[rule][h])] }
        }
        // Items may have ρ ≤ R: (B + ρ)/S + locked ≤ UB − 1.
        let ub = r.incumbentObjective
        let limit = r.incumbent == nil ? 1 << 40 : (ub - 1 - lockedCost) * S - r.scaledBound
        let pairs = l.repair.pairs, keep = model.policy.keepBonus
        let order = pairs.ordered(by: v)
        // Count items by reduced cost, to find the level that keeps at most maximumColumns.
        let histogramSize = Int(min(max(0, limit) + 1, 1 << 16))
        let parts = parallelChunks(total: l.free.count) { range -> [Int] in
            var histogram = [Int](repeating: 0, count: histogramSize)
            for i in range {
                let h = l.free[i]
                pairs.forEach(h, in: order, below: u[i] + limit + S * keep + 1) { g, c in
                    var rho = c * S + v[g] - u[i]
                    if !mu.isEmpty, let q = sides.group(h, g) { rho += mu[q] }
                    if rho <= limit && rho < histogramSize { histogram[rho] += 1 }
                }
            }
            return histogram
        }
        // ρ*: the first reduced cost at which the count passes maximumColumns. Items below it
        // are all kept, items at it while room is left (household order), none above.
        var level = Int.max, total = 0
        for rho in 0..<histogramSize {
            total += parts.reduce(0) { $0 + $1[rho] }
            if total > maximumColumns { level = rho; break }
        }
        if level == Int.max && limit >= histogramSize { level = histogramSize }
        let keptLevel = min(level, limit), levelReached = level
        let dropBound = level <= limit ? Self.floorBound(r.scaledBound + level, S) + lockedCost : Int.max
        let found = parallelChunks(total: l.free.count) { range -> [(Int32, Int32, Int, Bool)] in
            var out: [(Int32, Int32, Int, Bool)] = []
            for i in range {
                let h = l.free[i]
                pairs.forEach(h, in: order, below: u[i] + keptLevel + S * keep + 1) { g, c in
                    var rho = c * S + v[g] - u[i]
                    if !mu.isEmpty, let q = sides.group(h, g) { rho += mu[q] }
                    if rho <= keptLevel { out.append((Int32(h), Int32(g), c, rho == levelReached)) }
                }
            }
            return out
        }
        let atLevelCount = level < histogramSize ? parts.reduce(0) { $0 + $1[level] } : 0
        var roomAtLevel = maximumColumns - (total - atLevelCount)
        let kept = found.flatMap { $0 }.filter { item in
            guard item.3 else { return true }
            roomAtLevel -= 1
            return roomAtLevel >= 0
        }
        var program = ReducedPairingProgram()
        var index: [Int: Int] = [:]  // h * helpers + g → column
        let helpers = model.roll.helpers.count
        for (h, g, c, _) in kept {
            index[Int(h) * helpers + Int(g)] = program.household.count
            program.household.append(h); program.helper.append(g); program.cost.append(c)
        }
        for (i, h) in l.free.enumerated() where unpaired[i] - u[i] > min(keptLevel, limit) { program.mustPair.insert(h) }
        if let plan = r.incumbent {
            for h in l.free {
                let g = Int(plan[h])
                if g < 0 { program.mustPair.remove(h); continue }
                if let j = index[h * helpers + g] { program.start[h] = j; continue }
                program.start[h] = program.household.count
                program.household.append(Int32(h)); program.helper.append(Int32(g)); program.cost.append(model.cost(h, g))
            }
        }
        program.constant = l.freeUnpaired.reduce(0, +) + lockedCost
        return (program, dropBound)
    }

    /// ⌈a / S⌉ for the bound of plans whose scaled value is at least a.
    static func floorBound(_ a: Int, _ s: Int) -> Int { LagrangianPairing.ceilDiv(a, s) }
}

/// What ``SidedPairingSolver`` found.
public struct SidedPairingOutcome: Sendable {
    /// Helper of each household in the best plan meeting every rule (nil: none found).
    public var plan: [Int32]?
    public var objective: Int?
    /// Proven lower bound on every plan meeting the rules.
    public var bound: Int
    public var lagrangianBound: Int
    public var lagrangianRounds: Int
    public var candidateArcs: Int
    /// Bound on plans using a pair GLPK did not see (`Int.max`: such plans cannot beat the plan).
    public var fixedBound = Int.max
    /// The Lagrangian bound passed the cost of the worst plan: no plan meets every rule.
    public var provenInfeasible = false
    var glpk: ReducedProgramOutcome? = nil
    public var lagrangianSeconds = 0.0
    public var glpkSeconds = 0.0
    public var columnGenerationSeconds = 0.0
    public var neighbourhoodSeconds = 0.0
    public var seconds = 0.0

    /// Relative gap of the plan over the bound (nil without a plan).
    public var gap: Double? { objective.flatMap { LagrangianPairing.gap($0, bound) } }

    /// GLPK's model size and how its search ended, for the summary ("" when GLPK did not run).
    public var glpkDescription: String {
        guard let g = glpk else { return "" }
        let stop: String = switch g.stop {
        case .solved: "searched to the end"
        case .gapReached: "stopped at the gap tolerance"
        case .timeLimit: "stopped by the time limit"
        case .failed(let why): "failed (\(why))"
        }
        return "GLPK saw \(g.rows) rows, \(g.columns) binary columns, \(g.nonzeros) nonzeros and \(stop)"
    }
}
