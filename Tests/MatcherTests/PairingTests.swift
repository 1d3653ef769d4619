import Foundation
import Testing
@testable import Matcher

/// A tiny random pairing instance: a roll, a policy, valid rules and the model they give.
struct PairingCase {
    var model: CostModel
    var locked: [Int32]
    var roll: Roll { model.roll }

    /// 1 district (sometimes a second one holding only helpers), 2 streets, 3 communities,
    /// 2–6 households, 1–4 helpers of capacity 0–2, random needs, offers, severities, kinds,
    /// weights, distances, kind rules, forbids, previous helpers and eligible locks.
    static func random(
        seed: UInt64, households householdRange: ClosedRange<Int> = 2...6, helpers helperRange: ClosedRange<Int> = 1...4
    ) -> PairingCase {
        var rng = SplitMix64(seed: seed &* 0x9E37_79B9 &+ 17)
        func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
        func chance(_ percent: Int) -> Bool { int(0...99) < percent }

        var places = Places()
        let d = places.district("西岗区")
        let streets = [places.street("S1", in: d), places.street("S2", in: d)]
        let communities = [
            places.community("C1", in: streets[0]), places.community("C2", in: streets[0]),
            places.community("C3", in: streets[1]),
        ]
        let communityStreet = [streets[0], streets[0], streets[1]]
        let secondDistrict = chance(25)
        var farStreet: Int32 = -1, farCommunity: Int32 = -1, far: Int32 = -1
        if secondDistrict {
            far = places.district("中山区")
            farStreet = places.street("S9", in: far)
            farCommunity = places.community("C9", in: farStreet)
        }
        let extra = [[], ["housing"], ["housing", "legal", "care"]][int(0...2)]
        let dimensions = NeedDimensions(extra: extra)
        let dims = dimensions.count
        let sparse = chance(50)
        func level() -> UInt8 { UInt8(sparse && chance(50) ? 0 : int(0...3)) }

        var hs = Households()
        let householdCount = int(householdRange)
        for i in 0..<householdCount {
            let c = int(0...2)
            hs.ids.append(String(format: "H%02d", i))
            hs.names.append("户\(i)")
            hs.locations.append(Location(district: d, street: communityStreet[c], community: communities[c]))
            hs.members.append(1)
            hs.severity.append(Int32(int(1...5)))
            for _ in 0..<dims { hs.needs.append(level()) }
            hs.idNumbers.append("")
            hs.phones.append("")
            hs.lines.append(i + 2)
        }
        var gs = Helpers()
        let helperCount = int(helperRange)
        for i in 0..<helperCount {
            gs.ids.append("G\(i)")
            gs.names.append("帮\(i)")
            gs.kinds.append(HelperKind.allCases[int(0...5)])
            gs.capacity.append(Int32(int(0...2)))
            let c = int(0...2)
            let location: Location
            switch int(0...9) {
            case 0, 1: location = .citywide
            case 2, 3: location = Location(district: d, street: -1, community: -1)
            case 4, 5: location = Location(district: d, street: communityStreet[c], community: -1)
            case 6: location = secondDistrict
                ? Location(district: far, street: [farStreet, -1][int(0...1)], community: -1)
                : Location(district: d, street: communityStreet[c], community: communities[c])
            case 7: location = secondDistrict
                ? Location(district: far, street: farStreet, community: farCommunity)
                : Location(district: d, street: communityStreet[c], community: communities[c])
            default: location = Location(district: d, street: communityStreet[c], community: communities[c])
            }
            gs.locations.append(location)
            for _ in 0..<dims { gs.offers.append(level()) }
            gs.organizations.append(chance(50) ? "" : "Org\(int(0...1))")
            gs.lines.append(i + 2)
        }
        let roll = Roll(places: places, dimensions: dimensions, households: hs, helpers: gs)

        var policy = Policy()
        if chance(50) {
            let w = int(0...3)
            for name in dimensions.names where chance(70) { policy.weights[name] = w }
            if policy.weights.count < dims && w != 1 {  // keep the weights uniform
                for name in dimensions.names { policy.weights[name] = w }
            }
        } else {
            for name in dimensions.names where chance(70) { policy.weights[name] = int(0...3) }
        }
        policy.distancePenalty = int(0...3)
        policy.maxDistance = int(0...3)
        policy.unpairedBase = int(0...10)
        policy.keepBonus = int(0...5)
        for kind in HelperKind.allCases where chance(30) {
            policy.kinds[kind.english] = Policy.KindRule(
                minSeverity: chance(50) ? int(1...5) : nil, maxDistance: chance(60) ? int(0...3) : nil)
        }

        var previous = [Int32](repeating: -1, count: householdCount)
        for h in 0..<householdCount where chance(40) { previous[h] = Int32(int(0...(helperCount - 1))) }
        var forbidden = Set<Int>()
        for h in 0..<householdCount {
            for g in 0..<helperCount where chance(10) { forbidden.insert(h * helperCount + g) }
        }
        let model = try! CostModel(roll: roll, policy: policy, previousHelper: previous, forbidden: forbidden)

        var locked = [Int32](repeating: -1, count: householdCount)
        var locks = [Int](repeating: 0, count: helperCount)
        for h in 0..<householdCount where chance(20) {
            let options = (0..<helperCount).filter {
                model.ineligibility(h, $0) == nil && locks[$0] < Int(gs.capacity[$0])
            }
            if let g = options.randomElement(using: &rng) {
                locked[h] = Int32(g)
                locks[g] += 1
            }
        }
        return PairingCase(model: model, locked: locked)
    }

