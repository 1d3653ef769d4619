import Foundation
/// Exact solver for ``AssignmentProblem``: the Hungarian method as successive shortest
/// augmenting paths with dual prices, extended to column capacities and unassigned rows.
///
/// **Problem.** Minimise Σ cost(r, g) over assigned pairs + Σ unassignedCost(r) over
/// unassigned rows, each row used at most once (exactly once when `unassignedCost` is nil),
/// column g at most `capacity[g]` times.
///
/// **Method.** Rows enter one at a time. For each new row a Dijkstra search over the residual
/// graph (row → column on an arc, column → each row it holds at reduced cost 0) finds the
/// cheapest way to absorb it: end at a column with spare capacity, or let some row on the
/// path (possibly the new one) fall back to being unassigned. Prices then rise by
/// `T − dist` on every settled node (T = the path's length), which keeps every reduced cost
/// non-negative and makes the new path tight; the path is flipped. Most rows are absorbed by
/// a fast path that finds a tight arc to a column with spare capacity without a search.
///
/// **Invariant** (the certificate, checked by ``AssignmentCertificate``): with row prices u
/// and column prices v,
/// - `u[r] − v[g] ≤ cost(r, g)` on every arc, with equality on assigned arcs;
/// - `u[r] ≤ unassignedCost[r]`, with equality on unassigned rows;
/// - `v[g] ≥ 0`, and `v[g] = 0` on every column with spare capacity.
/// Hence Σu − Σ capacity·v equals the objective, which is therefore optimal (LP duality).
///
/// **Determinism.** Among columns at equal distance, one with spare capacity is settled
/// first (it ends the search at once); remaining heap ties break on the smaller column index; the fast path prefers a
/// column with spare capacity over staying unassigned, and the smaller index among equals.
/// The answer depends only on the problem and the row order.
///
/// - Complexity: O(n · (m + k log k)) worst case for n rows, m arcs, k columns reached per
///   search; in practice most rows take the O(degree) fast path.
/// - Reference: Kuhn (1955); Tomizawa (1971) and Edmonds & Karp (1972) for shortest
///   augmenting paths with potentials; Jonker & Volgenant, Computing 38 (1987) 325–340;
///   Crouse, IEEE TAES 52(4) (2016) 1679–1696, Algorithm 1 (the rectangular case).
public struct HungarianSolver: Sendable {
    public init() {}

    /// Above this many vacated columns a cascade of price resets (then re-entering the rows
    /// it takes out) is cheaper than one shortest-path repair each.
    public var repairLimit = Int(ProcessInfo.processInfo.environment["MATCH_REPAIR"] ?? "") ?? 150

    /// Solves `problem`, taking rows in `rowOrder` (default: index order).
    ///
    /// `warmStart`, an optimal solution of a problem with the same rows and columns but
    /// other arcs or costs (a pricing round, a what-if), is reused: its pairs and prices are
    /// kept, only rows that now have an arc of negative reduced cost re-enter, and columns
    /// left with spare capacity have their price reset to 0 (which may send further rows
    /// back in, see `AugmentingPathSearch.warmStart`). The result is exact either way.
    public func solve(
        _ problem: AssignmentProblem, rowOrder: [Int]? = nil, warmStart: AssignmentSolution? = nil
    ) -> AssignmentOutcome {
        let largest = problem.largestAbsoluteCost
        // Any path or price is a sum of at most 2·rows + 2 costs; keep that inside Int.
        let (bound, overflow) = largest.multipliedReportingOverflow(by: 2 * problem.rowCount + 4)
        if overflow || bound > Int.max / 4 { return .costOverflow(largest: largest) }
        var search = AugmentingPathSearch(problem)
        let order = rowOrder ?? Array(0..<problem.rowCount)
        var entering = order
        if let warmStart {
            let reenter = search.warmStart(from: warmStart)
            entering = order.filter { reenter[$0] }
        }
        for r in entering {
            if !search.absorb(row: r) { return .infeasible(row: r) }
        }
        if warmStart != nil {
            // Columns a warm start vacated and no entering row refilled still carry a price:
            // repair a few by shortest paths, or reset them all when there are many.
            let spare = search.pricedSpareColumns()
            if spare.count <= repairLimit {
                // One repair refills one slot; a column may have lost several rows.
                search.repairPricedSpareColumns(spare)
            }
            let reenter = search.resetPricesOfSpareColumns()
            let again = order.filter { reenter[$0] }
            for r in again {
                if !search.absorb(row: r) { return .infeasible(row: r) }
            }
            trace("warm start: \(entering.count) rows re-entered, then \(again.count) after price resets")
        }
        trace("hungarian: \(problem.rowCount) rows, \(search.searches) searches, \(search.settledTotal) columns settled")
        return .optimal(search.solution())
    }
}

