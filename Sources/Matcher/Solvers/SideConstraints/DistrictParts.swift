import Foundation
import Dispatch
import Synchronization

/// The side-constrained pairing of a roll of several districts, one district at a time.
///
/// **Why.** When no kind may reach another district (`max_distance` ≤ 2, SPEC), a household
/// can only be paired with helpers of its own district and the citywide ones, every coverage
/// place and every org_spread group (an organization in one community) lies in one district,
/// and the districts share nothing but the citywide helpers' places (on the dalian preset 586
/// of 35,714). One relaxation over the whole city moves every district's multipliers with one
/// step size and re-solves the whole city each round; district by district, each relaxation
/// takes its own steps and each round is a district's size.
///
/// **Method.**
/// 1. A first plan meeting every rule: the optimum without org_spread (``SidedStart``),
///    repaired (``PlanRepair``).
/// 2. Each part is the whole with the other districts' households held at that plan
///    (``PairingInstance/init(part:households:heldAt:reserved:)``). A citywide helper's
///    places are shared out: each part keeps what the first plan gives its households, and
///    the places that plan leaves empty all go to one part. So the parts' plans fit together.
/// 3. ``SidedPairingSolver`` solves the parts, largest first, two at a time, each with a
///    share of the time in proportion to its households^1.6 (a larger part's rounds are
///    longer, and it needs as many): relaxation with designated re-pairing, repair,
///    neighbourhood search, GLPK.
/// 4. The plan is the parts' plans together; it is checked against every rule and capacity.
/// 5. The bound: the parts' best multipliers, put together, are multipliers of the whole
///    relaxation, which ``LagrangianPairing/certify(lambda:mu:arcs:deadline:)`` evaluates
///    over every eligible pair of the whole roll (the citywide helpers' capacity included).
///    So the bound is proven for the whole, as in the undivided solve; a part's own bound,
///    which holds the other districts fixed, is never used for it.
/// 6. The whole roll's relaxed plan at those multipliers guides one ``DesignatedRepairing``
///    of the plan over the whole roll (the parts could not trade citywide places), and the
///    time the certification leaves goes to ``DesignatedRepairing/improve(_:ranking:deadline:)``.
///
/// **Invariant.** The plan meets every rule; the bound is proven over the whole roll in
/// integers (the larger of step 5 and the optimum without org_spread).
///
/// - Complexity: the parts' solves, each cut by its share of the time limit, plus one or a few
///   relaxed solves of the whole roll for the bound.
/// - Reference: Lagrangian decomposition by blocks, Fisher (1981) §5; Guignard & Kim,
///   Math. Programming 39 (1987) 215–228.
struct DistrictParts {
    let whole: PairingInstance
    /// Seconds kept at the end for the designated re-pairing of the whole roll (1–2 s on the
    /// dalian preset), which is not begun with less left.
    var designatedSeconds: Int64 = 3
    /// Free households of each part, largest part first.
    let parts: [[Int]]
    /// District of each part.
    let districts: [Int32]

    /// Nil when the roll cannot be split: one district with free households, or a kind that
    /// reaches other districts.
    init?(_ instance: PairingInstance) {
        guard instance.model.reach < 3 else { return nil }
        var byDistrict: [Int32: [Int]] = [:]
        let locations = instance.model.roll.households.locations
        for h in instance.free { byDistrict[locations[h].district, default: []].append(h) }
        guard byDistrict.count >= 2 else { return nil }
        let order = byDistrict.keys.sorted { (byDistrict[$0]!.count, $1) > (byDistrict[$1]!.count, $0) }
        whole = instance
        districts = order
        parts = order.map { byDistrict[$0]! }
    }

    /// Places of each helper that part `p` may not use: the first plan's places of the other
    /// parts' households, and the places it leaves empty unless `p` owns them (a district's
    /// helper: its district's part; a citywide helper: the part of its index modulo the parts).
    func reserved(for p: Int, plan: [Int32]) -> [Int32] {
        var used = [Int32](repeating: 0, count: whole.residual.count)
        for h in whole.free where plan[h] >= 0 { used[Int(plan[h])] += 1 }
        let helperDistrict = whole.model.roll.helpers.locations.map(\.district)
        let partOfDistrict = Dictionary(uniqueKeysWithValues: districts.enumerated().map { ($1, $0) })
        var reserved = [Int32](repeating: 0, count: whole.residual.count)
        for g in reserved.indices {
            let spare = whole.residual[g] - used[g]
            guard spare > 0 else { continue }
            let owner: Int? = helperDistrict[g] >= 0 ? partOfDistrict[helperDistrict[g]] : g % parts.count
            if owner != p { reserved[g] = spare }
        }
        return reserved
    }