    /// The least objective over every plan that respects eligibility, capacities, locks and
    /// forbids, found by trying them all.
    func bruteForceOptimum() -> Int {
        let hs = roll.households.count, gs = roll.helpers.count
        var load = [Int](repeating: 0, count: gs)
        var base = 0
        for h in 0..<hs where locked[h] >= 0 {
            load[Int(locked[h])] += 1
            base += model.cost(h, Int(locked[h]))
        }
        var best = Int.max
        func visit(_ h: Int, _ cost: Int) {
            if h == hs {
                best = min(best, cost)
                return
            }
            if locked[h] >= 0 { visit(h + 1, cost); return }
            visit(h + 1, cost + model.unpairedCost(h))
            for g in 0..<gs where model.ineligibility(h, g) == nil && load[g] < Int(roll.helpers.capacity[g]) {
                load[g] += 1
                visit(h + 1, cost + model.cost(h, g))
                load[g] -= 1
            }
        }
        visit(0, base)
        return best
    }

    /// Checks the plan and its dual prices from first principles, over every pair of the
    /// roll (not through EligiblePairs): returns what is wrong.
    func independentCheck(_ result: PairingResult) -> [String] {
        var wrong: [String] = []
        let hs = roll.households.count, gs = roll.helpers.count
        // The plan itself.
        var load = [Int](repeating: 0, count: gs)
        var primal = 0, lockedCost = 0
        for h in 0..<hs {
            let g = Int(result.helperOf[h])
            if locked[h] >= 0 {
                if g != Int(locked[h]) { wrong.append("household \(h): lock to \(locked[h]) not kept (got \(g))") }
                if result.householdPrice[h] != nil { wrong.append("household \(h): locked but priced") }
                if !result.locked[h] { wrong.append("household \(h): locked flag missing") }
                if g >= 0 { lockedCost += model.cost(h, g) }
            } else if result.locked[h] {
                wrong.append("household \(h): flagged locked but is not")
            }
            if g >= 0 {
                if let why = model.ineligibility(h, g) { wrong.append("household \(h) – helper \(g): \(why)") }
                load[g] += 1
                primal += model.cost(h, g)
            } else {
                primal += model.unpairedCost(h)
            }
        }
        for g in 0..<gs where load[g] > Int(roll.helpers.capacity[g]) {
            wrong.append("helper \(g): \(load[g]) households, capacity \(roll.helpers.capacity[g])")
        }
        if primal != result.objective { wrong.append("plan costs \(primal), objective says \(result.objective)") }
        if lockedCost != result.lockedCost { wrong.append("locked cost \(result.lockedCost), expected \(lockedCost)") }
        // Residual capacity after the locks.
        var residual = roll.helpers.capacity.map(Int.init)
        for h in 0..<hs where locked[h] >= 0 { residual[Int(locked[h])] -= 1 }
        if residual != result.residualCapacity.map(Int.init) {
            wrong.append("residual capacity \(result.residualCapacity), expected \(residual)")
        }
        // The dual prices.
        let v = result.helperPrice
        guard v.count == gs else { return wrong + ["\(v.count) helper prices for \(gs) helpers"] }
        var dual = 0
        for h in 0..<hs where locked[h] < 0 {
            guard let u = result.householdPrice[h] else {
                wrong.append("household \(h): free but has no price"); continue
            }
            dual += u
            if u > model.unpairedCost(h) { wrong.append("household \(h): u \(u) > p \(model.unpairedCost(h))") }
            for g in 0..<gs where model.ineligibility(h, g) == nil && residual[g] > 0 {
                if u - v[g] > model.cost(h, g) {
                    wrong.append("pair (\(h), \(g)): u − v = \(u - v[g]) > c = \(model.cost(h, g))")
                }
            }
        }
        for g in 0..<gs {
            if v[g] < 0 { wrong.append("helper \(g): v = \(v[g]) < 0") }
            dual -= residual[g] * v[g]
        }
        if dual != result.objective - lockedCost {
            wrong.append("Σu − Σ residual·v = \(dual), objective − locked = \(result.objective - lockedCost)")
        }
        return wrong
    }
}