/// What the repairs of spare slots share: the common price drop and, for each column, its
/// cheapest arc from an unassigned row (`cost − unassignedCost`, the reduced cost of that arc
/// when the column's price is 0).
struct SpareSlotRepair {
    var offset = 0
    var unassignedRows: [Int]
    var bestUnassignedSlack: [Int]
    var bestUnassignedArc: [Int]
    /// Arcs entering each column from rows that are unassigned.
    private var inStart: [Int]
    private var inArc: [Int]
    private var inRow: [Int32]
    private var isUnassigned: [Bool]

    init(_ search: AugmentingPathSearch) {
        let p = search.problem
        let unassigned = p.unassignedCost ?? []
        isUnassigned = (0..<p.rowCount).map { search.rowArc[$0] < 0 }
        unassignedRows = (0..<p.rowCount).filter { search.rowArc[$0] < 0 }
        var start = [Int](repeating: 0, count: p.columnCount + 1)
        for r in unassignedRows {
            for k in p.arcStart[r]..<p.arcStart[r + 1] { start[Int(p.arcColumn[k]) + 1] += 1 }
        }
        for g in 0..<p.columnCount { start[g + 1] += start[g] }
        var fill = start
        inArc = Array(repeating: 0, count: start[p.columnCount])
        inRow = Array(repeating: 0, count: start[p.columnCount])
        for r in unassignedRows {
            for k in p.arcStart[r]..<p.arcStart[r + 1] {
                let g = Int(p.arcColumn[k])
                inArc[fill[g]] = k
                inRow[fill[g]] = Int32(r)
                fill[g] += 1
            }
        }
        inStart = start
        bestUnassignedSlack = Array(repeating: .max, count: p.columnCount)
        bestUnassignedArc = Array(repeating: -1, count: p.columnCount)
        for g in 0..<p.columnCount { refresh(g, p, unassigned) }
    }

    private mutating func refresh(_ g: Int, _ p: AssignmentProblem, _ unassigned: [Int]) {
        var best = Int.max, arc = -1
        for i in inStart[g]..<inStart[g + 1] where isUnassigned[Int(inRow[i])] {
            let slack = p.arcCost[inArc[i]] - unassigned[Int(inRow[i])]
            if slack < best { best = slack; arc = inArc[i] }
        }
        bestUnassignedSlack[g] = best
        bestUnassignedArc[g] = arc
    }

    func isPricedSpare(_ g: Int, _ search: AugmentingPathSearch) -> Bool {
        search.v[g] - offset > 0 && search.isSpare(g)
    }

    /// Row h has just been assigned: it no longer offers its arcs from the unassigned side.
    mutating func rowWasAssigned(_ h: Int, _ search: AugmentingPathSearch) {
        let p = search.problem
        isUnassigned[h] = false
        unassignedRows.removeAll { $0 == h }
        for k in p.arcStart[h]..<p.arcStart[h + 1] { refresh(Int(p.arcColumn[k]), p, p.unassignedCost ?? []) }
    }
}

/// Prints a line on stderr when MATCH_TRACE is set (for profiling runs only).
func trace(_ line: @autoclosure () -> String) {
    if ProcessInfo.processInfo.environment["MATCH_TRACE"] != nil {
        FileHandle.standardError.write(Data((line() + "\n").utf8))
    }
}

