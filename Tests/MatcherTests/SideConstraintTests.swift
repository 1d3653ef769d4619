import Testing
@testable import Matcher

/// A tiny pairing case with side constraints, and the reference answers found by trying
/// every plan. The rules are checked here from scratch, not through ``SideConstraints``.
struct SidedCase {
    var base: PairingCase
    var model: CostModel
    var locked: [Int32] { base.locked }

    static func random(seed: UInt64) -> SidedCase {
        let base = PairingCase.random(seed: seed)
        var rng = SplitMix64(seed: seed &+ 0xC0FFEE)
        var policy = base.model.policy
        if Int.random(in: 0..<3, using: &rng) > 0 {
            policy.coverage = [Policy.CoverageRule(
                level: Policy.PlaceLevel.allCases.randomElement(using: &rng)!,
                minFraction: [0.25, 0.5, 0.75, 1.0].randomElement(using: &rng)!)]
        }
        if policy.coverage.isEmpty || Bool.random(using: &rng) { policy.orgSpread = Int.random(in: 0...2, using: &rng) }
        let model = try! CostModel(
            roll: base.roll, policy: policy, previousHelper: base.model.previousHelper, forbidden: base.model.forbidden)
        return SidedCase(base: base, model: model)
    }

    /// Does `plan` meet every coverage and org_spread rule? Counted independently.
    func meetsRules(_ plan: [Int32]) -> Bool {
        let roll = model.roll, policy = model.policy
        for rule in policy.coverage {
            var total: [Int32: Int] = [:], paired: [Int32: Int] = [:]
            for h in 0..<roll.households.count {
                let l = roll.households.locations[h]
                let unit = rule.level == .district ? l.district : rule.level == .street ? l.street : l.community
                total[unit, default: 0] += 1
                if plan[h] >= 0 { paired[unit, default: 0] += 1 }
            }
            for (unit, n) in total where Double(paired[unit, default: 0]) < (rule.minFraction * Double(n)).rounded(.up) {
                return false
            }
        }
        if let k = policy.orgSpread {
            var count: [String: Int] = [:]
            for (h, g) in plan.enumerated() where g >= 0 {
                let org = roll.helpers.organizations[Int(g)]
                if org.isEmpty { continue }
                count[org + "/\(roll.households.locations[h].community)", default: 0] += 1
            }
            if count.values.contains(where: { $0 > k }) { return false }
        }
        return true
    }

    /// Is `plan` a valid plan at all (eligibility, capacity, locks)?
    func isValidPlan(_ plan: [Int32]) -> Bool {
        var load = [Int32](repeating: 0, count: model.roll.helpers.count)
        for (h, g) in plan.enumerated() {
            if locked[h] >= 0 && plan[h] != locked[h] { return false }
            guard g >= 0 else { continue }
            if locked[h] < 0 && model.ineligibility(h, Int(g)) != nil { return false }
            load[Int(g)] += 1
        }
        return zip(load, model.roll.helpers.capacity).allSatisfy { $0 <= $1 }
    }

    func objective(_ plan: [Int32]) -> Int {
        plan.enumerated().reduce(0) { $0 + ($1.element >= 0 ? model.cost($1.offset, Int($1.element)) : model.unpairedCost($1.offset)) }
    }

    /// The least objective over every plan meeting every rule, nil when none does.
    func bruteForceOptimum() -> Int? { bruteForcePlan().map(objective) }

    /// A plan of least objective meeting every rule (counted independently), nil when none does.
    func bruteForcePlan() -> [Int32]? {
        let n = model.roll.households.count, k = model.roll.helpers.count
        var plan = locked
        var best: (plan: [Int32], value: Int)? = nil
        func visit(_ h: Int) {
            if h == n {
                if isValidPlan(plan) && meetsRules(plan) {
                    let value = objective(plan)
                    if best == nil || value < best!.value { best = (plan, value) }
                }
                return
            }
            if locked[h] >= 0 { visit(h + 1); return }
            plan[h] = -1
            visit(h + 1)
            for g in 0..<k where model.ineligibility(h, g) == nil && model.roll.helpers.capacity[g] > 0 {
                plan[h] = Int32(g)
                visit(h + 1)
            }
            plan[h] = -1
        }
        visit(0)
        return best?.plan
    }

