@testable import Matcher

/// Exhaustive reference solver for tiny assignment problems: tries every choice of arc or
/// "unassigned" for every row. Exponential; for rows ≤ 7 and a few arcs each.
enum BruteForce {
    static func optimum(_ p: AssignmentProblem) -> Int? {
        var load = [Int32](repeating: 0, count: p.columnCount)
        var best: Int? = nil
        func visit(_ r: Int, _ cost: Int) {
            if r == p.rowCount {
                if best == nil || cost < best! { best = cost }
                return
            }
            if let un = p.unassignedCost { visit(r + 1, cost + un[r]) }
            for k in p.arcStart[r]..<p.arcStart[r + 1] {
                let g = Int(p.arcColumn[k])
                if load[g] < p.capacity[g] {
                    load[g] += 1
                    visit(r + 1, cost + p.arcCost[k])
                    load[g] -= 1
                }
            }
        }
        visit(0, 0)
        return best
    }

    /// A random small problem; `allowUnassigned` false gives the classical assignment.
    static func randomProblem(seed: UInt64, allowUnassigned: Bool) -> AssignmentProblem {
        var rng = SplitMix64(seed: seed)
        let rows = Int.random(in: 1...6, using: &rng)
        let cols = Int.random(in: 1...5, using: &rng)
        let maxCost = [3, 10, 1000].randomElement(using: &rng)!
        var arcs: [(row: Int, column: Int, cost: Int)] = []
        for r in 0..<rows {
            for g in 0..<cols where Int.random(in: 0..<100, using: &rng) < 60 {
                arcs.append((r, g, Int.random(in: -maxCost / 3...maxCost, using: &rng)))
            }
        }
        let capacity = (0..<cols).map { _ in Int32.random(in: 0...3, using: &rng) }
        let unassigned = allowUnassigned
            ? (0..<rows).map { _ in Int.random(in: -2...maxCost, using: &rng) } : nil
        return AssignmentProblem(
            rowCount: rows, columnCount: cols, arcs: arcs, capacity: capacity,
            unassignedCost: unassigned)
    }
}