/// The mutable state of one Hungarian solve, in flat arrays.
struct AugmentingPathSearch {
    let problem: AssignmentProblem
    private let hasUnassigned: Bool
    private let unassigned: [Int]
    var u: [Int]
    var v: [Int]
    /// Arc used by each row; `-1` unassigned (or not yet entered).
    var rowArc: [Int]
    private var load: [Int32]
    private let effectiveCapacity: [Int32]
    private let slotStart: [Int]
    /// Rows held by column g are `slots[slotStart[g] ..< slotStart[g] + load[g]]`.
    private var slots: [Int32]
    private var rowSlot: [Int32]

    // Dijkstra scratch, reset through the touched list after each search.
    private var colDist: [Int]
    private var colPredArc: [Int]
    private var colSettled: [Bool]
    private var rowDist: [Int]
    private var touchedCols: [Int32] = []
    private var settledRows: [Int32] = []
    private var heap = ColumnHeap()
    var searches = 0, settledTotal = 0

    init(_ problem: AssignmentProblem) {
        self.problem = problem
        let n = problem.rowCount, k = problem.columnCount
        hasUnassigned = problem.unassignedCost != nil
        unassigned = problem.unassignedCost ?? []
        u = Array(repeating: 0, count: n)
        v = Array(repeating: 0, count: k)
        rowArc = Array(repeating: -1, count: n)
        load = Array(repeating: 0, count: k)
        let capLimit = Int32(clamping: n)
        effectiveCapacity = problem.capacity.map { max(0, min($0, capLimit)) }
        var start = [Int](repeating: 0, count: k + 1)
        for g in 0..<k { start[g + 1] = start[g] + Int(effectiveCapacity[g]) }
        slotStart = start
        slots = Array(repeating: -1, count: start[k])
        rowSlot = Array(repeating: -1, count: n)
        colDist = Array(repeating: .max, count: k)
        colPredArc = Array(repeating: -1, count: k)
        colSettled = Array(repeating: false, count: k)
        rowDist = Array(repeating: 0, count: n)
    }

    func column(ofArc k: Int) -> Int { Int(problem.arcColumn[k]) }

    /// Loads a previous solution's pairs and prices and restores the invariant; returns
    /// which rows must (re-)enter.
    ///
    /// 1. Pairs whose arc still exists are kept (up to capacity), with their prices.
    /// 2. A row with an arc of negative reduced cost, or whose pair is gone or no longer
    ///    tight, or whose unassigned price is no longer tight, is taken out.
    /// A column a row left keeps its price: for the searches it is simply a column with
    /// spare capacity, so an entering row refills it at no extra cost. Every row still in
    /// satisfies dual feasibility and tightness; what may break is only "spare capacity ⇒
    /// price 0", which ``resetPricesOfSpareColumns()`` restores after the rows re-enter.
    mutating func warmStart(from previous: AssignmentSolution) -> [Bool] {
        let n = problem.rowCount
        var out = [Bool](repeating: false, count: n)
        v = previous.columnPrice.map { max(0, $0) }
        for r in 0..<n {
            u[r] = previous.rowPrice[r]
            let g = Int(previous.column[r])
            var tight = false
            if g >= 0 {
                for k in problem.arcStart[r]..<problem.arcStart[r + 1] where Int(problem.arcColumn[k]) == g {
                    if load[g] < effectiveCapacity[g] && problem.arcCost[k] - u[r] + v[g] == 0 {
                        attach(row: r, arc: k)
                        tight = true
                    }
                    break
                }
            } else if hasUnassigned {
                tight = u[r] == unassigned[r]
            }
            if !tight {
                out[r] = true
                continue
            }
            for k in problem.arcStart[r]..<problem.arcStart[r + 1]
            where problem.arcCost[k] - u[r] + v[Int(problem.arcColumn[k])] < 0 {
                out[r] = true
                break
            }
        }
        for r in 0..<n where out[r] && rowArc[r] >= 0 { detach(row: r) }
        return out
    }

