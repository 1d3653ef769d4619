import Testing
@testable import Matcher

/// Coverage rules (one level and nested levels) solved on the coverage network: equal to brute force on tiny rolls and to an
/// independent min-cost flow on larger ones, every plan meeting its quotas and carrying a
/// certificate with quota rows that holds; a broken certificate is refused.
@Suite struct CoverageNetworkTests {
    /// A random roll with one to three coverage rules, at one level or nested ones, no
    /// org_spread.
    static func coverageCase(
        seed: UInt64, households: ClosedRange<Int> = 2...6, helpers: ClosedRange<Int> = 1...4,
        fractions: [Double] = [0.25, 0.5, 0.75, 1.0]
    ) -> PairingCase {
        var c = PairingCase.random(seed: seed, households: households, helpers: helpers)
        var rng = SplitMix64(seed: seed &+ 0xBEEF)
        var policy = c.model.policy
        policy.orgSpread = nil
        policy.coverage = (0..<Int.random(in: 1...3, using: &rng)).map { _ in
            Policy.CoverageRule(
                level: Policy.PlaceLevel.allCases.randomElement(using: &rng)!,
                minFraction: fractions.randomElement(using: &rng)!)
        }
        c.model = try! CostModel(
            roll: c.roll, policy: policy, previousHelper: c.model.previousHelper, forbidden: c.model.forbidden)
        return c
    }

    /// Solves `c` as `match pair` does: plain first, then the network when a quota binds.
    static func solve(_ c: PairingCase) -> (CoverageOutcome, CoverageNetwork) {
        let sides = SideConstraints(roll: c.roll, policy: c.model.policy)
        let network = CoverageNetwork(roll: c.roll, sides: sides, lockedHelper: c.locked)!
        var solver = PairingSolver()
        solver.candidatesPerHousehold = 1   // few arcs, so that pricing and the fallback are exercised
        solver.addedPerRound = 1
        let plain = solver.solve(c.model, lockedHelper: c.locked)
        return (solver.solve(c.model, lockedHelper: c.locked, coverage: network, plain: plain), network)
    }

    /// The optimum by the min-cost flow of ``MinCostFlow``, with the groups and their rooms
    /// counted here (quota ⌈fraction × households⌉, the strictest rule per place).
    static func flowOptimum(_ c: PairingCase) -> Int? {
        let model = c.model, roll = c.roll, hs = roll.households
        let order: [Policy.PlaceLevel] = [.community, .street, .district]
        let levels = order.filter { l in model.policy.coverage.contains { $0.level == l } }
        func unit(_ level: Policy.PlaceLevel, _ h: Int) -> Int32 {
            let l = hs.locations[h]
            return level == .district ? l.district : level == .street ? l.street : l.community
        }
        // Node of each (level, unit): households, then helpers, then groups, source, sink.
        let n = hs.count, k = roll.helpers.count
        var node: [String: Int] = [:]
        var groupKeys: [(Int, Int32)] = []
        for (li, level) in levels.enumerated() {
            for h in 0..<n where node["\(li)/\(unit(level, h))"] == nil {
                node["\(li)/\(unit(level, h))"] = n + k + groupKeys.count
                groupKeys.append((li, unit(level, h)))
            }
        }
        let source = n + k + groupKeys.count, sink = source + 1
        var flow = MinCostFlow(nodes: sink + 1)
        var residual = roll.helpers.capacity.map(Int.init)
        var lockedCost = 0, free = 0
        for h in 0..<n where c.locked[h] >= 0 { residual[Int(c.locked[h])] -= 1; lockedCost += model.cost(h, Int(c.locked[h])) }
        for (li, u) in groupKeys {
            let level = levels[li]
            let all = (0..<n).filter { unit(level, $0) == u }
            let quota = model.policy.coverage.filter { $0.level == level }
                .map { Int(($0.minFraction * Double(all.count)).rounded(.up)) }.max()!
            let locked = all.filter { c.locked[$0] >= 0 }.count
            let room = max(0, all.count - locked - (quota - locked))
            let next = li + 1 < levels.count ? node["\(li + 1)/\(unit(levels[li + 1], all[0]))"]! : sink
            flow.addArc(node["\(li)/\(u)"]!, next, capacity: room, cost: 0)
        }
        for h in 0..<n where c.locked[h] < 0 {
            free += 1
            flow.addArc(source, h, capacity: 1, cost: 0)
            flow.addArc(h, node["0/\(unit(levels[0], h))"]!, capacity: 1, cost: model.unpairedCost(h))
            for g in 0..<k where model.ineligibility(h, g) == nil && residual[g] > 0 {
                flow.addArc(h, n + g, capacity: 1, cost: model.cost(h, g))
            }
        }
        for g in 0..<k where residual[g] > 0 { flow.addArc(n + g, sink, capacity: residual[g], cost: 0) }
        return flow.minCost(from: source, to: sink, units: free).map { $0 + lockedCost }
    }

