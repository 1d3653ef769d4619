import Foundation
import Testing
@testable import Matcher

/// Medium random rolls (hundreds of households) where the pricing loop runs many rounds,
/// with warm starts, spare-slot repairs and incremental pricing (with a previous plan), or
/// coarse rounds and a carried auction market (without one), checked against a solve that
/// sees every eligible pair at once.
@Suite struct PricingRoundsTests {
    static func mediumCase(seed: UInt64, withPrevious: Bool = true) -> PairingCase {
        var rng = SplitMix64(seed: seed)
        func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
        var places = Places()
        var communities: [Location] = []
        for d in 0..<2 {
            let district = places.district("区\(d)")
            for s in 0..<3 {
                let street = places.street("街\(s)", in: district)
                for c in 0..<3 {
                    communities.append(Location(district: district, street: street, community: places.community("社\(c)", in: street)))
                }
            }
        }
        let dims = NeedDimensions()
        var hs = Households()
        for i in 0..<int(250...400) {
            hs.ids.append(String(format: "H%04d", i))
            hs.names.append("户\(i)")
            hs.locations.append(communities.randomElement(using: &rng)!)
            hs.members.append(1)
            hs.severity.append(Int32(int(1...5)))
            for _ in 0..<dims.count { hs.needs.append(UInt8(int(0...9) < 5 ? 0 : int(1...3))) }
            hs.idNumbers.append("")
            hs.phones.append("")
            hs.lines.append(i + 2)
        }
        var gs = Helpers()
        for i in 0..<int(120...200) {
            gs.ids.append(String(format: "G%04d", i))
            gs.names.append("帮\(i)")
            gs.kinds.append(HelperKind.allCases[int(0...5)])
            gs.capacity.append(Int32(int(0...3)))
            var place = communities.randomElement(using: &rng)!
            switch int(0...9) {
            case 0: place = .citywide
            case 1, 2: place.street = -1; place.community = -1
            case 3, 4: place.community = -1
            default: break
            }
            gs.locations.append(place)
            for _ in 0..<dims.count { gs.offers.append(UInt8(int(0...3))) }
            gs.organizations.append("")
            gs.lines.append(i + 2)
        }
        let roll = Roll(places: places, dimensions: dims, households: hs, helpers: gs)
        var policy = Policy()
        policy.maxDistance = int(1...2)
        if int(0...1) == 0 { policy.kinds["volunteer"] = .init(minSeverity: nil, maxDistance: 1) }
        let previous = (0..<hs.count).map { _ in int(0...3) == 0 ? Int32(int(0...(gs.count - 1))) : -1 }
            .map { withPrevious ? $0 : -1 }
        var forbidden = Set<Int>()
        for _ in 0..<20 { forbidden.insert(int(0...(hs.count - 1)) * gs.count + int(0...(gs.count - 1))) }
        let model = try! CostModel(roll: roll, policy: policy, previousHelper: previous, forbidden: forbidden)
        return PairingCase(model: model, locked: Array(repeating: -1, count: hs.count))
    }

    @Test(arguments: 0..<60)
    func fewCandidatesWarmRoundsGiveTheFullOptimum(seed: Int) {
        let withPrevious = seed % 3 != 2
        let instance = Self.mediumCase(seed: UInt64(seed), withPrevious: withPrevious)
        var everything = PairingSolver()
        everything.candidatesPerHousehold = 100_000
        everything.coarseRounds = false
        var rounds = PairingSolver()
        rounds.candidatesPerHousehold = 1 + seed % 2
        rounds.addedPerRound = 1 + seed % 3
        rounds.warmStartShare = seed % 4 == 0 ? 0.1 : 1.0  // mostly warm, whatever changed
        let reference = everything.solve(instance.model)
        let result = rounds.solve(instance.model)
        #expect(reference.statistics.rounds == 1)
        #expect(result.statistics.rounds + result.statistics.coarseRounds > 1, "seed \(seed): pricing never had to add pairs")
        #expect((result.statistics.coarseRounds > 0) == !withPrevious, "seed \(seed): coarse rounds run exactly without a previous plan")
        #expect(result.objective == reference.objective, "seed \(seed)")
        #expect(PairingCertificate.problems(instance.model, result) == [], "seed \(seed)")
        #expect(instance.independentCheck(result) == [], "seed \(seed)")
    }

    /// No helper has a place: the coarse round finds nothing to add, and the exact round
    /// proves that leaving everyone unpaired is optimal.
    @Test func noPlaceAnywhereLeavesEveryHouseholdUnpaired() throws {
        let base = Self.mediumCase(seed: 7, withPrevious: false).model
        var helpers = base.roll.helpers
        helpers.capacity = helpers.capacity.map { _ in 0 }
        let roll = Roll(places: base.roll.places, dimensions: base.roll.dimensions, households: base.roll.households, helpers: helpers)
        let model = try CostModel(roll: roll, policy: base.policy)
        let result = PairingSolver().solve(model)
        #expect(result.helperOf.allSatisfy { $0 < 0 })
        #expect(result.objective == (0..<roll.households.count).reduce(0) { $0 + model.unpairedCost($1) })
        #expect(result.statistics.coarseRounds == 1)
        #expect(result.statistics.rounds == 1)
        #expect(PairingCertificate.problems(model, result) == [])
    }
}
