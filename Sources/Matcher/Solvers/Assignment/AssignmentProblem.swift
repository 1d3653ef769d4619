/// A capacitated assignment problem in flat, sparse form: the common input of every solver.
///
/// Rows (households, or DIMACS sources) are matched to columns (helpers, or DIMACS sinks).
/// Row `r` may use column `arcColumn[k]` at cost `arcCost[k]` for `k` in
/// `arcStart[r] ..< arcStart[r + 1]` (forward-star layout, one allocation per array, no
/// per-arc objects). Column `g` takes at most `capacity[g]` rows. Row `r` may instead stay
/// unassigned at cost `unassignedCost[r]`; when `unassignedCost` is `nil`, every row must be
/// assigned (the classical rectangular assignment problem).
///
/// Minimise Σ arc costs + Σ unassigned costs.
public struct AssignmentProblem: Sendable, Equatable {
    public var rowCount: Int
    public var columnCount: Int
    /// `rowCount + 1` offsets into `arcColumn` / `arcCost`.
    public var arcStart: [Int]
    public var arcColumn: [Int32]
    public var arcCost: [Int]
    public var capacity: [Int32]
    public var unassignedCost: [Int]?

    public init(
        rowCount: Int, columnCount: Int, arcStart: [Int], arcColumn: [Int32], arcCost: [Int],
        capacity: [Int32], unassignedCost: [Int]?
    ) {
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.arcStart = arcStart
        self.arcColumn = arcColumn
        self.arcCost = arcCost
        self.capacity = capacity
        self.unassignedCost = unassignedCost
    }

    public var arcCount: Int { arcColumn.count }

    /// Runs `body` on the forward star as raw buffers (start, column, cost), for the solvers'
    /// hot loops: no bounds or copy-on-write checks per arc.
    @inline(__always)
    func withArcBuffers<R>(
        _ body: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int>) -> R
    ) -> R {
        arcStart.withUnsafeBufferPointer { start in
            arcColumn.withUnsafeBufferPointer { column in
                arcCost.withUnsafeBufferPointer { cost in body(start, column, cost) }
            }
        }
    }

    /// Builds a problem from (row, column, cost) triples in any order.
    ///
    /// - Complexity: O(rows + arcs) (counting sort by row).
    public init(
        rowCount: Int, columnCount: Int, arcs: [(row: Int, column: Int, cost: Int)],
        capacity: [Int32], unassignedCost: [Int]?
    ) {
        var start = [Int](repeating: 0, count: rowCount + 1)
        for arc in arcs { start[arc.row + 1] += 1 }
        for r in 0..<rowCount { start[r + 1] += start[r] }
        var fill = start
        var column = [Int32](repeating: 0, count: arcs.count)
        var cost = [Int](repeating: 0, count: arcs.count)
        for arc in arcs {
            let k = fill[arc.row]
            column[k] = Int32(arc.column)
            cost[k] = arc.cost
            fill[arc.row] += 1
        }
        self.init(
            rowCount: rowCount, columnCount: columnCount, arcStart: start, arcColumn: column,
            arcCost: cost, capacity: capacity, unassignedCost: unassignedCost)
    }

    /// The largest absolute cost on an arc or an unassigned option (0 when there is none).
    public var largestAbsoluteCost: Int {
        var m = 0
        for c in arcCost { m = max(m, c == .min ? .max : abs(c)) }
        if let p = unassignedCost { for c in p { m = max(m, c == .min ? .max : abs(c)) } }
        return m
    }
}

/// What a solver returns: an assignment and the dual prices that prove it optimal.
public struct AssignmentSolution: Sendable, Equatable {
    /// Column of each row, or `-1` when the row is left unassigned.
    public var column: [Int32]
    /// Row prices `u`: `u[r] − v[g] ≤ cost(r, g)` on every arc, `u[r] ≤ unassignedCost[r]`.
    public var rowPrice: [Int]
    /// Column prices `v ≥ 0`, zero on every column with spare capacity.
    public var columnPrice: [Int]
    /// Σ costs of the assignment.
    public var objective: Int
}

/// The typed result of a solve.
public enum AssignmentOutcome: Sendable, Equatable {
    /// Proven optimal: `solution`'s prices satisfy the certificate conditions.
    case optimal(AssignmentSolution)
    /// No assignment exists: `row` cannot be assigned once the rows before it are (only
    /// possible when unassigned rows are not allowed).
    case infeasible(row: Int)
    /// Costs so large that sums of them could overflow 64-bit integers.
    case costOverflow(largest: Int)
}
