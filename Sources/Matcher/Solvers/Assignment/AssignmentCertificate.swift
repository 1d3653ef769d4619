/// Checks that dual prices prove an assignment optimal (LP duality for the capacitated
/// assignment with unassigned rows):
/// - dual feasibility: `u[r] − v[g] ≤ cost(r, g)` on every arc, `u[r] ≤ unassignedCost[r]`,
///   `v[g] ≥ 0`;
/// - primal feasibility: capacities respected, every row assigned when unassigned rows are
///   not allowed, assigned columns reachable by an arc;
/// - equal objectives: `Σu − Σ capacity·v` = the assignment's cost.
/// Equal primal and dual objectives with both feasible prove optimality.
///
/// - Complexity: O(rows + columns + arcs).
public enum AssignmentCertificate {
    public enum Violation: Sendable, Equatable, CustomStringConvertible {
        case reducedCostNegative(row: Int, column: Int, by: Int)
        case rowPriceAboveUnassignedCost(row: Int, by: Int)
        case negativeColumnPrice(column: Int)
        case overCapacity(column: Int)
        case unassignedRowNotAllowed(row: Int)
        case assignedWithoutArc(row: Int, column: Int)
        case objectiveMismatch(primal: Int, dual: Int, claimed: Int)

        public var description: String {
            switch self {
            case .reducedCostNegative(let r, let g, let by):
                "u[\(r)] − v[\(g)] exceeds the pair's cost by \(by)"
            case .rowPriceAboveUnassignedCost(let r, let by):
                "u[\(r)] exceeds the cost of leaving it unassigned by \(by)"
            case .negativeColumnPrice(let g): "v[\(g)] is negative"
            case .overCapacity(let g): "column \(g) holds more rows than its capacity"
            case .unassignedRowNotAllowed(let r): "row \(r) is unassigned"
            case .assignedWithoutArc(let r, let g): "row \(r) is assigned to \(g) without an arc"
            case .objectiveMismatch(let p, let d, let c):
                "primal objective \(p), dual objective \(d), claimed \(c)"
            }
        }
    }

    /// All violations of the certificate (empty when it proves `solution` optimal).
    public static func violations(
        of solution: AssignmentSolution, for problem: AssignmentProblem
    ) -> [Violation] {
        var found: [Violation] = []
        let u = solution.rowPrice, v = solution.columnPrice
        var load = [Int](repeating: 0, count: problem.columnCount)
        var primal = 0
        for r in 0..<problem.rowCount {
            let assigned = Int(solution.column[r])
            var hasArc = false
            for k in problem.arcStart[r]..<problem.arcStart[r + 1] {
                let g = Int(problem.arcColumn[k])
                let slack = problem.arcCost[k] - u[r] + v[g]
                if slack < 0 { found.append(.reducedCostNegative(row: r, column: g, by: -slack)) }
                if g == assigned && !hasArc {
                    hasArc = true
                    primal += problem.arcCost[k]
                }
            }
            if let p = problem.unassignedCost {
                if u[r] > p[r] { found.append(.rowPriceAboveUnassignedCost(row: r, by: u[r] - p[r])) }
                if assigned < 0 { primal += p[r] }
            } else if assigned < 0 {
                found.append(.unassignedRowNotAllowed(row: r))
            }
            if assigned >= 0 {
                load[assigned] += 1
                if !hasArc { found.append(.assignedWithoutArc(row: r, column: assigned)) }
            }
        }
        var dual = u.reduce(0, +)
        for g in 0..<problem.columnCount {
            if v[g] < 0 { found.append(.negativeColumnPrice(column: g)) }
            if load[g] > Int(problem.capacity[g]) { found.append(.overCapacity(column: g)) }
            dual -= Int(max(0, problem.capacity[g])) * v[g]
        }
        if primal != dual || primal != solution.objective {
            found.append(.objectiveMismatch(primal: primal, dual: dual, claimed: solution.objective))
        }
        return found
    }
}
