import Foundation
/// Warm starts of ``HungarianSolver``: reuse an optimal solution of a nearby problem (a
/// pricing round that added arcs, a what-if that changed costs), keep its pairs and prices,
/// and redo only what the change forces.
///
/// 1. `warmStart(from:)` keeps every pair whose arc is still there and tight, with its prices,
///    and takes out every row that now has an arc of negative reduced cost (or lost its pair).
/// 2. The taken-out rows re-enter by the ordinary search. A column they left keeps its price
///    and counts as having spare capacity, so entering rows refill it at no extra cost.
/// 3. What may still be broken is only "spare capacity ⇒ price 0" on vacated columns that no
///    row refilled. `repairPricedSpareColumns(_:)` restores it by one backward shortest-path
///    search per place (`HungarianSolver+SpareRepair.swift`); `resetPricesOfSpareColumns()` is
///    the blunt fallback (reset the price, take out every row that now undercuts it, and let
///    them re-enter).
/// Every step keeps dual feasibility and tightness, so the result is exact whichever path
/// is taken; ``AssignmentCertificate`` checks it in the tests.
extension AugmentingPathSearch {
    /// The arcs into each column: the one built in the background when there is one.
    func arcsIntoColumns() -> ArcsIntoColumns { pendingArcsIntoColumns?.value ?? ArcsIntoColumns(problem) }

    /// Loads a previous solution's pairs and prices; returns which rows must (re-)enter.
    mutating func warmStart(from previous: AssignmentSolution) -> [Bool] {
        let n = problem.rowCount
        var out = [Bool](repeating: false, count: n)
        // A column with more places than there are rows can never be full: its price is 0.
        v = previous.columnPrice.indices.map { g in
            problem.capacity[g] > Int32(clamping: n) ? 0 : max(0, previous.columnPrice[g])
        }
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

    /// Columns with spare capacity and a positive price (the warm start's leftovers).
    func pricedSpareColumns() -> [Int] { (0..<problem.columnCount).filter(isPricedSpare) }

    func isPricedSpare(_ g: Int) -> Bool { v[g] > 0 && isSpare(g) }

    func isSpare(_ g: Int) -> Bool { load[g] < effectiveCapacity[g] }

    /// Restores `v = 0` on every column with spare capacity: its price is reset, and each
    /// row that an arc into it now undercuts is taken out (its column may in turn need a
    /// reset), breadth-first. Returns the rows taken out, which must re-enter.
    mutating func resetPricesOfSpareColumns() -> [Bool] {
        let n = problem.rowCount
        var out = [Bool](repeating: false, count: n)
        var queue = (0..<problem.columnCount).filter(isPricedSpare)
        if queue.isEmpty { return out }
        let arcsIn = arcsIntoColumns()
        func takeOut(_ r: Int) {
            out[r] = true
            if rowArc[r] >= 0 {
                let g = column(ofArc: rowArc[r])
                detach(row: r)
                if v[g] > 0 { queue.append(g) }
            }
        }
        var head = 0
        while head < queue.count {
            let g = queue[head]
            head += 1
            if v[g] == 0 { continue }
            v[g] = 0
            for i in arcsIn.start[g]..<arcsIn.start[g + 1] {
                let r = Int(arcsIn.row[i])
                if !out[r] && arcsIn.cost[i] - u[r] < 0 { takeOut(r) }
            }
        }
        return out
    }
}

/// The arcs entering each column, in reverse forward-star form: for each column the rows
/// with an arc into it and the arc's cost, in place. The searches that walk it (the
/// auction's reverse bids, the Hungarian's spare-place repair) read every incoming arc's
/// cost, and looking each up through its arc index is a random load per arc (it doubled the
/// time of a city solve when the reverse bids did; see benchmarks/README.md, 'Tuning notes'). It
/// holds no arc indices, so it stays valid when arcs are appended to rows (`adding`, as
/// pricing does), and one index serves the auction and the Hungarian of a round.
struct ArcsIntoColumns: Sendable {
    var start: [Int]
    var row: [Int32]
    var cost: [Int]