@Suite struct PairingTests {
    private func check(seed: Int, solver: PairingSolver) -> PairingResult {
        let instance = PairingCase.random(seed: UInt64(seed))
        let result = solver.solve(instance.model, lockedHelper: instance.locked)
        let expected = instance.bruteForceOptimum()
        #expect(result.objective == expected, "seed \(seed)")
        #expect(result.bound == result.objective, "seed \(seed)")
        #expect(result.gap == 0, "seed \(seed)")
        #expect(PairingCertificate.problems(instance.model, result) == [], "seed \(seed)")
        #expect(instance.independentCheck(result) == [], "seed \(seed)")
        return result
    }

    /// (a) + (b): the solver's optimum equals exhaustive search, and its prices prove it.
    @Test(arguments: 0..<2_000)
    func agreesWithBruteForceAndProvesIt(seed: Int) {
        _ = check(seed: seed, solver: PairingSolver())
    }

    /// (c) With one candidate per household, pricing has to bring in the rest.
    @Test func oneCandidatePerHouseholdNeedsPricingRounds() {
        var places = Places()
        let d = places.district("D"), s = places.street("S", in: d), c = places.community("C", in: s)
        let here = Location(district: d, street: s, community: c)
        var hs = Households()
        for i in 0..<3 {
            hs.ids.append("H\(i)"); hs.names.append("户\(i)"); hs.locations.append(here)
            hs.members.append(1); hs.severity.append(3); hs.needs += [3, 0, 0, 0, 0, 0]
            hs.idNumbers.append(""); hs.phones.append(""); hs.lines.append(i + 2)
        }
        var gs = Helpers()
        for (i, offer) in [3, 2, 1].enumerated() {
            gs.ids.append("G\(i)"); gs.names.append("帮\(i)"); gs.kinds.append(.cadre); gs.capacity.append(1)
            gs.locations.append(here); gs.offers += [UInt8(offer), 0, 0, 0, 0, 0]
            gs.organizations.append(""); gs.lines.append(i + 2)
        }
        let roll = Roll(places: places, dimensions: NeedDimensions(), households: hs, helpers: gs)
        let model = try! CostModel(roll: roll, policy: Policy())
        let instance = PairingCase(model: model, locked: [-1, -1, -1])
        for added in [1, 8] {
            var solver = PairingSolver()
            solver.candidatesPerHousehold = 1
            solver.addedPerRound = added
            let result = solver.solve(model)
            // Costs 0, 3 and 6 (severity 3 × missing material); unpaired would cost 39 each.
            #expect(result.objective == 9)
            #expect(result.objective == instance.bruteForceOptimum())
            #expect(Set(result.helperOf) == [0, 1, 2])
            #expect(result.statistics.rounds + result.statistics.coarseRounds >= 2, "rounds \(result.statistics.rounds)")
            #expect(result.statistics.pricedOutPairs.first ?? 0 > 0)
            #expect(result.statistics.pricedOutPairs.last == 0)
            #expect(PairingCertificate.problems(model, result) == [])
            #expect(instance.independentCheck(result) == [])
        }
    }

