import Testing
@testable import Matcher

extension SidedCase {
    /// A roll with org_spread (and coverage two times in three) of `households` households.
    static func withSpread(seed: UInt64, households: ClosedRange<Int>, helpers: ClosedRange<Int>) -> SidedCase {
        let base = PairingCase.random(seed: seed, households: households, helpers: helpers)
        var rng = SplitMix64(seed: seed &+ 0xD15)
        var policy = base.model.policy
        if Int.random(in: 0..<3, using: &rng) > 0 {
            policy.coverage = [Policy.CoverageRule(
                level: Policy.PlaceLevel.allCases.randomElement(using: &rng)!,
                minFraction: [0.25, 0.5, 0.75].randomElement(using: &rng)!)]
            if Bool.random(using: &rng) {  // nested levels: street under district
                policy.coverage.append(Policy.CoverageRule(level: .district, minFraction: [0.5, 0.8].randomElement(using: &rng)!))
            }
        }
        policy.orgSpread = Int.random(in: 0...2, using: &rng)
        let model = try! CostModel(
            roll: base.roll, policy: policy, previousHelper: base.model.previousHelper, forbidden: base.model.forbidden)
        return SidedCase(base: base, model: model)
    }

    var instance: PairingInstance {
        PairingInstance(model: model, sides: SideConstraints(roll: model.roll, policy: model.policy), lockedHelper: locked)
    }
}

@Suite struct DesignatedRepairingTests {
    /// Started from the brute-force optimum, the re-pairing returns a plan of the optimum's
    /// cost: its pairs are all allowed and offered, whatever the arc limit, the ranking, the
    /// cover choice, or the candidate list (here: none at all).
    @Test(arguments: 0..<400)
    func keepingTheOptimumReturnsIt(seed: Int) {
        let c = SidedCase.withSpread(seed: UInt64(seed), households: 2...6, helpers: 1...4)
        guard let optimum = c.bruteForcePlan() else { return }
        let instance = c.instance
        var repairing = DesignatedRepairing(instance)
        repairing.arcsPerHousehold = seed % 3
        repairing.coverHelpersFirst = seed % 2 == 0
        if seed % 4 == 1 { repairing.candidates = CandidateArcs(rows: instance.free.map { _ in [] }) }
        let found = repairing.repair(keeping: optimum, guide: nil)
        #expect(found?.objective == c.objective(optimum), "seed \(seed)")
        if let plan = found?.plan {
            #expect(c.isValidPlan(plan) && c.meetsRules(plan), "seed \(seed)")
        }
        // The optimum as the guide alone: every pair of it fits the budgets and is offered.
        let guided = repairing.repair(keeping: nil, guide: optimum)
        #expect(guided?.objective == c.objective(optimum), "seed \(seed): guided by the optimum")
    }

    /// On rolls too large for brute force: every plan returned meets every rule and capacity
    /// (counted independently), costs what it claims, and never more than the plan it kept;
    /// guided by the plain optimum (which may break the rules) it still meets them.
    @Test(arguments: 0..<120)
    func plansMeetEveryRuleAndNeverWorsen(seed: Int) {
        let c = SidedCase.withSpread(seed: UInt64(seed) &+ 50_000, households: 20...60, helpers: 5...16)
        let instance = c.instance
        let plain = PairingSolver().solve(c.model, lockedHelper: c.locked)
        let repair = PlanRepair(instance)
        var repairing = DesignatedRepairing(instance)
        repairing.arcsPerHousehold = [2, 5, 30][seed % 3]
        let start = repair.repair(plain.helperOf)
        for (keep, guide) in [(start, plain.helperOf), (start, nil), (nil, plain.helperOf)] {
            guard let found = repairing.repair(keeping: keep, guide: guide) else {
                #expect(keep == nil, "seed \(seed): no plan although the kept one meets the rules")
                continue
            }
            #expect(c.isValidPlan(found.plan), "seed \(seed)")
            #expect(c.meetsRules(found.plan), "seed \(seed)")
            #expect(found.objective == c.objective(found.plan), "seed \(seed)")
            if let keep { #expect(found.objective <= c.objective(keep), "seed \(seed): worse than the plan kept") }
        }
        // The cycle of rankings and cover choices after the relaxation: never worse either.
        if let start {
            let begun = Incumbent(plan: start, objective: c.objective(start))
            let improved = repairing.improve(begun, ranking: .init(), deadline: .now + .seconds(5))
            #expect(improved.objective <= begun.objective, "seed \(seed)")
            #expect(c.isValidPlan(improved.plan) && c.meetsRules(improved.plan), "seed \(seed)")
            #expect(improved.objective == c.objective(improved.plan), "seed \(seed)")
        }
    }

    /// With a budget of 0 everywhere (org_spread 0), no helper of an organization is allowed
    /// beyond the kept plan's own pairs: such pairs never appear.
    @Test(arguments: 0..<60)
    func zeroRoomAllowsNoOrganizationPair(seed: Int) {
        var c = SidedCase.withSpread(seed: UInt64(seed) &+ 90_000, households: 10...30, helpers: 4...10)
        var policy = c.model.policy
        policy.orgSpread = 0
        c.model = try! CostModel(
            roll: c.model.roll, policy: policy, previousHelper: c.model.previousHelper, forbidden: c.model.forbidden)
        let instance = c.instance
        if instance.locksBreakSpread { return }
        let plain = PairingSolver().solve(c.model, lockedHelper: c.locked)
        guard let found = DesignatedRepairing(instance).repair(keeping: nil, guide: plain.helperOf) else { return }
        for h in instance.free where found.plan[h] >= 0 {
            #expect(c.model.roll.helpers.organizations[Int(found.plan[h])].isEmpty, "seed \(seed)")
        }
        #expect(c.meetsRules(found.plan) && c.isValidPlan(found.plan), "seed \(seed)")
    }
}