    /// Adds row `r` to the assignment along a shortest augmenting path.
    /// Returns false when `r` cannot be assigned (no arc reaches spare capacity).
    mutating func absorb(row r: Int) -> Bool {
        let lo = problem.arcStart[r], hi = problem.arcStart[r + 1]
        // Price the new row so that its cheapest option has reduced cost 0.
        var best = Int.max, bestFreeArc = -1
        for k in lo..<hi {
            let g = Int(problem.arcColumn[k])
            let value = problem.arcCost[k] + v[g]
            let free = load[g] < effectiveCapacity[g]
            if value < best {
                best = value
                bestFreeArc = free ? k : -1
            } else if value == best && free && bestFreeArc < 0 {
                bestFreeArc = k
            }
        }
        if hasUnassigned && unassigned[r] < best {
            u[r] = unassigned[r]
            return true  // staying unassigned is strictly cheapest: tight, nothing moves
        }
        if best == .max { return false }
        u[r] = best
        if bestFreeArc >= 0 {
            attach(row: r, arc: bestFreeArc)
            return true
        }
        if hasUnassigned && unassigned[r] == best { return true }
        return search(from: r)
    }

    /// Columns with spare capacity and a positive price (the warm start's leftovers).
    func pricedSpareColumns() -> [Int] { (0..<problem.columnCount).filter(isPricedSpare) }

    func isPricedSpare(_ g: Int) -> Bool { v[g] > 0 && isSpare(g) }

    func isSpare(_ g: Int) -> Bool { load[g] < effectiveCapacity[g] }

    /// Repairs every column with spare capacity and a positive price, one slot at a time,
    /// by ``repairPricedSpareColumn(_:_:)``.
    mutating func repairPricedSpareColumns(_ spare: [Int]) {
        var repair = SpareSlotRepair(self)
        for g in spare {
            while repair.isPricedSpare(g, self) { repairPricedSpareColumn(g, &repair) }
        }
        // Fold the common price drop back into every price.
        for r in 0..<problem.rowCount { u[r] -= repair.offset }
        for x in 0..<problem.columnCount { v[x] -= repair.offset }
    }

    /// Fills one spare slot of column g (spare capacity, positive price), or lowers g's
    /// price to 0, keeping every other condition of the invariant.
    ///
    /// In flow terms the spare slot holds a unit of "slack" whose arc has negative reduced
    /// cost −v[g]; the repair sends that unit back from the sink along a shortest path. The
    /// search starts from every unassigned row (distance 0: it may take a slot) and every
    /// column x (distance v[x]: it may give up a row, its price then falling to 0), follows
    /// row → column arcs at reduced cost and column → its rows at 0, and ends at g (at the
    /// latest at distance v[g], which means g keeps its spare slot and its price drops to
    /// 0). Prices then fall by min(dist, D) on every node — which keeps all reduced costs
    /// non-negative — and the path's rows move one step toward g. The common drop D is kept
    /// in `repair.offset` (stored price = true price + offset) so that a repair costs
    /// O(columns + nodes it settles), not O(rows).
    mutating func repairPricedSpareColumn(_ g: Int, _ repair: inout SpareSlotRepair) {
        let offset = repair.offset
        let bound = v[g] - offset
        // Source labels: straight from the sink (true price), or through an unassigned row.
        for x in 0..<problem.columnCount {
            let viaRow = repair.bestUnassignedSlack[x]
            let label = v[x] - offset + min(0, viaRow)
            if label < bound || x == g {
                touchedCols.append(Int32(x))
                colDist[x] = min(label, bound)
                colPredArc[x] = viaRow < 0 && label < bound ? repair.bestUnassignedArc[x] : -1
                heap.push(key: colDist[x], column: Int32(x))
            }
        }
        var settled: [Int32] = []
        var reach = bound
        while let (d, x) = heap.popMin() {
            if colSettled[x] || d != colDist[x] { continue }
            if x == g {
                reach = d
                break
            }
            colSettled[x] = true
            let s = slotStart[x]
            for i in s..<(s + Int(load[x])) {
                let h = Int(slots[i])
                rowDist[h] = d
                settled.append(Int32(h))
                for k in problem.arcStart[h]..<problem.arcStart[h + 1] {
                    let y = Int(problem.arcColumn[k])
                    if y == x || colSettled[y] { continue }
                    let nd = d + problem.arcCost[k] - u[h] + v[y]
                    if nd < bound && (colDist[y] == .max || nd < colDist[y]) {
                        if colDist[y] == .max { touchedCols.append(Int32(y)) }
                        colDist[y] = nd
                        colPredArc[y] = k
                        heap.push(key: nd, column: Int32(y))
                    }
                }
            }
        }
        // True prices fall by min(dist, reach): by reach through the offset, back up where
        // settled; unassigned rows are settled at distance 0.
        repair.offset += reach
        for h32 in settled { u[Int(h32)] += reach - rowDist[Int(h32)] }
        for h in repair.unassignedRows { u[h] += reach }
        for x32 in touchedCols where colSettled[Int(x32)] {
            let x = Int(x32)
            v[x] += reach - colDist[x]
        }
        // Move rows one step along the path into g. A column reached straight from the sink
        // (no predecessor arc) starts the path: it gives up its row and keeps a spare slot.
        var x = g
        while colPredArc[x] >= 0 && (x == g ? reach < bound : true) {
            let k = colPredArc[x]
            let h = rowOf(arc: k)
            let previous = rowArc[h] >= 0 ? column(ofArc: rowArc[h]) : -1
            if previous >= 0 { detach(row: h) }
            attach(row: h, arc: k)
            if previous < 0 {
                repair.rowWasAssigned(h, self)  // an unassigned row took the slot
                break
            }
            x = previous
        }
        for x32 in touchedCols { colPredArc[Int(x32)] = -1 }
        cleanUp()
    }