    /// (c) The random cases again with one candidate and one added pair per round.
    @Test func randomCasesWithOneCandidateStayOptimal() {
        var solver = PairingSolver()
        solver.candidatesPerHousehold = 1
        solver.addedPerRound = 1
        var pricedSeeds = 0
        for seed in 0..<1_000 {
            let result = check(seed: seed, solver: solver)
            if result.statistics.rounds > 1 { pricedSeeds += 1 }
        }
        #expect(pricedSeeds > 50, "only \(pricedSeeds) seeds needed a pricing round")
    }

    @Test func everyHouseholdLockedLeavesNothingToSolve() {
        for seed in 0..<200 {
            var instance = PairingCase.random(seed: UInt64(seed))
            let model = instance.model
            var locks = [Int](repeating: 0, count: model.roll.helpers.count)
            var locked = [Int32](repeating: -1, count: model.roll.households.count)
            for h in 0..<locked.count {
                if let g = (0..<locks.count).first(where: {
                    model.ineligibility(h, $0) == nil && locks[$0] < Int(model.roll.helpers.capacity[$0])
                }) {
                    locked[h] = Int32(g); locks[g] += 1
                }
            }
            instance.locked = locked
            let result = PairingSolver().solve(model, lockedHelper: locked)
            #expect(result.objective == instance.bruteForceOptimum(), "seed \(seed)")
            #expect(instance.independentCheck(result) == [], "seed \(seed)")
            #expect(PairingCertificate.problems(model, result) == [], "seed \(seed)")
        }
    }
}

/// (d) Errors of the lock, forbid and previous files.
@Suite struct PairingRulesTests {
    /// H1 (severity 1), H2 and H3 (severity 5) in one community; G1 cadre capacity 1,
    /// G2 leader capacity 2, G3 volunteer capacity 0. Leaders need severity 4.
    static func roll() -> (Roll, Policy) {
        var places = Places()
        let d = places.district("D"), s = places.street("S", in: d), c = places.community("C", in: s)
        let here = Location(district: d, street: s, community: c)
        var hs = Households()
        for (i, severity) in [1, 5, 5].enumerated() {
            hs.ids.append("H\(i + 1)"); hs.names.append("户\(i)"); hs.locations.append(here)
            hs.members.append(1); hs.severity.append(Int32(severity)); hs.needs += [1, 1, 0, 0, 0, 0]
            hs.idNumbers.append(""); hs.phones.append(""); hs.lines.append(i + 2)
        }
        var gs = Helpers()
        for (i, (kind, capacity)) in [(HelperKind.cadre, 1), (.leader, 2), (.volunteer, 0)].enumerated() {
            gs.ids.append("G\(i + 1)"); gs.names.append("帮\(i)"); gs.kinds.append(kind)
            gs.capacity.append(Int32(capacity)); gs.locations.append(here); gs.offers += [1, 0, 0, 0, 0, 0]
            gs.organizations.append(""); gs.lines.append(i + 2)
        }
        var policy = Policy()
        policy.kinds["leader"] = .init(minSeverity: 4)
        return (Roll(places: places, dimensions: NeedDimensions(), households: hs, helpers: gs), policy)
    }

    /// Loads rules from the given file texts; returns the rules or the problems.
    func load(
        previous: String? = nil, locks: String? = nil, forbids: String? = nil,
        _ body: (Result<(PairingRules, CostModel), InputProblems>, _ path: (String) -> String) -> Void
    ) {
        let dir = TemporaryDirectory("rules")
        defer { dir.remove() }
        let (roll, policy) = Self.roll()
        let result = Result { () throws(InputProblems) in
            try PairingRules.load(
                roll: roll, policy: policy,
                previous: previous.map { dir.write("previous.csv", $0) },
                locks: locks.map { dir.write("locks.csv", $0) },
                forbids: forbids.map { dir.write("forbids.csv", $0) }, encoding: nil)
        }
        body(result, dir.file)
    }

    func expectProblems(
        previous: String? = nil, locks: String? = nil, forbids: String? = nil,
        _ expected: [(file: String, line: Int?, column: Int?, kind: InputProblem.Kind)],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        load(previous: previous, locks: locks, forbids: forbids) { result, path in
            let want = expected.map { InputProblem(file: path($0.file), line: $0.line, column: $0.column, $0.kind) }
            switch result {
            case .success: Issue.record("no problem reported; expected \(want)", sourceLocation: sourceLocation)
            case .failure(let e): #expect(e.problems == want, sourceLocation: sourceLocation)
            }
        }
    }