    /// - Complexity: O(rows + columns + arcs).
    init(_ problem: AssignmentProblem) {
        let columns = problem.columnCount
        var start = [Int](repeating: 0, count: columns + 1)
        for g in problem.arcColumn { start[Int(g) + 1] += 1 }
        for g in 0..<columns { start[g + 1] += start[g] }
        var fill = start
        var row = [Int32](repeating: 0, count: problem.arcCount)
        var cost = [Int](repeating: 0, count: problem.arcCount)
        problem.withArcBuffers { arcStart, arcColumn, arcCost in
        fill.withUnsafeMutableBufferPointer { fill in
        row.withUnsafeMutableBufferPointer { row in
        cost.withUnsafeMutableBufferPointer { cost in
            for r in 0..<problem.rowCount {
                for k in arcStart[r]..<arcStart[r + 1] {
                    let g = Int(arcColumn[k])
                    let at = fill[g]
                    row[at] = Int32(truncatingIfNeeded: r)
                    cost[at] = arcCost[k]
                    fill[g] = at + 1
                }
            }
        }}}}
        self.start = start
        self.row = row
        self.cost = cost
    }

    private init(start: [Int], row: [Int32], cost: [Int]) {
        self.start = start
        self.row = row
        self.cost = cost
    }

    /// This index with `extra[r]` (column, cost) added to row r's arcs: each column's
    /// entries are copied as a block and the few new ones appended, instead of scattering
    /// every arc again.
    /// - Complexity: O(columns + arcs), sequential but for the extra arcs.
    func adding(_ extra: [[(Int32, Int)]]) -> ArcsIntoColumns {
        let columns = start.count - 1
        var added = [Int](repeating: 0, count: columns + 1)
        for list in extra { for (g, _) in list { added[Int(g) + 1] += 1 } }
        var newStart = [Int](repeating: 0, count: columns + 1)
        for g in 0..<columns { newStart[g + 1] = newStart[g] + (start[g + 1] - start[g]) + added[g + 1] }
        let total = newStart[columns]
        var newRow = [Int32](repeating: 0, count: total)
        var newCost = [Int](repeating: 0, count: total)
        var fill = [Int](repeating: 0, count: columns)
        newRow.withUnsafeMutableBufferPointer { newRow in
        newCost.withUnsafeMutableBufferPointer { newCost in
        row.withUnsafeBufferPointer { row in
        cost.withUnsafeBufferPointer { cost in
            for g in 0..<columns {
                let n = start[g + 1] - start[g], to = newStart[g]
                if n > 0 {
                    (newRow.baseAddress! + to).update(from: row.baseAddress! + start[g], count: n)
                    (newCost.baseAddress! + to).update(from: cost.baseAddress! + start[g], count: n)
                }
                fill[g] = to + n
            }
            for (r, list) in extra.enumerated() {
                for (g, c) in list {
                    let at = fill[Int(g)]
                    newRow[at] = Int32(truncatingIfNeeded: r)
                    newCost[at] = c
                    fill[Int(g)] = at + 1
                }
            }
        }}}}
        return ArcsIntoColumns(start: newStart, row: newRow, cost: newCost)
    }

    /// The column whose entries hold position i.
    func column(at i: Int) -> Int {
        var lo = 0, hi = start.count - 1  // start[lo] ≤ i < start[hi]
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if start[mid] <= i { lo = mid } else { hi = mid }
        }
        return lo
    }
}

/// An ``ArcsIntoColumns`` built on another thread while the caller goes on (the yearly
/// pairing starts it when a round's problem is made: the auction or the warm start's
/// re-entries run meanwhile, and the searches that need it come later). `value` waits for it.
final class PendingArcsIntoColumns: @unchecked Sendable {
    private let done = DispatchGroup()
    private var built: ArcsIntoColumns?

    convenience init(_ problem: AssignmentProblem) {
        self.init { ArcsIntoColumns(problem) }
    }

    /// Builds the index by `make` (say, a previous round's index with the arcs pricing added).
    init(_ make: @escaping @Sendable () -> ArcsIntoColumns) {
        done.enter()
        DispatchQueue.global().async {
            self.built = make()
            self.done.leave()
        }
    }

    /// An index already built (for one thread).
    init(built: ArcsIntoColumns) {
        self.built = built
    }

    /// The index (waits until it is built; `built` is written once, before `leave`).
    var value: ArcsIntoColumns {
        done.wait()
        return built!
    }
}