    /// Restores `v = 0` on every column with spare capacity: its price is reset, and each
    /// row that an arc into it now undercuts is taken out (its column may in turn need a
    /// reset), breadth-first. Returns the rows taken out, which must re-enter.
    mutating func resetPricesOfSpareColumns() -> [Bool] {
        let n = problem.rowCount
        var out = [Bool](repeating: false, count: n)
        // Reverse index: the arcs entering each column.
        var inStart = [Int](repeating: 0, count: problem.columnCount + 1)
        for g in problem.arcColumn { inStart[Int(g) + 1] += 1 }
        for g in 0..<problem.columnCount { inStart[g + 1] += inStart[g] }
        var fill = inStart
        var inRow = [Int32](repeating: 0, count: problem.arcCount)
        var inArc = [Int](repeating: 0, count: problem.arcCount)
        for r in 0..<n {
            for k in problem.arcStart[r]..<problem.arcStart[r + 1] {
                let g = Int(problem.arcColumn[k])
                inRow[fill[g]] = Int32(r)
                inArc[fill[g]] = k
                fill[g] += 1
            }
        }
        var queue: [Int] = []
        func takeOut(_ r: Int) {
            out[r] = true
            if rowArc[r] >= 0 {
                let g = column(ofArc: rowArc[r])
                detach(row: r)
                if v[g] > 0 { queue.append(g) }
            }
        }
        for g in 0..<problem.columnCount where v[g] > 0 && load[g] < effectiveCapacity[g] { queue.append(g) }
        trace("deficit columns: \(queue.count)")
        var head = 0
        while head < queue.count {
            let g = queue[head]
            head += 1
            if v[g] == 0 { continue }
            v[g] = 0
            for i in inStart[g]..<inStart[g + 1] {
                let r = Int(inRow[i])
                if !out[r] && problem.arcCost[inArc[i]] - u[r] < 0 { takeOut(r) }
            }
        }
        return out
    }

