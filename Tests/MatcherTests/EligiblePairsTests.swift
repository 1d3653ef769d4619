import Testing
@testable import Matcher

/// The scans over offer groups against the plain enumeration of every eligible pair: the
/// pricing scan must report exactly the undercutting pairs (and, narrowed, keep the k most
/// negative of them), and the candidate selection
/// exactly the k cheapest by (cost, tie), whatever the prices, weights, rules and keeps.
@Suite struct EligiblePairsTests {
    @Test(arguments: 0..<300)
    func groupedScansMatchEveryPair(seed: Int) {
        let sample = PairingCase.random(seed: UInt64(seed) &+ 90_001, households: 10...40, helpers: 5...60)
        var model = sample.model
        if seed % 2 == 0 {
            // The plain model (equal weights, no kind rules, nothing forbidden), where the scans
            // work per offer group.
            var policy = model.policy
            policy.kinds = [:]
            policy.weights = [:]
            policy.maxDistance = max(2, policy.maxDistance)
            model = try! CostModel(roll: model.roll, policy: policy, previousHelper: model.previousHelper, forbidden: [])
        }
        var rng = SplitMix64(seed: UInt64(seed) &* 31 &+ 7)
        let capacity = model.roll.helpers.capacity
        let pairs = EligiblePairs(model: model, residualCapacity: capacity)
        let prices = capacity.indices.map { _ in Int.random(in: 0...12, using: &rng) }
        let order = pairs.ordered(by: prices)
        let helperCount = model.roll.helpers.count
        let k = [1, 3, 8][seed % 3]
        var costs = [Int](repeating: 0, count: helperCount)
        var helpers = [Int32](repeating: 0, count: helperCount)
        for h in 0..<model.roll.households.count {
            var every: [(g: Int, cost: Int)] = []
            pairs.forEach(h) { g, c in every.append((g, c)) }
            let u = Int.random(in: -2...30, using: &rng)

            var reported: [Int: Int] = [:]
            pairs.forEachUndercutting(h, u: u, in: order) { g, c, reduced in
                #expect(reduced == c - u + prices[g], "seed \(seed), household \(h), helper \(g)")
                reported[g] = c
            }
            var expected: [Int: Int] = [:]
            for (g, c) in every where c - u + prices[g] < 0 { expected[g] = c }
            #expect(reported == expected, "seed \(seed), household \(h): undercutting pairs")

            // The narrowed scan, as pricing uses it, keeps the same k most negative pairs.
            var everyNegative = SmallestK(k: k)
            for (g, c) in expected { everyNegative.offer(key: c - u + prices[g], tie: SplitMix64.mix(h, g), item: Int32(g), value: c) }
            var narrowed = SmallestK(k: k)
            pairs.forEachUndercuttingNarrowed(h, u: u, in: order) { g, c, reduced in
                narrowed.offer(key: reduced, tie: SplitMix64.mix(h, g), item: Int32(g), value: c)
                return narrowed.isFull ? min(0, narrowed.largestKey! + 1) : 0
            }
            #expect(narrowed.items == everyNegative.items, "seed \(seed), household \(h): most negative")

            var brute = SmallestK(k: k)
            for (g, c) in every { brute.offer(key: c, tie: SplitMix64.mix(h, g), item: Int32(g), value: c) }
            var grouped = SmallestK(k: k)
            costs.withUnsafeMutableBufferPointer { costs in
                helpers.withUnsafeMutableBufferPointer { helpers in
                    pairs.offerCheapest(h, to: &grouped, tie: { SplitMix64.mix(h, Int($0)) }, scratch: costs, helpers)
                }
            }
            #expect(grouped.pairs.map(\.0) == brute.pairs.map(\.0), "seed \(seed), household \(h): cheapest")
            #expect(grouped.pairs.map(\.1) == brute.pairs.map(\.1), "seed \(seed), household \(h): costs")
        }
    }
}