    /// Solves the parts with `solver`'s settings (its time limit for the whole), from `start`.
    func solve(_ solver: SidedPairingSolver, from start: SidedStart) -> SidedPairingOutcome? {
        let clock = ContinuousClock(), started = clock.now
        let deadline = started + .milliseconds(Int64(solver.timeLimit * 1000))
        let log = solver.log
        guard let first = PlanRepair(whole).repair(start.plan.helperOf) else { return nil }
        var outcome = SidedPairingOutcome()
        outcome.districtParts = parts.count
        defer { outcome.seconds = LagrangianPairing.seconds(clock.now - started) }
        outcome.incumbent = Incumbent(plan: first, objective: whole.objective(first))
        outcome.bound = start.plan.objective
        solver.control?.report(.relaxation, plan: outcome.incumbent?.objective, bound: outcome.bound)

        // The whole roll's bound needs a few relaxed solves at the end: keep a share for them.
        // A round's work grows faster than a part's households (the Hungarian method's paths
        // are longer): time in proportion to households^1.6.
        let weight = parts.map { pow(Double($0.count), 1.6) }
        let totalWeight = weight.reduce(0, +)
        let certifyShare = max(0.12, min(0.25, 20 / solver.timeLimit))
        let workers = 2
        let partSeconds = max(1, solver.timeLimit * (1 - certifyShare) - LagrangianPairing.seconds(clock.now - started))
        let names = whole.model.roll.places.districtNames
        let results = PartResults(count: parts.count)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let p = next.add(1, ordering: .relaxed).oldValue
                guard p < parts.count, !(solver.control?.isCancelled ?? false) else { return }
                let part = PairingInstance(
                    part: whole, households: parts[p], heldAt: first, reserved: reserved(for: p, plan: first))
                var sub = solver
                sub.targetGap = 0  // a part's gap is relative to the whole roll's cost
                sub.timeLimit = max(1, Double(workers) * partSeconds * weight[p] / totalWeight)
                let name = names[Int(districts[p])]
                sub.log = log.map { log in { @Sendable line in log("\(name): \(line)") } }
                sub.control = solver.control.map { $0.muted() }
                var partStart = start
                partStart.firstPlan = first
                results.store(sub.solve(part, from: partStart), at: p)
            }
        }
        if solver.control?.isCancelled == true { return outcome }

        // The plan: each part's households as its plan has them.
        var plan = first
        let solved = parts.indices.map { p in (p, results.value(at: p)) }
        for (p, result) in solved {
            guard let part = result?.incumbent else { continue }
            for h in parts[p] { plan[h] = part.plan[h] }
            outcome.lagrangianRounds += result?.lagrangianRounds ?? 0
            outcome.candidateArcs += result?.candidateArcs ?? 0
            outcome.neighbourhoodSeconds += result?.neighbourhoodSeconds ?? 0
            outcome.glpkSeconds += result?.glpkSeconds ?? 0
            if let g = result?.glpk, g.columns > (outcome.glpk?.columns ?? -1) { outcome.glpk = g }
        }
        if SidedPairingSolver.meetsEveryRule(plan, whole) {
            outcome.incumbent = Incumbent(plan: plan, objective: whole.objective(plan))
        } else {
            log?("districts: the parts' plans together break a rule; keeping the first plan")
        }

        solver.control?.report(.relaxation, plan: outcome.incumbent?.objective, bound: outcome.bound)

        // The bound: the parts' multipliers, evaluated over the whole roll.
        var lagrangian = LagrangianPairing(whole)
        lagrangian.log = log
        let sides = whole.sides
        var lambda = [Int](repeating: 0, count: sides.coverage.count)
        var mu = [Int](repeating: 0, count: sides.spreadLimit == nil ? 0 : sides.groupCount)
        var rows = [[(Int32, Int)]](repeating: [], count: whole.free.count)
        var rowOf = [Int](repeating: -1, count: whole.locked.count)
        for (r, h) in whole.free.enumerated() { rowOf[h] = r }
        let locations = whole.model.roll.households.locations
        let places = whole.model.roll.places
        let communities = places.communityNames.count
        for (p, result) in solved {
            guard let relaxed = result?.relaxation else { continue }
            let district = districts[p]
            for (i, row) in sides.coverage.enumerated() where locations[row.households[0]].district == district && i < relaxed.lambda.count {
                lambda[i] = relaxed.lambda[i]
            }
            if !mu.isEmpty && !relaxed.mu.isEmpty {
                for q in mu.indices where relaxed.mu[q] != 0 {
                    let c = q % communities
                    if places.streetDistrict[Int(places.communityStreet[c])] == district { mu[q] = relaxed.mu[q] }
                }
            }
            if let arcs = relaxed.arcs {
                for (i, h) in parts[p].enumerated() where rowOf[h] >= 0 {
                    rows[rowOf[h]] = (arcs.start[i]..<arcs.start[i + 1]).map { (arcs.column[$0], arcs.cost[$0]) }
                }
            }
        }
        for (r, h) in whole.free.enumerated() where rows[r].isEmpty {
            var best = SmallestK(k: lagrangian.candidatesPerHousehold)
            whole.pairs.forEach(h) { g, c in best.offer(key: c, tie: SplitMix64.mix(h, g), item: Int32(g), value: c) }
            rows[r] = best.pairs
        }
        log?(String(format: "districts: parts done at %.1f s; certifying the whole roll's bound", LagrangianPairing.seconds(clock.now - started)))
        let certified = lagrangian.certify(
            lambda: lambda, mu: mu, arcs: CandidateArcs(rows: rows), deadline: max(deadline - .seconds(designatedSeconds), clock.now + .seconds(2)))
        outcome.lagrangianBound = certified.bound
        outcome.lagrangianRounds += certified.rounds
        if let bound = certified.bound { outcome.bound = max(outcome.bound ?? bound, bound) }

        // The whole roll's relaxed plan at the parts' multipliers guides one designated
        // re-pairing of the parts' plan over the whole roll (the parts could not trade the
        // citywide helpers' places, nor see each other's relaxed plans).
        if let keep = outcome.incumbent, let guide = certified.relaxedPlan, !certified.helperPrice.isEmpty,
           clock.now + .seconds(designatedSeconds) <= deadline {
            let ranking = DesignatedRepairing.Ranking(scale: lagrangian.scale, helper: certified.helperPrice, mu: mu)
            let designated = DesignatedRepairing(whole, candidates: certified.arcs)
            if let found = designated.repair(keeping: keep.plan, guide: guide, ranking: ranking), found.objective < keep.objective {
                outcome.incumbent = found
            }
            // Time the certification did not need goes to re-pairings over every pair.
            // (A re-pairing of the whole roll takes a few seconds; one is not begun without
            // them, so the solve ends within its limit.)
            if let first = outcome.incumbent, clock.now + .seconds(4) < deadline {
                outcome.incumbent = designated.improve(first, ranking: ranking, deadline: deadline - .seconds(2))
            }
            log?("districts: designated re-pairing of the whole roll: plan \(keep.objective) → \(outcome.incumbent?.objective ?? keep.objective)")
        }
        log?(String(
            format: "districts: %d parts; plan %@, whole-roll bound %@ after %d relaxed solves; %.1f s of %.1f",
            parts.count, outcome.incumbent.map { String($0.objective) } ?? "none", certified.bound.map(String.init) ?? "none",
            certified.rounds, LagrangianPairing.seconds(clock.now - started), solver.timeLimit))
        return outcome
    }
}

/// One slot per part, each written once by the worker that solved it.
private final class PartResults: @unchecked Sendable {
    private var slots: [SidedPairingOutcome?]
    private let lock = Mutex<Void>(())

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ value: SidedPairingOutcome, at i: Int) {
        lock.withLock { _ in slots[i] = value }
    }

    func value(at i: Int) -> SidedPairingOutcome? {
        lock.withLock { _ in slots[i] }
    }
}
