import Foundation

/// The pairing under side constraints (coverage with org_spread, or coverage the network
/// cannot take): Lagrangian bound and repaired plans, a neighbourhood search, reduced-cost
/// fixing, then GLPK's branch-and-cut on what is left.
///
/// **Method**, in the order it runs:
/// 0. A city of several districts goes district by district (``DistrictParts``), each
///    district through the steps below.
/// 1. ``LagrangianPairing`` for up to `lagrangianShare` of the time: a proven bound LB,
///    multipliers with dual-feasible prices, and an incumbent plan UB from ``PlanRepair``.
///    The relaxation's rounds also re-pair the incumbent on their candidate pairs
///    (``DesignatedRepairing``, guided by the relaxed plan).
/// 1b. ``DesignatedRepairing/improve(_:ranking:deadline:)`` re-pairs the incumbent over every
///    eligible pair at the best multipliers (`designatedRepairing`).
/// 2. Neighbourhood search (``NeighbourhoodSearch``, trait `GLPK`) improves the incumbent
///    until `neighbourhoodEnd` of the time: GLPK re-pairs the households of a few
///    communities at a time, every other pair fixed. A heuristic: it lowers UB, never LB.
/// 3. Reduced-cost fixing. At the best multipliers every item (pair, or a household's
///    "unpaired" option) has a reduced cost ρ ≥ 0 and any plan using it costs at least
///    `LB* + ρ/S` (LB* the unrounded bound). Items with `LB* + ρ/S > UB − 1` cannot be in a
///    plan better than the incumbent and are dropped. When more than `maximumColumns` pairs
///    remain, only those with ρ ≤ D are kept, and plans using a dropped item cost at least
///    `LB* + (D + 1)/S`.
/// 4. GLPK (``GLPKReducedSolver``, trait `GLPK`) solves the reduced program from the
///    incumbent within the time left. Every plan either uses only kept items (cost ≥ GLPK's
///    bound) or some dropped one, so the proven bound is
///    `max(LB, min(UB, GLPK's bound, LB* + (D + 1)/S))`.
/// Without GLPK, step 1 only: the bound is LB and the plan the incumbent.
///
/// **Invariant.** `bound`, when set, is proven over every eligible pair in integers (see
/// ``LagrangianPairing``); `incumbent`, when set, meets every rule.
///
/// - Complexity: dominated by the Lagrangian rounds (see there) and GLPK's search, both cut
///   by the time limit.
/// - Reference: Fisher, Management Science 27 (1981) 1–18; reduced-cost fixing as in
///   Wolsey, Integer Programming (1998), §7.4.
public struct SidedPairingSolver: Sendable {
    /// Seconds for the whole solve (Lagrangian, fixing and GLPK).
    public var timeLimit: Double = 60
    /// Stop when the proven relative gap is at most this.
    public var targetGap: Double = 0
    /// Share of the time limit the Lagrangian may use before the neighbourhood search and
    /// GLPK take over. With GLPK it also stops once its bound stalls (`stallRounds`).
    public var lagrangianShare = 0.85
    /// With GLPK: the relaxation stops when its bound rose by less than 0.01 % over this many
    /// rounds, leaving the time to the neighbourhood search (0: run to the share or the step
    /// limit).
    public var stallRounds = 0
    /// Share of the time limit by which the neighbourhood search (``NeighbourhoodSearch``)
    /// must end; it starts after the relaxation (0 or less: no search).
    public var neighbourhoodEnd = 0.95
    /// Re-pair the relaxation's incumbent over every eligible pair (``DesignatedRepairing``)
    /// before the neighbourhood search.
    public var designatedRepairing = true
    /// Largest number of pairs handed to GLPK.
    public var maximumColumns = 60_000
    /// A roll of several districts with at least this many free households is solved district
    /// by district (``DistrictParts``) when no kind reaches another district; below it one
    /// relaxation is quick enough, and GLPK can still prove small rolls optimal whole.
    public var districtSplitMinimum = 10_000
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
        solve(PairingInstance(model: model, sides: sides, lockedHelper: lockedHelper))
    }

    func solve(_ instance: PairingInstance, from start: SidedStart? = nil) -> SidedPairingOutcome {
        if instance.free.count >= districtSplitMinimum, let start, let parts = DistrictParts(instance), let outcome = parts.solve(self, from: start) {
            return outcome
        }
        let clock = ContinuousClock(), started = clock.now
        let locked = instance.locked
        let deadline = started + .milliseconds(Int64(timeLimit * 1000))
        var lagrangian = LagrangianPairing(instance)
        lagrangian.log = log
        lagrangian.control = control
        var outcome = SidedPairingOutcome()
        defer { outcome.seconds = LagrangianPairing.seconds(clock.now - started) }
        if instance.locksBreakSpread {
            outcome.provenInfeasible = true
            return outcome
        }
        let glpk = useGLPK && Self.glpkAvailable
        if glpk && neighbourhoodEnd > 0 { lagrangian.stallRounds = stallRounds }

        // Step 1: the relaxation's bound and repaired plans.
        let lagrangianDeadline = glpk ? started + .milliseconds(Int64(timeLimit * lagrangianShare * 1000)) : deadline
        var relaxed = lagrangian.run(
            deadline: lagrangianDeadline, targetGap: targetGap,
            from: start.map { LagrangianPairing.Start(lambda: $0.lambda(instance, scale: lagrangian.scale), plan: $0.firstPlan ?? $0.plan.helperOf) })
        outcome.incumbent = relaxed.incumbent
        outcome.relaxation = relaxed
        // The optimum without org_spread bounds every plan with it.
        outcome.bound = [relaxed.bound, start?.plan.objective].compactMap { $0 }.max()
        outcome.lagrangianBound = relaxed.bound
        outcome.lagrangianRounds = relaxed.rounds
        outcome.candidateArcs = relaxed.candidateArcs
        outcome.lagrangianSeconds = LagrangianPairing.seconds(clock.now - started)
        outcome.provenInfeasible = relaxed.provenInfeasible
        if relaxed.provenInfeasible || !glpk || isDone(outcome) { return outcome }

        // Step 1b: designated re-pairing of the incumbent over every eligible pair.
        if designatedRepairing, let start = outcome.incumbent {
            let t0 = clock.now
            let found = DesignatedRepairing(instance).improve(
                start, ranking: DesignatedRepairing.Ranking(scale: lagrangian.scale, helper: relaxed.helperPrice, mu: relaxed.mu),
                deadline: started + .milliseconds(Int64(timeLimit * neighbourhoodEnd * 1000)))
            log?(String(
                format: "designated re-pairing on every pair: plan %d → %d, %.1f s", start.objective, found.objective,
                LagrangianPairing.seconds(clock.now - t0)))
            if found.objective < start.objective { outcome.incumbent = found; relaxed.incumbent = found }
        }
        #if GLPK
        // Step 2: neighbourhood search on the incumbent.
        if neighbourhoodEnd > 0, let start = outcome.incumbent {
            let searchStart = clock.now
            control?.report(.neighbourhoods, plan: start.objective, bound: outcome.bound)
            var search = NeighbourhoodSearch(relaxation: lagrangian)
            search.log = log
            search.control = control
            // gap = (UB − LB) / UB ≤ targetGap once UB ≤ LB / (1 − targetGap).
            if targetGap > 0 && targetGap < 1, let bound = outcome.bound, bound > 0 {
                search.goodEnough = Int((Double(bound) / (1 - targetGap)).rounded(.down))
            }
            let found = search.improve(
                start.plan, objective: start.objective, prices: relaxed,
                deadline: started + .milliseconds(Int64(timeLimit * neighbourhoodEnd * 1000)))
            outcome.neighbourhoodSeconds = LagrangianPairing.seconds(clock.now - searchStart)
            log?(String(
                format: "neighbourhood search: %d neighbourhoods, %d better plans, plan %d → %d, %.1f s; largest %d rows, %d columns",
                found.neighbourhoods, found.improvements, start.objective, found.objective, outcome.neighbourhoodSeconds,
                found.rows, found.columns))
            if found.objective < start.objective {
                outcome.incumbent = Incumbent(plan: found.plan, objective: found.objective)
                relaxed.incumbent = outcome.incumbent
            }
            if isDone(outcome) { return outcome }
        }
        // With under 2 s left GLPK cannot even solve the reduced program's LP (see
        // benchmarks/README.md, 'Tuning notes').
        if neighbourhoodEnd > 0 && LagrangianPairing.seconds(deadline - clock.now) < 2 { return outcome }

        // Steps 3 and 4: reduced-cost fixing, then GLPK's branch-and-cut on what is left.
        control?.report(.integerProgram, plan: outcome.incumbent?.objective, bound: outcome.bound)
        guard let scaled = relaxed.scaledBound else { return outcome }
        let (program, dropBound) = reducedProgram(lagrangian, relaxed, scaled: scaled)
        outcome.fixedBound = dropBound
        let solver = GLPKReducedSolver(instance: instance, echo: log != nil)
        let left = LagrangianPairing.seconds(deadline - clock.now)
        let glpkStart = clock.now
        let mip = solver.solve(program, timeLimitSeconds: max(1, left), mipGap: targetGap)
        outcome.glpkSeconds = LagrangianPairing.seconds(clock.now - glpkStart)
        outcome.glpk = mip
        if let plan = mip.plan, let value = mip.objective, outcome.incumbent.map({ value < $0.objective }) ?? true {
            var full = locked
            for h in lagrangian.free { full[h] = plan[h] ?? -1 }
            outcome.incumbent = Incumbent(plan: full, objective: lagrangian.objective(full))
        }
        // Every plan uses only kept items (cost ≥ GLPK's bound) or a dropped one (cost ≥
        // dropBound), and none beats itself: the bound is the least of those.
        switch mip.bound {
        case .infeasible?:
            if let drop = dropBound {
                outcome.bound = max(outcome.bound ?? drop, min(drop, outcome.incumbent?.objective ?? drop))
            } else if outcome.incumbent == nil && mip.stop == .solved {
                outcome.provenInfeasible = true
            } else if let ub = outcome.incumbent?.objective {
                outcome.bound = ub  // no kept plan beats the incumbent, and no dropped item can
            }
        case .proven(let reduced)?:
            var global = min(reduced, dropBound ?? reduced)
            if let ub = outcome.incumbent?.objective { global = min(global, ub) }
            outcome.bound = max(outcome.bound ?? global, global)
        case nil:
            break
        }
        log?(String(
            format: "glpk: %d rows, %d columns, %d nonzeros, %@, %.1f s; its bound %@, dropped pairs' bound %@; bound %@, plan %@",
            mip.rows, mip.columns, mip.nonzeros, "\(mip.stop)", outcome.glpkSeconds,
            mip.bound.map { "\($0)" } ?? "none", dropBound.map(String.init) ?? "none",
            outcome.bound.map(String.init) ?? "none", outcome.incumbent.map { String($0.objective) } ?? "none"))
        #endif
        return outcome
    }

    /// Whether `plan` (every household's helper) fits every helper's capacity and meets every
    /// rule of `instance`.
    static func meetsEveryRule(_ plan: [Int32], _ instance: PairingInstance) -> Bool {
        // Locked and held households where the instance has them, the free ones within the
        // places the instance leaves (a part's reserved places included).
        guard instance.locked.indices.allSatisfy({ instance.isFree[$0] || plan[$0] == instance.locked[$0] }) else { return false }
        var load = [Int32](repeating: 0, count: instance.residual.count)
        for h in instance.free where plan[h] >= 0 { load[Int(plan[h])] += 1 }
        guard zip(load, instance.residual).allSatisfy({ $0 <= $1 }) else { return false }
        return instance.sides.shortfalls(helperOf: plan, places: instance.model.roll.places).isEmpty
    }

    /// Whether the plan is proven optimal, or within the target gap.
    private func isDone(_ outcome: SidedPairingOutcome) -> Bool {
        if control?.isCancelled == true { return true }
        guard let gap = outcome.gap else { return false }
        return gap == 0 || gap <= targetGap
    }

    /// Step 3: the items GLPK keeps, and the bound on plans using a dropped one (nil when
    /// only items that cannot beat the incumbent were dropped). `r` holds certified
    /// multipliers with their scaled bound `scaled`.
    func reducedProgram(_ l: LagrangianPairing, _ r: LagrangianPairing.Result, scaled: Int) -> (ReducedPairingProgram, Int?) {
        let S = l.scale, lockedCost = l.lockedCost
        let model = l.model, sides = l.sides
        let v = r.helperPrice, u = r.householdPrice, mu = r.mu
        var unpaired = l.freeUnpaired.map { $0 * S }
        for (i, h) in l.free.enumerated() {
            for rule in sides.rowOf.indices { unpaired[i] += r.lambda[Int(sides.rowOf[rule][h])] }
        }
        // Items may have ρ ≤ R: (B + ρ)/S + locked ≤ UB − 1.
        let limit = r.incumbent.map { ($0.objective - 1 - lockedCost) * S - scaled } ?? 1 << 40
        let pairs = l.instance.pairs, keep = model.policy.keepBonus
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
        var passed: Int? = nil, total = 0
        for rho in 0..<histogramSize {
            total += parts.reduce(0) { $0 + $1[rho] }
            if total > maximumColumns { passed = rho; break }
        }
        // Without a level passed, everything up to the histogram's end (or the limit) is kept.
        let level = passed ?? (limit >= histogramSize ? histogramSize : limit + 1)
        let keptLevel = min(level, limit), levelReached = level
        let dropBound = level <= limit ? Self.floorBound(scaled + level, S) + lockedCost : nil
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
        let atLevelCount = passed.map { p in parts.reduce(0) { $0 + $1[p] } } ?? 0
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
        if let incumbent = r.incumbent {
            for h in l.free {
                let g = Int(incumbent.plan[h])
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

/// A start for ``SidedPairingSolver``: the optimum of the same instance without org_spread
/// (coverage rules kept, exact on the coverage network). Its objective is a proven lower
/// bound on every plan that also meets org_spread (the rule only removes plans), its quota
/// prices are the best coverage multipliers while org_spread's are zero, and its plan,
/// repaired, is a first incumbent.
struct SidedStart {
    /// The optimum without org_spread, with quota prices when coverage rules bind.
    var plan: PairingResult
    /// The plan the relaxation repairs first, when not `plan`'s (a part of a roll starts from
    /// the whole's first plan, which holds the other parts' households).
    var firstPlan: [Int32]? = nil

    /// Coverage multipliers λ (scaled by `scale`) for the relaxation's coverage rows: the
    /// quota price of each row's place, 0 for a row below the strictest quota of its place.
    func lambda(_ instance: PairingInstance, scale: Int) -> [Double] {
        let sides = instance.sides
        var lambda = [Double](repeating: 0, count: sides.coverage.count)
        guard let prices = plan.quotaPrices else { return lambda }
        let network = prices.network
        let levels = Policy.PlaceLevel.finestFirst.filter { level in sides.coverage.contains { $0.level == level } }
        for (i, row) in sides.coverage.enumerated() where row.households.contains(where: { instance.isFree[$0] }) {
            guard let h = row.households.first, let depth = levels.firstIndex(of: row.level) else { continue }
            var q = Int(network.groupOf[h])
            for _ in 0..<depth { q = Int(network.groups[q].parent) }
            if network.groups[q].quota == row.quota { lambda[i] = Double(prices.price[q] * scale) }
        }
        return lambda
    }
}

/// A plan meeting every rule, with its objective (locked pairs included).
public struct Incumbent: Sendable, Equatable {
    /// Helper of each household, -1 when unpaired.
    public var plan: [Int32]
    public var objective: Int
}

/// What ``SidedPairingSolver`` found.
public struct SidedPairingOutcome: Sendable {
    /// The best plan meeting every rule (nil: none found).
    public var incumbent: Incumbent? = nil
    /// Proven lower bound on every plan meeting the rules (nil: none proven).
    public var bound: Int? = nil
    public var lagrangianBound: Int? = nil
    public var lagrangianRounds = 0
    public var candidateArcs = 0
    /// Bound on plans using a pair GLPK did not see (nil: such plans cannot beat the plan).
    public var fixedBound: Int? = nil
    /// No plan meets every rule (the relaxation's bound passed the dearest plan, locked pairs
    /// alone break org_spread, or GLPK searched the whole reduced program in vain).
    public var provenInfeasible = false
    var glpk: ReducedProgramOutcome? = nil
    /// Districts solved one by one (``DistrictParts``; 0: the roll was solved whole).
    public var districtParts = 0
    /// The relaxation's best multipliers, prices and candidate pairs.
    var relaxation: LagrangianPairing.Result? = nil
    public var lagrangianSeconds = 0.0
    public var glpkSeconds = 0.0
    public var neighbourhoodSeconds = 0.0
    public var seconds = 0.0

    public var plan: [Int32]? { incumbent?.plan }
    public var objective: Int? { incumbent?.objective }

    /// Relative gap of the plan over the bound (nil without both).
    public var gap: Double? { LagrangianPairing.gap(incumbent?.objective, bound) }

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
