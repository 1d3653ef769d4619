/// `--solver glpk` without side constraints: GLPK's simplex method and branch-and-cut on
/// every eligible pair, a cross-check for small rolls (refused above ``pairLimit`` pairs).
/// Its row and column duals are the plan's dual prices, checked like the Hungarian's.
struct GLPKStrategy: PairingStrategy {
    /// Above this many eligible pairs GLPK's simplex method does not finish in useful time.
    static let pairLimit = 2_000_000
    var name: SolverName { .glpk }

    func solve(_ instance: PairingInstance, _ settings: SolveSettings) throws(YearlyPairing.Failure) -> (PairingOutcome, String) {
        #if GLPK
        var arcs: [(row: Int, column: Int, cost: Int)] = []
        for (r, h) in instance.free.enumerated() {
            instance.pairs.forEach(h) { g, c in arcs.append((r, g, c)) }
            if arcs.count > Self.pairLimit {
                throw .unsupported("--solver glpk: more than \(Self.pairLimit) eligible pairs, too many for GLPK's simplex method in useful time; use --solver auto (the Hungarian method, exact and fast)")
            }
        }
        let model = instance.model
        let problem = AssignmentProblem(
            rowCount: instance.free.count, columnCount: model.roll.helpers.count, arcs: arcs,
            capacity: instance.residual, unassignedCost: instance.free.map { model.unpairedCost($0) })
        switch GLPKAssignmentSolver().solve(problem, timeLimitSeconds: settings.timeLimit) {
        case .optimal(let s):
            var helperOf = instance.locked
            var householdPrice = [Int?](repeating: nil, count: helperOf.count)
            for (r, h) in instance.free.enumerated() { helperOf[h] = s.column[r]; householdPrice[h] = s.rowPrice[r] }
            var stats = PairingResult.Statistics()
            stats.candidateArcs = problem.arcCount
            let result = PairingResult(
                helperOf: helperOf, locked: instance.locked.map { $0 >= 0 }, objective: s.objective + instance.lockedCost,
                bound: s.objective + instance.lockedCost, householdPrice: householdPrice, helperPrice: s.columnPrice,
                residualCapacity: instance.residual, lockedCost: instance.lockedCost, statistics: stats)
            return (.priced(result), "asked for: GLPK's simplex method and branch-and-cut on all \(problem.arcCount) eligible pairs (a cross-check; slow on big rolls, where auto's Hungarian method is exact and far faster)")
        case let other:
            throw .unsupported("--solver glpk did not prove a plan optimal (\(other)); use --solver auto")
        }
        #else
        throw .unsupported("--solver glpk: this build has no GLPK")
        #endif
    }
}