    /// Fractions that often bind on the larger cases.
    static let high = [0.3, 0.45, 0.6, 0.75]

    @Test(arguments: 0..<3000)
    func equalsBruteForce(seed: Int) {
        let c = Self.coverageCase(seed: UInt64(seed))
        let sided = SidedCase(base: c, model: c.model)
        let optimum = sided.bruteForceOptimum()
        let (outcome, _) = Self.solve(c)
        switch outcome {
        case .infeasible:
            #expect(optimum == nil, "seed \(seed): called infeasible, brute force finds \(String(describing: optimum))")
        case .costOverflow: Issue.record("seed \(seed): costs refused")
        case .optimal(let result):
            #expect(result.objective == optimum, "seed \(seed)")
            #expect(sided.isValidPlan(result.helperOf) && sided.meetsRules(result.helperOf), "seed \(seed)")
            #expect(sided.objective(result.helperOf) == result.objective, "seed \(seed)")
            #expect(PairingCertificate.problems(c.model, result).isEmpty, "seed \(seed)")
        }
    }

    @Test(arguments: 0..<300)
    func equalsMinCostFlow(seed: Int) {
        let c = Self.coverageCase(seed: UInt64(seed) &+ 100_000, households: 8...18, helpers: 6...14, fractions: Self.high)
        let (outcome, _) = Self.solve(c)
        let optimum = Self.flowOptimum(c)
        switch outcome {
        case .infeasible:
            #expect(optimum == nil, "seed \(seed): called infeasible, the flow finds \(String(describing: optimum))")
        case .costOverflow: Issue.record("seed \(seed): costs refused")
        case .optimal(let result):
            #expect(result.objective == optimum, "seed \(seed)")
            #expect(SidedCase(base: c, model: c.model).meetsRules(result.helperOf), "seed \(seed)")
            #expect(PairingCertificate.problems(c.model, result).isEmpty, "seed \(seed)")
        }
    }

    /// Costs the cost model accepts but whose fallback sums could overflow: the network solve
    /// refuses with a typed outcome instead of running into the core's overflow guard (which
    /// stopped the process).
    @Test func hugeCostsAreRefusedNotSolved() {
        var refused = 0
        for seed in 0..<200 {
            var c = Self.coverageCase(seed: UInt64(seed) &+ 900_000, households: 6...6, helpers: 1...2, fractions: [1.0])
            var policy = c.model.policy
            policy.unpairedBase = 1 << 54
            guard let model = try? CostModel(
                roll: c.roll, policy: policy, previousHelper: c.model.previousHelper, forbidden: c.model.forbidden)
            else { continue }
            c.model = model
            switch Self.solve(c).0 {
            case .costOverflow: refused += 1
            case .optimal, .infeasible: break  // fewer rows (locks): the sums fit, the network ran
            }
        }
        #expect(refused > 20, "only \(refused) refused")
    }

    /// Binding cases: the certificate has a positive quota price on a group with room, and
    /// moving it either way, or raising a household's price, is caught.
    @Test func brokenCertificateRefused() {
        var binding = 0
        for seed in 0..<1500 {
            let c = Self.coverageCase(seed: UInt64(seed) &+ 100_000, households: 8...18, helpers: 6...14, fractions: Self.high)
            guard case .optimal(let result) = Self.solve(c).0,
                  let quotas = result.quotaPrices,
                  let q = quotas.price.indices.first(where: { quotas.price[$0] > 0 && quotas.network.groups[$0].room > 0 })
            else { continue }
            binding += 1
            var priced = result
            priced.quotaPrices!.price[q] += 1
            #expect(!PairingCertificate.problems(c.model, priced).isEmpty, "seed \(seed): raised quota price accepted")
            var unpriced = result
            unpriced.quotaPrices!.price[q] = 0
            #expect(!PairingCertificate.problems(c.model, unpriced).isEmpty, "seed \(seed): zeroed quota price accepted")
            var household = result
            let h = household.householdPrice.firstIndex { $0 != nil }!
            household.householdPrice[h]! += 1
            #expect(!PairingCertificate.problems(c.model, household).isEmpty, "seed \(seed): raised household price accepted")
        }
        #expect(binding > 40, "only \(binding) binding cases")
    }
}
