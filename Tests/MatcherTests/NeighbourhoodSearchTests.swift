#if GLPK
import Testing
@testable import Matcher

/// ``NeighbourhoodSearch``: never a worse plan, never a broken rule, and exact when the
/// neighbourhood is everything. Plans are checked by ``SidedCase``'s own counting.
@Suite struct NeighbourhoodSearchTests {
    /// A short relaxation and its repaired plan, or nil when the case has none.
    func start(_ c: SidedCase) -> (LagrangianPairing, LagrangianPairing.Result)? {
        let sides = SideConstraints(roll: c.model.roll, policy: c.model.policy)
        var l = LagrangianPairing(model: c.model, sides: sides, locked: c.locked)
        guard !l.repair.room.contains(where: { $0 < 0 }) else { return nil }
        l.maximumRounds = 2
        let r = l.run(deadline: .now + .seconds(5), targetGap: 0)
        return r.incumbent == nil ? nil : (l, r)
    }

    /// From the repaired plan, with neighbourhoods of one or two households and two pairs
    /// each: the plan returned meets every rule, is valid, costs what it claims, never more
    /// than the start and never less than the optimum.
    @Test(arguments: 0..<150)
    func neverWorseAndMeetsEveryRule(seed: Int) {
        let c = SidedCase.random(seed: UInt64(seed))
        guard let (l, r) = start(c), let plan = r.incumbent?.plan, let value = r.incumbent?.objective else { return }
        var search = NeighbourhoodSearch(relaxation: l)
        search.householdsPerNeighbourhood = 2
        search.minimumHouseholds = 1
        search.pairsPerHousehold = 2
        search.seed = UInt64(seed)
        let found = search.improve(plan, objective: value, prices: r, deadline: .now + .seconds(5))
        #expect(found.objective <= value, "seed \(seed)")
        #expect(found.objective == c.objective(found.plan), "seed \(seed)")
        #expect(c.isValidPlan(found.plan) && c.meetsRules(found.plan), "seed \(seed)")
        if let optimum = c.bruteForceOptimum() { #expect(found.objective >= optimum, "seed \(seed)") }
        #expect(found.neighbourhoods > 0 || l.free.isEmpty, "seed \(seed)")
    }

    /// The dearest plan that meets every rule, by trying every plan (nil when none does).
    func dearestPlan(_ c: SidedCase) -> [Int32]? {
        let n = c.model.roll.households.count, k = c.model.roll.helpers.count
        var plan = c.locked, worst: (plan: [Int32], value: Int)? = nil
        func visit(_ h: Int) {
            if h == n {
                if c.isValidPlan(plan) && c.meetsRules(plan), worst == nil || c.objective(plan) > worst!.value {
                    worst = (plan, c.objective(plan))
                }
                return
            }
            if c.locked[h] >= 0 { visit(h + 1); return }
            plan[h] = -1
            visit(h + 1)
            for g in 0..<k where c.model.ineligibility(h, g) == nil && c.model.roll.helpers.capacity[g] > 0 {
                plan[h] = Int32(g)
                visit(h + 1)
            }
            plan[h] = -1
        }
        visit(0)
        return worst?.plan
    }

    /// Started from the dearest plan meeting the rules, the search never breaks a rule and
    /// improves at least 90 % of the plans that are not optimal (48 of 49 now) (a search that never moved would pass the
    /// test above). Not all: a move across two streets is outside every neighbourhood.
    @Test func improvesTheDearestPlans() {
        var open = 0, improved = 0
        for seed in 0..<150 {
            let c = SidedCase.random(seed: UInt64(seed))
            guard let (l, r) = start(c), let dearest = dearestPlan(c), let optimum = c.bruteForceOptimum() else { continue }
            let value = c.objective(dearest)
            var search = NeighbourhoodSearch(relaxation: l)
            search.seed = UInt64(seed)
            let found = search.improve(dearest, objective: value, prices: r, deadline: .now + .seconds(5))
            #expect(c.isValidPlan(found.plan) && c.meetsRules(found.plan), "seed \(seed)")
            #expect(found.objective == c.objective(found.plan) && found.objective >= optimum, "seed \(seed)")
            if value > optimum { open += 1 }
            if found.objective < value { improved += 1 }
        }
        #expect(open > 0 && 10 * improved >= 9 * open, "\(improved) of \(open) improved")
    }

    /// One neighbourhood holding every free household with every eligible pair is the whole
    /// program: GLPK's plan from it is the brute-force optimum.
    @Test(arguments: 0..<150)
    func wholeNeighbourhoodIsExact(seed: Int) {
        let c = SidedCase.random(seed: UInt64(seed))
        guard let (l, r) = start(c), let plan = r.incumbent?.plan, let value = r.incumbent?.objective,
              let optimum = c.bruteForceOptimum() else { return }
        var search = NeighbourhoodSearch(relaxation: l)
        search.pairsPerHousehold = c.model.roll.helpers.count
        var freeIndex = [Int](repeating: -1, count: plan.count)
        for (i, h) in l.free.enumerated() { freeIndex[h] = i }
        let step = search.solve(l.free, plan, freeIndex, r, seconds: 10)
        let best = step.plan.map { search.accepts($0, below: value) ? c.objective($0) : value } ?? value
        #expect(step.stop == .solved, "seed \(seed)")
        #expect(best == optimum, "seed \(seed): \(best), optimum \(optimum)")
        if let p = step.plan { #expect(c.isValidPlan(p) && c.meetsRules(p), "seed \(seed)") }
    }
}
#endif
