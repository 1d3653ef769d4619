import Testing
@testable import Matcher

/// A tiny roll of 2–3 districts (each one street of two communities), some citywide helpers,
/// organizations spanning districts, and kinds that never reach another district, so the
/// side-constrained solve can split it (``DistrictParts``).
private func districtCase(seed: UInt64) -> SidedCase {
    var rng = SplitMix64(seed: seed &* 0x2545_F491 &+ 99)
    func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
    func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    var places = Places()
    var communities: [Location] = []
    for (i, name) in ["西岗区", "中山区", "沙河口区"].prefix(int(2...3)).enumerated() {
        let d = places.district(name)
        let s = places.street("S\(i)", in: d)
        for c in 0..<2 { communities.append(Location(district: d, street: s, community: places.community("C\(i)\(c)", in: s))) }
    }
    let dimensions = NeedDimensions(extra: [])
    var hs = Households()
    let householdCount = int(4...7)
    for i in 0..<householdCount {
        // Every district gets a household first, so the roll really has several parts.
        let place = i < communities.count / 2 ? communities[2 * i] : communities.randomElement(using: &rng)!
        hs.ids.append("H\(i)"); hs.names.append("户\(i)")
        hs.locations.append(place)
        hs.members.append(1)
        hs.severity.append(Int32(int(1...5)))
        for _ in 0..<dimensions.count { hs.needs.append(UInt8(int(0...3))) }
        hs.idNumbers.append(""); hs.phones.append(""); hs.lines.append(i + 2)
    }
    var gs = Helpers()
    let helperCount = int(3...5)
    for i in 0..<helperCount {
        gs.ids.append("G\(i)"); gs.names.append("帮\(i)")
        gs.kinds.append(HelperKind.allCases[int(0...5)])
        gs.capacity.append(Int32(int(0...2)))
        let place = communities.randomElement(using: &rng)!
        gs.locations.append(chance(30) ? .citywide : chance(30) ? Location(district: place.district, street: -1, community: -1) : place)
        for _ in 0..<dimensions.count { gs.offers.append(UInt8(int(0...3))) }
        gs.organizations.append(chance(25) ? "" : "Org\(int(0...1))")
        gs.lines.append(i + 2)
    }
    let roll = Roll(places: places, dimensions: dimensions, households: hs, helpers: gs)
    var policy = Policy()
    policy.distancePenalty = int(0...3)
    policy.maxDistance = int(0...2)
    policy.unpairedBase = int(0...10)
    policy.orgSpread = int(0...2)
    if chance(60) {
        policy.coverage = [Policy.CoverageRule(
            level: Policy.PlaceLevel.allCases.randomElement(using: &rng)!, minFraction: [0.25, 0.5, 0.75].randomElement(using: &rng)!)]
    }
    let model = try! CostModel(
        roll: roll, policy: policy, previousHelper: Array(repeating: -1, count: householdCount), forbidden: [])
    var locked = [Int32](repeating: -1, count: householdCount)
    if chance(30), let g = (0..<helperCount).first(where: { gs.capacity[$0] > 0 && model.ineligibility(0, $0) == nil }) {
        locked[0] = Int32(g)
    }
    return SidedCase(base: PairingCase(model: model, locked: locked), model: model)
}

/// Solved district by district, the side-constrained pairing still proves only what holds for
/// the whole roll: its bound never exceeds the brute-force optimum, and its plan (the parts'
/// plans together) meets every rule, fits every capacity and costs what it claims.
@Suite struct DistrictPartsTests {
    @Test(arguments: 0..<200)
    func partsGiveAWholeRollBoundAndAValidPlan(seed: Int) {
        let c = districtCase(seed: UInt64(seed))
        let sides = SideConstraints(roll: c.model.roll, policy: c.model.policy)
        let instance = PairingInstance(model: c.model, sides: sides, lockedHelper: c.locked)
        guard !instance.locksBreakSpread else { return }
        let districts = Set(instance.free.map { c.model.roll.households.locations[$0].district })
        #expect((DistrictParts(instance) != nil) == (districts.count >= 2), "seed \(seed): split only with free households in several districts")
        guard let parts = DistrictParts(instance), let first = SidedCase.optimumWithoutSpread(instance) else { return }
        var solver = SidedPairingSolver()
        solver.timeLimit = 4
        solver.useGLPK = seed % 2 == 0
        let optimum = c.bruteForceOptimum()
        guard let outcome = parts.solve(solver, from: SidedStart(plan: first)) else {
            // Only when the first plan cannot be repaired (then the solve runs undivided).
            #expect(PlanRepair(instance).repair(first.helperOf) == nil, "seed \(seed)")
            return
        }
        #expect(outcome.plan != nil, "seed \(seed): the first plan is a plan")
        if let optimum, let bound = outcome.bound {
            #expect(bound <= optimum, "seed \(seed): bound \(bound) above the optimum \(optimum)")
        }
        if let plan = outcome.plan {
            #expect(optimum != nil && c.isValidPlan(plan) && c.meetsRules(plan), "seed \(seed)")
            #expect(outcome.objective == c.objective(plan), "seed \(seed)")
            if let optimum { #expect(outcome.objective! >= optimum, "seed \(seed)") }
        }
    }

    /// A part holds the other districts' households where the first plan has them: its
    /// capacity, quota need, group room and fixed cost are the whole's less theirs.
    @Test(arguments: 0..<50)
    func aPartHoldsTheOtherHouseholds(seed: Int) {
        let c = districtCase(seed: UInt64(seed) &+ 7_000)
        let sides = SideConstraints(roll: c.model.roll, policy: c.model.policy)
        let whole = PairingInstance(model: c.model, sides: sides, lockedHelper: c.locked)
        guard let parts = DistrictParts(whole) else { return }  // one district's households free
        let plan = PairingSolver().solve(whole).helperOf
        for p in parts.parts.indices {
            let reserved = parts.reserved(for: p, plan: plan)
            let part = PairingInstance(part: whole, households: parts.parts[p], heldAt: plan, reserved: reserved)
            #expect(part.free == parts.parts[p])
            var held = c.locked.enumerated().filter { $0.element >= 0 }.reduce(0) { $0 + c.model.cost($1.offset, Int($1.element)) }
            var load = [Int32](repeating: 0, count: c.model.roll.helpers.count)
            for h in whole.free where !parts.parts[p].contains(h) {
                held += plan[h] >= 0 ? c.model.cost(h, Int(plan[h])) : c.model.unpairedCost(h)
                if plan[h] >= 0 { load[Int(plan[h])] += 1 }
                #expect(!part.isFree[h] && part.locked[h] == plan[h])
            }
            #expect(part.lockedCost == held, "seed \(seed)")
            for g in load.indices {
                #expect(part.residual[g] == whole.residual[g] - load[g] - reserved[g], "seed \(seed)")
                #expect(part.residual[g] >= 0, "seed \(seed): helper \(g) over capacity")
            }
        }
    }
}
