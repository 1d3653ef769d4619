import Foundation
import Testing
@testable import Matcher

/// `match whatif` without files: baselines from real solves of random rolls, changes applied
/// by id, results checked against brute force, against each other and against the diff.
@Suite struct WhatIfTests {
    /// The plan of `roll` under `policy` (no previous plan), as a baseline pair list.
    static func baseline(_ roll: Roll, _ policy: Policy) -> [PairListReader.IdPair] {
        let model = try! CostModel(roll: roll, policy: policy)
        let result = PairingSolver().solve(model)
        return (0..<roll.households.count).compactMap { h in
            let g = Int(result.helperOf[h])
            return g < 0 ? nil : PairListReader.IdPair(household: roll.households.ids[h], helper: roll.helpers.ids[g], line: h + 2)
        }
    }

    static func whatIf(
        _ roll: Roll, _ policy: Policy, _ baseline: [PairListReader.IdPair], _ changes: RollChanges
    ) throws -> (CostModel, PairingResult, PlanDiff) {
        let changed = try roll.applying(changes)
        var noBonus = policy
        noBonus.keepBonus = 0
        let plain = try CostModel(roll: changed, policy: noBonus)
        return try WhatIf.solve(
            before: roll, changed: changed, policy: policy, baseline: baseline, rules: .none(changed), plain: plain)
    }

    static func pairs(_ model: CostModel, _ result: PairingResult) -> [PairListReader.IdPair] {
        let roll = model.roll
        return (0..<roll.households.count).compactMap { h in
            let g = Int(result.helperOf[h])
            return g < 0 ? nil : PairListReader.IdPair(household: roll.households.ids[h], helper: roll.helpers.ids[g], line: h + 2)
        }
    }

    @Test(arguments: 0..<8)
    func withoutChangesNothingMoves(seed: Int) throws {
        let roll = PricingRoundsTests.mediumCase(seed: UInt64(seed)).roll
        let base = Self.baseline(roll, Policy())
        let (model, result, diff) = try Self.whatIf(roll, Policy(), base, RollChanges())
        #expect(Self.pairs(model, result).map(\.helper) == base.map(\.helper))
        #expect(diff.count(.kept) == base.count)
        #expect(diff.count(.moved) + diff.count(.newlyPaired) + diff.count(.newlyUnpaired) == 0)
        #expect(diff.before == diff.after)
    }

    /// With the automatic keep bonus, removing helpers moves only their households.
    @Test(arguments: 0..<8)
    func onlyTheRemovedHelpersHouseholdsMove(seed: Int) throws {
        let roll = PricingRoundsTests.mediumCase(seed: UInt64(seed) &+ 50).roll
        let base = Self.baseline(roll, Policy())
        var rng = SplitMix64(seed: UInt64(seed))
        let used = Array(Set(base.map(\.helper))).sorted()
        var changes = RollChanges()
        changes.removedHelpers = Array(used.shuffled(using: &rng).prefix(3))
        let (_, _, diff) = try Self.whatIf(roll, Policy(), base, changes)
        let removed = Set(changes.removedHelpers)
        let affected = Set(base.filter { removed.contains($0.helper) }.map(\.household))
        for e in diff.entries where e.change == .moved || e.change == .newlyUnpaired {
            #expect(affected.contains(e.household), "seed \(seed): \(e.household) moved without cause")
            #expect(e.reason == .helperLeft)
        }
        #expect(diff.count(.kept) == base.count - affected.count)
        #expect(diff.after.pairs <= diff.before.pairs)
    }

    /// The what-if's optimum equals brute force on the same changed model (tiny rolls).
    @Test(arguments: 0..<300)
    func equalsBruteForceOnTheChangedRoll(seed: Int) throws {
        let tiny = PairingCase.random(seed: UInt64(seed) &+ 7_000)
        var policy = tiny.model.policy
        policy.whatIfKeepBonus = [nil, 0, 3][seed % 3]
        let roll = tiny.roll
        let base = Self.baseline(roll, policy)
        var changes = RollChanges()
        if roll.helpers.count > 1 { changes.removedHelpers = [roll.helpers.ids[seed % roll.helpers.count]] }
        if seed % 2 == 0 { changes.removedHouseholds = [roll.households.ids[0]] }
        let (model, result, _) = try Self.whatIf(roll, policy, base, changes)
        // Brute force over every plan, nothing fixed: the fixing of baseline pairs (auto bonus)
        // must not change the optimum.
        let free = PairingCase(model: model, locked: Array(repeating: -1, count: model.roll.households.count))
        #expect(result.objective == free.bruteForceOptimum(), "seed \(seed)")
        // The certificate is for the problem with the fixed pairs as locks (SPEC's convention).
        let none = [Int32](repeating: -1, count: model.roll.households.count)
        let fixed = policy.whatIfKeepBonus == nil ? WhatIf.keptForSure(model, locked: none) : none
        var certified = result
        certified.locked = fixed.map { $0 >= 0 }
        #expect(PairingCase(model: model, locked: fixed).independentCheck(certified) == [], "seed \(seed)")
    }

