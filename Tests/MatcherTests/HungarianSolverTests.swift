import Testing
@testable import Matcher

@Suite struct HungarianSolverTests {
    @Test(arguments: 0..<4_000)
    func agreesWithBruteForceAndProvesIt(seed: Int) {
        let allowUnassigned = seed % 3 != 0
        let problem = BruteForce.randomProblem(seed: UInt64(seed), allowUnassigned: allowUnassigned)
        let expected = BruteForce.optimum(problem)
        let outcome = HungarianSolver().solve(problem)
        switch outcome {
        case .optimal(let solution):
            #expect(solution.objective == expected, "seed \(seed)")
            #expect(AssignmentCertificate.violations(of: solution, for: problem) == [], "seed \(seed)")
        case .infeasible:
            #expect(expected == nil, "seed \(seed): solver says infeasible, brute force found \(String(describing: expected))")
        case .costOverflow:
            Issue.record("unexpected overflow at seed \(seed)")
        }
    }

    @Test func rowOrderDoesNotChangeTheOptimum() {
        for seed in 0..<300 {
            let problem = BruteForce.randomProblem(seed: UInt64(seed), allowUnassigned: true)
            var rng = SplitMix64(seed: UInt64(seed) ^ 0xABCD)
            let order = Array(0..<problem.rowCount).shuffled(using: &rng)
            guard case .optimal(let a) = HungarianSolver().solve(problem),
                  case .optimal(let b) = HungarianSolver().solve(problem, rowOrder: order)
            else { Issue.record("seed \(seed) not optimal"); continue }
            #expect(a.objective == b.objective)
            #expect(AssignmentCertificate.violations(of: b, for: problem) == [])
        }
    }

    @Test func constantCostsGiveTheIdentity() {
        let n = 5
        var arcs: [(row: Int, column: Int, cost: Int)] = []
        for r in 0..<n { for g in 0..<n { arcs.append((r, g, 7)) } }
        let problem = AssignmentProblem(
            rowCount: n, columnCount: n, arcs: arcs, capacity: Array(repeating: 1, count: n),
            unassignedCost: nil)
        guard case .optimal(let s) = HungarianSolver().solve(problem) else {
            Issue.record("not optimal"); return
        }
        #expect(s.column == [0, 1, 2, 3, 4])
    }

    @Test func reportsOverflowInsteadOfWrapping() {
        let problem = AssignmentProblem(
            rowCount: 1, columnCount: 1, arcs: [(0, 0, Int.max / 2)], capacity: [1],
            unassignedCost: nil)
        #expect(HungarianSolver().solve(problem) == .costOverflow(largest: Int.max / 2))
    }

    @Test func namesTheRowThatCannotBeAssigned() {
        // Two rows compete for one column with capacity 1.
        let problem = AssignmentProblem(
            rowCount: 2, columnCount: 1, arcs: [(0, 0, 1), (1, 0, 2)], capacity: [1],
            unassignedCost: nil)
        #expect(HungarianSolver().solve(problem) == .infeasible(row: 1))
    }
}

@Suite struct WarmStartTests {
    /// A warm start from the optimum of a problem with fewer arcs gives the cold optimum,
    /// with a valid certificate, on seeded random problems.
    @Test(arguments: 0..<3_000)
    func warmStartEqualsColdSolve(seed: Int) {
        let full = BruteForce.randomProblem(seed: UInt64(seed), allowUnassigned: true)
        // Drop every third arc for the first solve, as a pricing round would.
        var kept: [(row: Int, column: Int, cost: Int)] = []
        for r in 0..<full.rowCount {
            for k in full.arcStart[r]..<full.arcStart[r + 1] where k % 3 != 0 {
                kept.append((r, Int(full.arcColumn[k]), full.arcCost[k]))
            }
        }
        let restricted = AssignmentProblem(
            rowCount: full.rowCount, columnCount: full.columnCount, arcs: kept,
            capacity: full.capacity, unassignedCost: full.unassignedCost)
        var cascading = HungarianSolver()
        cascading.repairLimit = 0  // every vacated column goes through the reset cascade
        guard case .optimal(let first) = HungarianSolver().solve(restricted),
              case .optimal(let cold) = HungarianSolver().solve(full),
              case .optimal(let warm) = HungarianSolver().solve(full, warmStart: first),
              case .optimal(let reset) = cascading.solve(full, warmStart: first)
        else { Issue.record("seed \(seed): not optimal"); return }
        #expect(warm.objective == cold.objective, "seed \(seed)")
        #expect(reset.objective == cold.objective, "seed \(seed)")
        #expect(AssignmentCertificate.violations(of: warm, for: full) == [], "seed \(seed)")
        #expect(AssignmentCertificate.violations(of: reset, for: full) == [], "seed \(seed)")
    }
}
