import Testing
@testable import Matcher

/// The auction start must never change the answer (the Hungarian finishes it exactly), and
/// when it runs to the end with no priced empty slot its own assignment is already optimal
/// (ε = 1 on costs scaled by rows + 1, Bertsekas' bound).
@Suite struct AuctionSolverTests {
    @Test(arguments: 0..<2_000)
    func agreesWithBruteForceAndProvesIt(seed: Int) {
        let problem = BruteForce.randomProblem(seed: UInt64(seed) &+ 90_000, allowUnassigned: seed % 3 != 0)
        let expected = BruteForce.optimum(problem)
        switch AuctionSolver().solve(problem) {
        case .optimal(let solution):
            #expect(solution.objective == expected, "seed \(seed)")
            #expect(AssignmentCertificate.violations(of: solution, for: problem) == [], "seed \(seed)")
        case .infeasible:
            #expect(expected == nil, "seed \(seed): infeasible, brute force found \(String(describing: expected))")
        case .costOverflow:
            Issue.record("unexpected overflow at seed \(seed)")
        }
    }

    @Test(arguments: 0..<1_000)
    func theAuctionAloneIsOptimalWhenItFinishes(seed: Int) {
        let problem = BruteForce.randomProblem(seed: UInt64(seed) &+ 190_000, allowUnassigned: seed % 2 == 0)
        guard let market = AuctionSolver().auction(problem) else { return }
        let start = market.handOver()
        // The assignment it hands over is feasible, and optimal when the theory applies.
        if market.emptySlotsArePriceless {
            #expect(start.objective == BruteForce.optimum(problem), "seed \(seed)")
        } else {
            #expect(start.objective >= BruteForce.optimum(problem)!, "seed \(seed)")
        }
        var load = [Int32](repeating: 0, count: problem.columnCount)
        for r in 0..<problem.rowCount where start.column[r] >= 0 { load[Int(start.column[r])] += 1 }
        for g in 0..<problem.columnCount { #expect(load[g] <= max(0, problem.capacity[g]), "seed \(seed)") }
        if problem.unassignedCost == nil { #expect(!start.column.contains(-1), "seed \(seed)") }
    }

    /// Medium sparse problems with many ties (costs 0..30, as need vectors give) and with wide
    /// costs, square and with spare columns, with capacities and unassigned rows: the auction
    /// start and the plain Hungarian reach the same optimum, both certified.
    @Test(arguments: 0..<60)
    func matchesTheHungarianOnMediumProblems(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &* 7919 &+ 11)
        let rows = Int.random(in: 150...400, using: &rng)
        let columns = rows + [0, 0, 37, rows / 3].randomElement(using: &rng)!
        let maxCost = [30, 1000].randomElement(using: &rng)!
        let withCapacity = seed % 4 == 3
        let unassigned = seed % 3 == 0 ? (0..<rows).map { _ in Int.random(in: 5...maxCost, using: &rng) } : nil
        var arcs: [(row: Int, column: Int, cost: Int)] = []
        for r in 0..<rows {
            // The diagonal keeps the square case feasible; the rest is random.
            arcs.append((r, r % columns, Int.random(in: 0...maxCost, using: &rng)))
            var used: Set<Int> = [r % columns]  // one arc per (row, column), as the readers ensure
            for _ in 0..<Int.random(in: 3...12, using: &rng) {
                let g = Int.random(in: 0..<columns, using: &rng)
                if used.insert(g).inserted { arcs.append((r, g, Int.random(in: 0...maxCost, using: &rng))) }
            }
        }
        let capacity = (0..<columns).map { _ in withCapacity ? Int32.random(in: 0...3, using: &rng) : 1 }
        let problem = AssignmentProblem(
            rowCount: rows, columnCount: columns, arcs: arcs, capacity: capacity, unassignedCost: unassigned)
        let plain = HungarianSolver().solve(problem)
        let auction = AuctionSolver().solve(problem)
        switch (plain, auction) {
        case (.optimal(let a), .optimal(let b)):
            #expect(a.objective == b.objective, "seed \(seed)")
            #expect(AssignmentCertificate.violations(of: b, for: problem) == [], "seed \(seed)")
        case (.infeasible, .infeasible):
            #expect(unassigned == nil, "seed \(seed): infeasible although rows may stay unassigned")
        default:
            Issue.record("seed \(seed): Hungarian \(plain) but auction \(auction)")
        }
    }

    @Test func infeasibleProblemsAreReportedByTheFallback() {
        // Three rows, two columns that every row needs: the auction's prices run away, it
        // gives up, and the Hungarian names the row that cannot be placed.
        let problem = AssignmentProblem(
            rowCount: 3, columnCount: 2, arcs: [(0, 0, 1), (0, 1, 2), (1, 0, 3), (1, 1, 1), (2, 0, 2), (2, 1, 2)],
            capacity: [1, 1], unassignedCost: nil)
        #expect(AuctionSolver().auction(problem) == nil)
        #expect(AuctionSolver().solve(problem) == .infeasible(row: 2))
    }
}