    @Test func validRulesLoad() {
        load(
            previous: "household_id,household_name,helper_id,status\nH1,户0,G1,new\nH3,户2,G2,new\n",
            locks: "户编号,帮扶人编号\nH2,G2\n", forbids: "household_id,helper_id\n"
        ) { result, _ in
            guard case .success(let (rules, model)) = result else { Issue.record("\(result)"); return }
            #expect(rules.previousHelper == [0, -1, 1])
            #expect(rules.lockedHelper == [-1, 1, -1])
            #expect(rules.forbidden.isEmpty)
            #expect(model.previousHelper == [0, -1, 1])
            let solved = PairingSolver().solve(model, lockedHelper: rules.lockedHelper)
            #expect(solved.helperOf[1] == 1)
            #expect(PairingCertificate.problems(model, solved) == [])
        }
    }

    @Test func forbidsReachTheModel() {
        load(forbids: "household_id,helper_id\nH1,G1\nH3,G2\n") { result, _ in
            guard case .success(let (rules, model)) = result else { Issue.record("\(result)"); return }
            #expect(rules.forbidden == [0 * 3 + 0, 2 * 3 + 1])
            #expect(model.ineligibility(0, 0) == "the pair is forbidden")
            #expect(model.ineligibility(2, 1) == "the pair is forbidden")
            #expect(model.ineligibility(1, 1) == nil)
        }
    }

    @Test func lockForbidden() {
        expectProblems(
            locks: "household_id,helper_id\nH2,G1\n", forbids: "household_id,helper_id\nH2,G1\n",
            [("locks.csv", 2, 2, .lockForbidden)])
    }

    @Test func lockIneligible() {
        expectProblems(
            locks: "household_id,helper_id\n\nH1,G2\n",
            [("locks.csv", 3, 2, .lockIneligible(reason: "severity 1 is below this kind's minimum 4"))])
    }

    @Test func lockedTwice() {
        expectProblems(
            locks: "household_id,helper_id\nH2,G1\nH2,G2\n",
            [("locks.csv", 3, 1, .lockedTwice(firstLine: 2))])
    }

    @Test func locksOverCapacity() {
        expectProblems(
            locks: "household_id,helper_id\nH2,G1\nH3,G1\n",
            [("locks.csv", 3, 2, .locksOverCapacity(capacity: 1, locks: 2))])
        expectProblems(
            locks: "household_id,helper_id\nH2,G3\n",
            [("locks.csv", 2, 2, .locksOverCapacity(capacity: 0, locks: 1))])
    }

    @Test func unknownIdsInPairsFiles() {
        expectProblems(
            locks: "household_id,helper_id\nH9,G1\nH1,G9\nH8,G8\n",
            [
                ("locks.csv", 2, 1, .unknownId(column: "household_id", table: "households")),
                ("locks.csv", 3, 2, .unknownId(column: "helper_id", table: "helpers")),
                ("locks.csv", 4, 1, .unknownId(column: "household_id", table: "households")),
                ("locks.csv", 4, 2, .unknownId(column: "helper_id", table: "helpers")),
            ])
        expectProblems(
            previous: "note,helper_id,household_id\nx,G1,H7\n",
            [("previous.csv", 2, 3, .unknownId(column: "household_id", table: "households"))])
        expectProblems(
            forbids: "household_id,helper_id\nH1,G0\n",
            [("forbids.csv", 2, 2, .unknownId(column: "helper_id", table: "helpers"))])
    }

    @Test func pairsFileWithoutRequiredColumn() {
        expectProblems(locks: "household_id,helper\nH1,G1\n", [("locks.csv", 1, 1, .missingColumn("helper_id"))])
    }

    @Test func problemsOfAllRuleFilesAreReportedTogether() {
        expectProblems(
            previous: "household_id,helper_id\nH0,G1\n",
            locks: "household_id,helper_id\nH2,G1\nH2,G2\nH1,G2\n",
            forbids: "household_id,helper_id\nH1,G4\n",
            [
                ("previous.csv", 2, 1, .unknownId(column: "household_id", table: "households")),
                ("forbids.csv", 2, 2, .unknownId(column: "helper_id", table: "helpers")),
                ("locks.csv", 3, 1, .lockedTwice(firstLine: 2)),
                ("locks.csv", 4, 2, .lockIneligible(reason: "severity 1 is below this kind's minimum 4")),
            ])
    }
}
