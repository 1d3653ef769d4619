import Testing
@testable import Matcher

/// The coarse auction used by the yearly pairing: costs ×64, ε from one unit, reverse bids.
/// Its result must not change the optimum (the Hungarian finishes exactly), and after reverse
/// bids no empty slot may keep a price, with every placed row within ε of its best option.
@Suite struct AuctionReverseBidTests {
    static var pairingStart: AuctionSolver { PairingSolver().coldStart }

    /// More rows than places, every row may stay unassigned (as households may): the setting
    /// where a forward auction leaves priced empty places.
    static func scarceProblem(seed: Int, rows range: ClosedRange<Int>) -> AssignmentProblem {
        var rng = SplitMix64(seed: UInt64(seed) &* 104_729 &+ 3)
        let rows = Int.random(in: range, using: &rng)
        let columns = Int.random(in: 1...max(1, rows / 2), using: &rng)
        var arcs: [(row: Int, column: Int, cost: Int)] = []
        for r in 0..<rows {
            var used: Set<Int> = []
            for _ in 0..<Int.random(in: 0...6, using: &rng) {
                let g = Int.random(in: 0..<columns, using: &rng)
                if used.insert(g).inserted { arcs.append((r, g, Int.random(in: 0...12, using: &rng))) }
            }
        }
        let capacity = (0..<columns).map { _ in Int32.random(in: 0...3, using: &rng) }
        let unassigned = (0..<rows).map { _ in Int.random(in: 8...40, using: &rng) }
        return AssignmentProblem(
            rowCount: rows, columnCount: columns, arcs: arcs, capacity: capacity, unassignedCost: unassigned)
    }

    /// Small problems against brute force, larger ones (up to 400 rows) against the plain
    /// Hungarian method.
    @Test(arguments: 0..<1_500)
    func reverseBidsLeaveNoPricedEmptySlotAndTheOptimumStands(seed: Int) {
        let small = seed % 3 != 0
        let problem = Self.scarceProblem(seed: seed, rows: small ? 2...8 : 20...400)
        guard let market = Self.pairingStart.auction(problem) else {
            Issue.record("seed \(seed): the coarse auction gave up on a problem with unassigned rows")
            return
        }
        #expect(market.emptySlotsArePriceless, "seed \(seed)")
        // ε-complementary slackness at the final ε = 1 (scaled): no row can do better by more.
        for r in 0..<problem.rowCount {
            let s = market.rowSlot[r]
            let own = s >= 0 ? market.rowCost[r] + market.slotPrice[s] : problem.unassignedCost![r] * market.scale
            var best = problem.unassignedCost![r] * market.scale
            for a in problem.arcStart[r]..<problem.arcStart[r + 1] {
                best = min(best, problem.arcCost[a] * market.scale + market.cheapestPrice[Int(problem.arcColumn[a])])
            }
            #expect(own <= best + 1, "seed \(seed), row \(r)")
        }
        var expected = small ? BruteForce.optimum(problem) : nil
        if !small, case .optimal(let plain) = HungarianSolver().solve(problem) { expected = plain.objective }
        switch Self.pairingStart.solve(problem) {
        case .optimal(let solution):
            #expect(solution.objective == expected, "seed \(seed)")
            #expect(AssignmentCertificate.violations(of: solution, for: problem) == [], "seed \(seed)")
        default:
            Issue.record("seed \(seed): not solved")
        }
    }
}