    /// The optimum of `instance` without org_spread (on the coverage network when coverage
    /// rules are set), the start of the side-constrained solve; nil when the quotas cannot be
    /// met.
    static func optimumWithoutSpread(_ instance: PairingInstance) -> PairingResult? {
        let plain = PairingSolver().solve(instance)
        guard let network = CoverageNetwork(roll: instance.model.roll, sides: instance.sides, lockedHelper: instance.locked) else {
            return plain
        }
        guard case .optimal(let r) = PairingSolver().solve(instance, coverage: network, plain: plain) else { return nil }
        return r
    }
}

@Suite struct SideConstraintTests {
    /// The Lagrangian bound never exceeds the optimum, and every plan it returns meets every
    /// rule (checked independently) and costs what it claims. No GLPK: the trait-off path.
    @Test(arguments: 0..<150)
    func lagrangianBoundAndRepairedPlan(seed: Int) {
        let c = SidedCase.random(seed: UInt64(seed))
        let sides = SideConstraints(roll: c.model.roll, policy: c.model.policy)
        var solver = SidedPairingSolver()
        solver.useGLPK = false
        solver.timeLimit = 5
        let outcome = solver.solve(c.model, sides: sides, lockedHelper: c.locked)
        let optimum = c.bruteForceOptimum()
        if let optimum {
            if let bound = outcome.bound { #expect(bound <= optimum, "seed \(seed): bound \(bound) above optimum \(optimum)") }
        }
        if outcome.provenInfeasible { #expect(optimum == nil, "seed \(seed): called infeasible") }
        if let plan = outcome.plan {
            #expect(optimum != nil, "seed \(seed): a plan was returned for rules no plan meets")
            #expect(c.isValidPlan(plan), "seed \(seed)")
            #expect(c.meetsRules(plan), "seed \(seed)")
            #expect(outcome.objective == c.objective(plan), "seed \(seed)")
            if let optimum { #expect(outcome.objective! >= optimum) }
            #expect(sides.shortfalls(helperOf: plan, places: c.model.roll.places).isEmpty)
        }
    }

    #if GLPK
    /// With GLPK the side-constrained optimum is found and proven: plan and bound equal the
    /// brute-force optimum; rules no plan meets give no plan.
    @Test(arguments: 0..<300)
    func glpkMatchesBruteForce(seed: Int) {
        let c = SidedCase.random(seed: UInt64(seed))
        let sides = SideConstraints(roll: c.model.roll, policy: c.model.policy)
        var solver = SidedPairingSolver()
        solver.timeLimit = 10
        let outcome = solver.solve(c.model, sides: sides, lockedHelper: c.locked)
        let optimum = c.bruteForceOptimum()
        #expect(outcome.objective == optimum, "seed \(seed)")
        if let optimum {
            #expect(outcome.bound == optimum, "seed \(seed): bound \(String(describing: outcome.bound)), optimum \(optimum)")
            #expect(c.meetsRules(outcome.plan!) && c.isValidPlan(outcome.plan!), "seed \(seed)")
        }
    }
    #endif

    /// Without side constraints the relaxation is the plain pairing: same optimum as the
    /// Hungarian method with pricing, proven (gap 0).
    @Test(arguments: 0..<40)
    func withoutRulesTheOptimumIsThePlainOne(seed: Int) {
        let base = PairingCase.random(seed: UInt64(seed) &+ 7_000)
        let sides = SideConstraints(roll: base.roll, policy: Policy())
        var solver = SidedPairingSolver()
        solver.useGLPK = false
        let outcome = solver.solve(base.model, sides: sides, lockedHelper: base.locked)
        let plain = PairingSolver().solve(base.model, lockedHelper: base.locked)
        #expect(outcome.objective == plain.objective)
        #expect(outcome.bound == plain.objective)
    }

    /// A street whose quota exceeds what its eligible helpers can give is named, with numbers.
    @Test func infeasibleQuotaIsNamed() throws {
        var places = Places()
        let d = places.district("西岗区")
        let s1 = places.street("白云街道", in: d), s2 = places.street("日新街道", in: d)
        let c1 = places.community("长华社区", in: s1), c2 = places.community("兴和社区", in: s2)
        let dimensions = NeedDimensions()
        var hs = Households()
        for i in 0..<6 {
            let (s, c) = i < 4 ? (s1, c1) : (s2, c2)
            hs.ids.append("H\(i)"); hs.names.append("户\(i)")
            hs.locations.append(Location(district: d, street: s, community: c))
            hs.members.append(1); hs.severity.append(2)
            hs.needs += Array(repeating: 1, count: dimensions.count)
            hs.idNumbers.append(""); hs.phones.append(""); hs.lines.append(i + 2)
        }
        var gs = Helpers()
        for (i, street) in [s1, s2].enumerated() {
            gs.ids.append("G\(i)"); gs.names.append("帮\(i)"); gs.kinds.append(.volunteer)
            gs.capacity.append(2)
            gs.locations.append(Location(district: d, street: street, community: -1))
            gs.offers += Array(repeating: 1, count: dimensions.count)
            gs.organizations.append(""); gs.lines.append(i + 2)
        }
        var policy = Policy()
        policy.maxDistance = 1  // helpers stay in their street
        policy.coverage = [Policy.CoverageRule(level: .street, minFraction: 0.75)]
        let roll = Roll(places: places, dimensions: dimensions, households: hs, helpers: gs)
        let model = try CostModel(roll: roll, policy: policy)
        let sides = SideConstraints(roll: roll, policy: policy)
        let problems = SideFeasibility(
            model: model, sides: sides, lockedHelper: Array(repeating: -1, count: 6)).problems()
        #expect(problems == [
            "street 西岗区 白云街道 needs 3 of its 4 households paired, but its households can have at most 2 pairs (1 short): too few eligible helper places",
            "the 2 streets of 西岗区 together need 5 households paired, but their households can have at most 4 pairs (1 short): too few eligible helper places",
        ])
        // The other street's quota (2 of 2) fits its helper's 2 places: no message for it.
        policy.coverage = [Policy.CoverageRule(level: .street, minFraction: 0.5)]
        let relaxed = SideFeasibility(
            model: try CostModel(roll: roll, policy: policy), sides: SideConstraints(roll: roll, policy: policy),
            lockedHelper: Array(repeating: -1, count: 6)).problems()
        #expect(relaxed.isEmpty)
    }

    /// Quotas are ⌈fraction × households⌉ without floating-point surprises.
    @Test func quotaRoundsUpExactly() {
        #expect(SideConstraints.quota(0.9, 650) == 585)
        #expect(SideConstraints.quota(0.8, 637) == 510)
        #expect(SideConstraints.quota(0.5, 3) == 2)
        #expect(SideConstraints.quota(1.0, 7) == 7)
        #expect(SideConstraints.quota(0, 7) == 0)
    }
}

/// Started from the optimum without org_spread (``SidedStart``: its objective as a floor of
/// the bound, its quota prices as multipliers, its plan repaired as the first incumbent), the
/// side-constrained solve still never claims a bound above the brute-force optimum, its plan
/// meets every rule, and with GLPK it proves the optimum.
@Suite struct SidedStartTests {
    @Test(arguments: 0..<300)
    func startedSolveIsProven(seed: Int) {
        let c = SidedCase.random(seed: UInt64(seed) &+ 40_000)
        let sides = SideConstraints(roll: c.model.roll, policy: c.model.policy)
        let instance = PairingInstance(model: c.model, sides: sides, lockedHelper: c.locked)
        guard !instance.locksBreakSpread, let first = SidedCase.optimumWithoutSpread(instance) else { return }
        let optimum = c.bruteForceOptimum()
        var solver = SidedPairingSolver()
        solver.timeLimit = 10
        solver.useGLPK = seed % 2 == 0
        let outcome = solver.solve(instance, from: SidedStart(plan: first))
        if let optimum {
            #expect(first.objective <= optimum, "seed \(seed): the floor is above the optimum")
            if let bound = outcome.bound { #expect(bound <= optimum, "seed \(seed): bound \(bound), optimum \(optimum)") }
            if solver.useGLPK && SidedPairingSolver.glpkAvailable {
                #expect(outcome.objective == optimum && outcome.bound == optimum, "seed \(seed)")
            }
        }
        if let plan = outcome.plan {
            #expect(optimum != nil && c.isValidPlan(plan) && c.meetsRules(plan), "seed \(seed)")
            #expect(outcome.objective == c.objective(plan), "seed \(seed)")
        }
    }
}