    /// Remove a helper, then bring it back with the first what-if's plan as the baseline:
    /// nothing is forced, so every pair of that plan is kept; and each step's "before" is the
    /// previous step's "after".
    @Test(arguments: 0..<6)
    func chainsStayConsistent(seed: Int) throws {
        let roll = PricingRoundsTests.mediumCase(seed: UInt64(seed) &+ 90).roll
        let base = Self.baseline(roll, Policy())
        var removal = RollChanges()
        removal.removedHelpers = [base[seed % base.count].helper]
        let (model1, result1, diff1) = try Self.whatIf(roll, Policy(), base, removal)
        let plan1 = Self.pairs(model1, result1)
        let (model2, result2, diff2) = try Self.whatIf(roll, Policy(), plan1, RollChanges())
        #expect(Self.pairs(model2, result2).filter { p in plan1.contains { $0.household == p.household } }.count == plan1.count)
        #expect(diff2.count(.moved) == 0 && diff2.count(.newlyUnpaired) == 0)
        // Step two's before is plan1 on the full roll; step one's after is plan1 on the roll
        // without the helper: the same pairs, the same cost.
        #expect(diff2.before.pairs == diff1.after.pairs)
        #expect(diff2.before.planCost == diff1.after.planCost)
        _ = model2
    }

    @Test func unknownIdsInChangesAreNamed() {
        let roll = PricingRoundsTests.mediumCase(seed: 3).roll
        var changes = RollChanges()
        changes.removedHelpers = ["NOPE"]
        changes.capacity = [(id: "ALSO-NOPE", capacity: 2)]
        #expect(throws: InputProblems.self) { try roll.applying(changes) }
        do {
            _ = try roll.applying(changes)
        } catch {
            let text = error.description
            #expect(text.contains("--remove-helper") && text.contains("NOPE"))
            #expect(text.contains("--capacity") && text.contains("ALSO-NOPE"))
        }
    }

    @Test func capacityChangesReachTheModel() throws {
        let roll = PricingRoundsTests.mediumCase(seed: 4).roll
        let base = Self.baseline(roll, Policy())
        let busiest = Dictionary(grouping: base, by: \.helper).max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }!
        var changes = RollChanges()
        changes.capacity = [(id: busiest.key, capacity: 0)]
        let (_, _, diff) = try Self.whatIf(roll, Policy(), base, changes)
        let moved = diff.entries.filter { $0.change == .moved || $0.change == .newlyUnpaired }
        #expect(moved.count == busiest.value.count)
        #expect(moved.allSatisfy { $0.reason == .helperShrank })
    }
}

/// What-if with coverage rules goes through the same pipeline as `match pair`: the re-paired
/// plan meets every quota (counted here), its certificate (with quota prices) holds, and it
/// costs what the same pipeline gives the changed roll with the same keep bonus.
@Suite struct WhatIfCoverageTests {
    @Test func quotasHoldAfterAChange() throws {
        var checked = 0, binding = 0
        for seed in 0..<24 {
            let roll = PricingRoundsTests.mediumCase(seed: UInt64(seed) &+ 300).roll
            var policy = Policy()
            policy.coverage = [Policy.CoverageRule(level: .street, minFraction: 0.7)]
            let base = WhatIfTests.baseline(roll, Policy())
            var rng = SplitMix64(seed: UInt64(seed))
            var changes = RollChanges()
            changes.removedHelpers = Array(Array(Set(base.map(\.helper))).sorted().shuffled(using: &rng).prefix(2))
            let result: PairingResult, model: CostModel
            do {
                (model, result, _) = try WhatIfTests.whatIf(roll, policy, base, changes)
            } catch YearlyPairing.Failure.infeasibleRules(let why) {
                #expect(!why.isEmpty)  // the change left a street short: named, not a broken plan
                continue
            }
            checked += 1
            let sides = SideConstraints(roll: model.roll, policy: model.policy)
            #expect(sides.shortfalls(helperOf: result.helperOf, places: model.roll.places).isEmpty, "seed \(seed)")
            #expect(result.quotaPrices != nil, "seed \(seed): solved without the coverage network")
            if result.quotaPrices?.price.contains(where: { $0 > 0 }) == true { binding += 1 }
            #expect(PairingCertificate.problems(model, result).isEmpty, "seed \(seed)")
            let again = try SolverPipeline.run(
                model, lockedHelper: [Int32](repeating: -1, count: model.roll.households.count), choice: .auto,
                settings: SolveSettings(threads: nil, timeLimit: 60, mipGap: 0, control: nil, log: nil), certificateAsked: false)
            #expect(again.result.objective == result.objective, "seed \(seed)")
        }
        #expect(checked >= 8, "only \(checked) what-ifs had a plan")
        #expect(binding >= 2, "only \(binding) what-ifs had a binding quota")
    }
}
