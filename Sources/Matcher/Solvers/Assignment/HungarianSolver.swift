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

    /// Above this many vacated columns the warm start skips the shortest-path repair and goes
    /// straight to the reset cascade (both exact; the tests set 0 to exercise the cascade).
    public var repairLimit = 100_000

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
        solve(problem, rowOrder: rowOrder, warmStart: warmStart, arcsIntoColumns: nil)
    }

    /// `solve`, with the warm start's reverse arc index possibly being built elsewhere.
    func solve(
        _ problem: AssignmentProblem, rowOrder: [Int]?, warmStart: AssignmentSolution?,
        arcsIntoColumns: PendingArcsIntoColumns?
    ) -> AssignmentOutcome {
        let largest = problem.largestAbsoluteCost
        // Any path or price is a sum of at most 2·rows + 2 costs; keep that inside Int.
        let (bound, overflow) = largest.multipliedReportingOverflow(by: 2 * problem.rowCount + 4)
        if overflow || bound > Int.max / 4 { return .costOverflow(largest: largest) }
        var search = AugmentingPathSearch(problem)
        search.pendingArcsIntoColumns = arcsIntoColumns
        let order = rowOrder ?? Array(0..<problem.rowCount)
        var entering = order
        if let warmStart {
            let reenter = search.warmStart(from: warmStart)
            entering = order.filter { reenter[$0] }
            trace("hungarian: warm start loaded, \(entering.count) rows to enter")
        }
        for r in entering {
            if !search.absorb(row: r) { return .infeasible(row: r) }
        }
        trace("hungarian: \(entering.count) rows entered")
        if warmStart != nil {
            // Columns a warm start vacated and no entering row refilled still carry a price:
            // repair a few by shortest paths, or reset them all when there are many.
            let spare = search.pricedSpareColumns()
            if !spare.isEmpty && spare.count <= repairLimit { search.repairPricedSpareColumns(spare) }
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

/// Prints a line on stderr when MATCH_TRACE is set (for profiling runs only).
/// Each line starts with the seconds since the first traced line.
func trace(_ line: @autoclosure () -> String) {
    guard tracing else { return }
    let t = (ContinuousClock.now - traceStart).inSeconds
    FileHandle.standardError.write(Data((String(format: "[%7.3f] ", t) + line() + "\n").utf8))
}

private let tracing = ProcessInfo.processInfo.environment["MATCH_TRACE"] != nil
private let traceStart = ContinuousClock.now

/// The mutable state of one Hungarian solve, in flat arrays.
struct AugmentingPathSearch {
    let problem: AssignmentProblem
    let hasUnassigned: Bool
    let unassigned: [Int]
    var u: [Int]
    var v: [Int]
    /// Arc used by each row; `-1` unassigned (or not yet entered).
    var rowArc: [Int]
    var load: [Int32]
    let effectiveCapacity: [Int32]
    let slotStart: [Int]
    /// Rows held by column g are `slots[slotStart[g] ..< slotStart[g] + load[g]]`.
    var slots: [Int32]
    var rowSlot: [Int32]
    /// Column of each row's arc (-1 unassigned), kept with `rowArc` so that searches over
    /// incoming arcs find a row's column in one load.
    var rowColumn: [Int32]

    // Dijkstra scratch, reset through the touched list after each search.
    var colDist: [Int]
    var colPredArc: [Int]
    var colSettled: [Bool]
    var rowDist: [Int]
    var touchedCols: [Int32] = []
    var settledRows: [Int32] = []
    var heap = ColumnHeap()
    var searches = 0, settledTotal = 0
    /// Columns settled by the spare-place repair's backward searches.
    var repairSettled = 0
    /// Bids left for augmenting row reduction in this solve.
    var bidsLeft: Int
    /// The reverse arc index when it is being built in the background (warm starts only).
    var pendingArcsIntoColumns: PendingArcsIntoColumns? = nil

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
        rowColumn = Array(repeating: -1, count: n)
        colDist = Array(repeating: .max, count: k)
        colPredArc = Array(repeating: -1, count: k)
        colSettled = Array(repeating: false, count: k)
        rowDist = Array(repeating: 0, count: n)
        bidsLeft = 4 * n
    }

    func column(ofArc k: Int) -> Int { Int(problem.arcColumn[k]) }

    /// Adds row `r` to the assignment, and every row it displaces on the way.
    /// Returns false when some row cannot be assigned (no arc reaches spare capacity).
    mutating func absorb(row r: Int) -> Bool {
        var next = r
        while true {
            switch place(row: next) {
            case .placed: return true
            case .failed: return false
            case .evicted(let other): next = other
            }
        }
    }

    enum Placement { case placed, failed, evicted(Int) }

    /// Places one row: by a tight arc to spare capacity, by staying unassigned, by outbidding
    /// the holder of a single-place column (augmenting row reduction), or by a search.
    ///
    /// The bid is Jonker & Volgenant's augmenting row reduction: when the row's best option
    /// is strictly better than its second best and is a full column of capacity 1, the
    /// column's price rises by the difference and the row takes it; the previous holder is
    /// displaced and placed next. The row is then tight at its second-best value, every other
    /// arc into the column only gains reduced cost, and the column stays full, so the
    /// invariant holds. Prices rise by at least 1 per bid; a budget of bids per solve keeps
    /// long bidding wars out (the search then takes over).
    mutating func place(row r: Int) -> Placement {
        let lo = problem.arcStart[r], hi = problem.arcStart[r + 1]
        // Price the new row so that its cheapest option has reduced cost 0.
        var best = Int.max, second = Int.max, bestArc = -1, bestFreeArc = -1
        for k in lo..<hi {
            let g = Int(problem.arcColumn[k])
            let value = problem.arcCost[k] + v[g]
            let free = load[g] < effectiveCapacity[g]
            if value < best {
                second = best
                best = value
                bestArc = k
                bestFreeArc = free ? k : -1
            } else {
                second = min(second, value)
                if value == best && free && bestFreeArc < 0 { bestFreeArc = k }
            }
        }
        if hasUnassigned && unassigned[r] < best {
            u[r] = unassigned[r]
            return .placed  // staying unassigned is strictly cheapest: tight, nothing moves
        }
        if best == .max { return .failed }
        u[r] = best
        if bestFreeArc >= 0 {
            attach(row: r, arc: bestFreeArc)
            return .placed
        }
        if hasUnassigned && unassigned[r] == best { return .placed }
        if hasUnassigned { second = min(second, unassigned[r]) }
        let g = column(ofArc: bestArc)
        if second > best && second != .max && effectiveCapacity[g] == 1 && bidsLeft > 0 {
            bidsLeft -= 1
            let holder = Int(slots[slotStart[g]])
            detach(row: holder)
            v[g] += second - best
            u[r] = second
            attach(row: r, arc: bestArc)
            return .evicted(holder)
        }
        return search(from: r) ? .placed : .failed
    }

    /// Dijkstra from row `root` over reduced costs; flips the shortest path found.
    mutating func search(from root: Int) -> Bool {
        var limit = hasUnassigned ? unassigned[root] - u[root] : Int.max
        var fallbackRow = hasUnassigned ? root : -1  // row that goes unassigned if limit wins
        var terminalCol = -1
        searches += 1
        rowDist[root] = 0
        settledRows.append(Int32(root))
        // The hot loop works on raw buffers of arrays moved out of `self` (and back below):
        // through `self` every access paid bounds, uniqueness and exclusivity checks (the
        // same change made the spare-place repair several times faster; see
        // benchmarks/README.md, 'Tuning notes').
        var dist = colDist, settled = colSettled, pred = colPredArc, rowD = rowDist
        var touched = touchedCols, rowsDone = settledRows
        colDist = []; colSettled = []; colPredArc = []; rowDist = []; touchedCols = []; settledRows = []
        let hasUnassigned = self.hasUnassigned
        var settledCount = 0
        problem.withArcBuffers { arcStart, arcColumn, arcCost in
        u.withUnsafeBufferPointer { u in
        v.withUnsafeBufferPointer { v in
        load.withUnsafeBufferPointer { load in
        effectiveCapacity.withUnsafeBufferPointer { capacity in
        slotStart.withUnsafeBufferPointer { slotStart in
        slots.withUnsafeBufferPointer { slots in
        unassigned.withUnsafeBufferPointer { unassigned in
        dist.withUnsafeMutableBufferPointer { dist in
        settled.withUnsafeMutableBufferPointer { settled in
        pred.withUnsafeMutableBufferPointer { pred in
            // Offers the arcs of row h, settled at distance d. No test for settled columns
            // is needed: reduced costs are ≥ 0, so nd ≥ d ≥ the distance of every settled
            // column, and `nd < dist[g]` fails for them (the loop is bound by random loads).
            func relax(_ h: Int, at d: Int) {
                let base = d - u[h]
                for k in arcStart[h]..<arcStart[h + 1] {
                    let g = Int(arcColumn[k])
                    let nd = base + arcCost[k] + v[g]
                    if nd < dist[g] {
                        if dist[g] == .max { touched.append(Int32(g)) }
                        dist[g] = nd
                        pred[g] = k
                        // Key 2·dist + full: among columns at equal distance, one with spare
                        // capacity comes first and ends the search (ties are common with
                        // small costs).
                        heap.push(key: nd << 1 | (load[g] < capacity[g] ? 0 : 1), column: Int32(g))
                    }
                }
            }
            relax(root, at: 0)
            while let (key, g) = heap.popMin() {
                let d = key >> 1
                if settled[g] || d != dist[g] { continue }
                if d >= limit { break }
                settled[g] = true
                settledCount += 1
                if load[g] < capacity[g] {
                    limit = d
                    terminalCol = g
                    break
                }
                let s = slotStart[g]
                for i in s..<(s + Int(load[g])) {
                    let h = Int(slots[i])
                    rowD[h] = d
                    rowsDone.append(Int32(h))
                    if hasUnassigned {
                        let leave = d + unassigned[h] - u[h]
                        if leave < limit {
                            limit = leave
                            fallbackRow = h
                        }
                    }
                    relax(h, at: d)
                }
            }
        }}}}}}}}}}}
        colDist = dist; colSettled = settled; colPredArc = pred; rowDist = rowD
        touchedCols = touched; settledRows = rowsDone
        settledTotal += settledCount
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

    /// The row an arc leaves from (binary search in the forward star).
    func rowOf(arc k: Int) -> Int {
        var lo = 0, hi = problem.rowCount  // arcStart[lo] ≤ k < arcStart[hi]
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if problem.arcStart[mid] <= k { lo = mid } else { hi = mid }
        }
        return lo
    }

    mutating func cleanUp() {
        for g32 in touchedCols {
            let g = Int(g32)
            colDist[g] = .max
            colSettled[g] = false
        }
        touchedCols.removeAll(keepingCapacity: true)
        settledRows.removeAll(keepingCapacity: true)
        heap.removeAll()
    }

    mutating func attach(row h: Int, arc k: Int) {
        let g = column(ofArc: k)
        let pos = slotStart[g] + Int(load[g])
        slots[pos] = Int32(h)
        rowSlot[h] = Int32(pos)
        load[g] += 1
        rowArc[h] = k
        rowColumn[h] = Int32(g)
    }

    mutating func detach(row h: Int) {
        let g = column(ofArc: rowArc[h])
        let pos = Int(rowSlot[h])
        let last = slotStart[g] + Int(load[g]) - 1
        let moved = slots[last]
        slots[pos] = moved
        rowSlot[Int(moved)] = Int32(pos)
        load[g] -= 1
        rowArc[h] = -1
        rowSlot[h] = -1
        rowColumn[h] = -1
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