    /// Dijkstra from row `root` over reduced costs; flips the shortest path found.
    private mutating func search(from root: Int) -> Bool {
        var limit = hasUnassigned ? unassigned[root] - u[root] : Int.max
        var fallbackRow = hasUnassigned ? root : -1  // row that goes unassigned if limit wins
        var terminalCol = -1
        searches += 1
        rowDist[root] = 0
        settledRows.append(Int32(root))
        relax(row: root, at: 0)
        while let (key, g) = heap.popMin() {
            let d = key >> 1
            if colSettled[g] || d != colDist[g] { continue }
            if d >= limit { break }
            colSettled[g] = true
            settledTotal += 1
            if load[g] < effectiveCapacity[g] {
                limit = d
                terminalCol = g
                break
            }
            let s = slotStart[g]
            for i in s..<(s + Int(load[g])) {
                let h = Int(slots[i])
                rowDist[h] = d
                settledRows.append(Int32(h))
                if hasUnassigned {
                    let leave = d + unassigned[h] - u[h]
                    if leave < limit {
                        limit = leave
                        fallbackRow = h
                    }
                }
                relax(row: h, at: d)
            }
        }
        if limit == .max {
            cleanUp()
            return false
        }
        // Raise prices: settled rows and full settled columns by (limit − dist).
        for h32 in settledRows {
            let h = Int(h32)
            u[h] += limit - rowDist[h]
        }
        for g32 in touchedCols {
            let g = Int(g32)
            if colSettled[g] && colDist[g] < limit { v[g] += limit - colDist[g] }
        }
        // Flip the path, ending at a column with spare capacity or at the fallback row.
        var g: Int
        if terminalCol >= 0 {
            g = terminalCol
        } else {
            if fallbackRow == root {
                cleanUp()
                return true
            }
            g = column(ofArc: rowArc[fallbackRow])
            detach(row: fallbackRow)
        }
        while true {
            let k = colPredArc[g]
            let h = rowOf(arc: k)
            let previous = rowArc[h] >= 0 ? column(ofArc: rowArc[h]) : -1
            if previous >= 0 { detach(row: h) }
            attach(row: h, arc: k)
            if h == root { break }
            g = previous
        }
        cleanUp()
        return true
    }

    private mutating func relax(row h: Int, at d: Int) {
        let base = d - u[h]
        for k in problem.arcStart[h]..<problem.arcStart[h + 1] {
            let g = Int(problem.arcColumn[k])
            if colSettled[g] { continue }
            let nd = base + problem.arcCost[k] + v[g]
            if nd < colDist[g] {
                if colDist[g] == .max { touchedCols.append(Int32(g)) }
                colDist[g] = nd
                colPredArc[g] = k
                // Key 2·dist + full: among columns at equal distance, one with spare
                // capacity comes first and ends the search (ties are common with small costs).
                heap.push(key: nd << 1 | (load[g] < effectiveCapacity[g] ? 0 : 1), column: Int32(g))
            }
        }
    }

    /// The row an arc leaves from (binary search in the forward star).
    private func rowOf(arc k: Int) -> Int {
        var lo = 0, hi = problem.rowCount  // arcStart[lo] ≤ k < arcStart[hi]
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if problem.arcStart[mid] <= k { lo = mid } else { hi = mid }
        }
        return lo
    }

    private mutating func cleanUp() {
        for g32 in touchedCols {
            let g = Int(g32)
            colDist[g] = .max
            colSettled[g] = false
        }
        touchedCols.removeAll(keepingCapacity: true)
        settledRows.removeAll(keepingCapacity: true)
        heap.removeAll()
    }

    private mutating func attach(row h: Int, arc k: Int) {
        let g = column(ofArc: k)
        let pos = slotStart[g] + Int(load[g])
        slots[pos] = Int32(h)
        rowSlot[h] = Int32(pos)
        load[g] += 1
        rowArc[h] = k
    }

    private mutating func detach(row h: Int) {
        let g = column(ofArc: rowArc[h])
        let pos = Int(rowSlot[h])
        let last = slotStart[g] + Int(load[g]) - 1
        let moved = slots[last]
        slots[pos] = moved
        rowSlot[Int(moved)] = Int32(pos)
        load[g] -= 1
        rowArc[h] = -1
        rowSlot[h] = -1
    }

    func solution() -> AssignmentSolution {
        var objective = 0
        var column = [Int32](repeating: -1, count: problem.rowCount)
        for r in 0..<problem.rowCount {
            let k = rowArc[r]
            if k >= 0 {
                column[r] = problem.arcColumn[k]
                objective += problem.arcCost[k]
            } else {
                objective += unassigned.isEmpty ? 0 : unassigned[r]
            }
        }
        return AssignmentSolution(column: column, rowPrice: u, columnPrice: v, objective: objective)
    }
}
