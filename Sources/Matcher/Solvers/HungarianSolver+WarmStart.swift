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
///    row refilled. `repairPricedSpareColumns(_:)` restores it by shortest paths from the sink,
///    many at a time; `resetPricesOfSpareColumns()` is the blunt fallback (reset the price,
///    take out every row that now undercuts it, and let them re-enter).
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

    /// Restores "spare capacity ⇒ price 0" on `spare` by phases of a primal-dual method.
    ///
    /// In flow terms each spare slot of a priced column holds a unit of "slack" whose arc has
    /// negative reduced cost −v[g]; the slack must come back from the sink. Each phase runs one
    /// Dijkstra from the sink: every unassigned row is a source at distance 0 (it may take a
    /// slot) and every column x a source at distance v[x] (it may give up a row, its price then
    /// falling to 0); row → column arcs cost their reduced cost, column → its rows 0. The
    /// search stops at the first priced spare column, at distance D. Prices then fall by
    /// min(dist, D) on every node — all reduced costs stay non-negative — and as many priced
    /// spare slots as possible are refilled along vertex-disjoint paths of zero reduced cost
    /// (a depth-first search back from each one). Each phase fixes at least the column found
    /// at D, usually many more.
    ///
    /// The common fall D is kept in an offset (stored price = true price + offset) so that a
    /// phase costs O(columns + nodes settled + arcs searched), not O(rows).
    mutating func repairPricedSpareColumns(_ spare: [Int]) {
        var repair = SpareSlotRepair(self)
        var targets = spare
        var phases = 0
        while true {
            targets = targets.filter { repair.isPricedSpare($0, self) }
            if targets.isEmpty { break }
            phases += 1
            let nearest = lowerPrices(towards: targets, &repair)
            repair.startSearches()
            var refilled = false
            for g in targets {
                while repair.isPricedSpare(g, self) && refill(g, &repair) { refilled = true }
            }
            // The column found at D is refilled or at price 0 by now; should neither hold, leave
            // the rest to `resetPricesOfSpareColumns()`, which is exact too.
            if !refilled && repair.isPricedSpare(nearest, self) { break }
        }
        for r in 0..<problem.rowCount { u[r] -= repair.offset }
        for x in 0..<problem.columnCount { v[x] -= repair.offset }
        trace("spare-slot repair: \(spare.count) columns in \(phases) phases")
    }

    /// One Dijkstra from the sink towards the nearest priced spare column; lowers prices by
    /// min(dist, D). Returns the column found.
    private mutating func lowerPrices(towards targets: [Int], _ repair: inout SpareSlotRepair) -> Int {
        let offset = repair.offset
        var isTarget = [Bool](repeating: false, count: problem.columnCount)
        for g in targets { isTarget[g] = true }
        func sourceLabel(_ x: Int) -> Int { v[x] - offset + min(0, repair.bestUnassignedSlack[x]) }
        var bound = Int.max
        for g in targets { bound = min(bound, sourceLabel(g)) }
        for x in 0..<problem.columnCount {
            let label = sourceLabel(x)
            if label <= bound {
                touchedCols.append(Int32(x))
                colDist[x] = label
                heap.push(key: label, column: Int32(x))
            }
        }
        var settled: [Int32] = []
        var reach = bound, found = targets[0]
        while let (d, x) = heap.popMin() {
            if colSettled[x] || d != colDist[x] { continue }
            if isTarget[x] {
                reach = d
                found = x
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
                    if nd <= bound && (colDist[y] == .max || nd < colDist[y]) {
                        if colDist[y] == .max { touchedCols.append(Int32(y)) }
                        colDist[y] = nd
                        heap.push(key: nd, column: Int32(y))
                    }
                }
            }
        }
        // True prices fall by min(dist, reach): by reach through the offset, back up where
        // settled; unassigned rows are settled at distance 0.
        repair.offset += reach
        for h32 in settled { u[Int(h32)] += reach - rowDist[Int(h32)] }
        for h in repair.unassignedRows where repair.isUnassigned[h] { u[h] += reach }
        for x32 in touchedCols where colSettled[Int(x32)] {
            let x = Int(x32)
            v[x] += reach - colDist[x]
        }
        cleanUp()
        return found
    }

    /// Fills one spare slot of g along a path of zero reduced cost that starts at an
    /// unassigned row or at a column of true price 0 (which gives up a row), using no row or
    /// column an earlier path of this phase used. Returns false when there is none.
    private mutating func refill(_ g: Int, _ repair: inout SpareSlotRepair) -> Bool {
        if repair.columnVisited[g] { return false }
        repair.markColumn(g)
        // Each level: a column that needs a row, the next in-arc to try, and the arc by
        // which a row of this column would move up to the level above.
        var stack: [(column: Int, next: Int, upArc: Int, upRow: Int)] = [(g, repair.inStart[g], -1, -1)]
        while let top = stack.last {
            let y = top.column
            if top.next == repair.inStart[y + 1] {
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].next += 1
            let k = repair.inArc[top.next]
            let r = Int(repair.inRow[top.next])
            if rowArc[r] == k || repair.rowVisited[r] { continue }
            if problem.arcCost[k] - u[r] + v[y] != 0 { continue }
            repair.markRow(r)
            let from = rowArc[r] >= 0 ? column(ofArc: rowArc[r]) : -1
            if from >= 0 && repair.columnVisited[from] { continue }
            if from >= 0 && v[from] - repair.offset != 0 {
                repair.markColumn(from)
                stack.append((from, repair.inStart[from], k, r))
                continue
            }
            // Found. Only g has a free slot, so rows move from the bottom up: each level's row
            // into the level below, then r (unassigned, or from a column of price 0) into y.
            for level in stack where level.upArc >= 0 {
                let moving = level.upRow
                detach(row: moving)
                attach(row: moving, arc: level.upArc)
            }
            if from >= 0 { detach(row: r) } else { repair.rowWasAssigned(r, self) }
            attach(row: r, arc: k)
            return true
        }
        return false
    }

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
                if !out[r] && problem.arcCost[arcsIn.arc[i]] - u[r] < 0 { takeOut(r) }
            }
        }
        return out
    }
}

/// The arcs entering each column, in reverse forward-star form.
struct ArcsIntoColumns {
    var start: [Int]
    var arc: [Int]
    var row: [Int32]

    /// - Complexity: O(rows + columns + arcs).
    init(_ problem: AssignmentProblem) {
        var start = [Int](repeating: 0, count: problem.columnCount + 1)
        for g in problem.arcColumn { start[Int(g) + 1] += 1 }
        for g in 0..<problem.columnCount { start[g + 1] += start[g] }
        var fill = start
        arc = Array(repeating: 0, count: problem.arcCount)
        row = Array(repeating: 0, count: problem.arcCount)
        for r in 0..<problem.rowCount {
            for k in problem.arcStart[r]..<problem.arcStart[r + 1] {
                let g = Int(problem.arcColumn[k])
                arc[fill[g]] = k
                row[fill[g]] = Int32(r)
                fill[g] += 1
            }
        }
        self.start = start
    }
}

/// An ``ArcsIntoColumns`` built on another thread while the caller goes on (the yearly
/// pairing starts it when a round's problem is made: the auction or the warm start's
/// re-entries run meanwhile, and the repair that needs it comes last). `value` waits for it.
final class PendingArcsIntoColumns: @unchecked Sendable {
    private let done = DispatchGroup()
    private var built: ArcsIntoColumns?

    init(_ problem: AssignmentProblem) {
        done.enter()
        DispatchQueue.global().async {
            self.built = ArcsIntoColumns(problem)
            self.done.leave()
        }
    }

    /// The index (waits until it is built; `built` is written once, before `leave`).
    var value: ArcsIntoColumns {
        done.wait()
        return built!
    }
}

/// What the phases of a spare-slot repair share: the common price fall, the reverse arc
/// index, visit marks of the current phase, and for each column its cheapest arc from an
/// unassigned row (`cost − unassignedCost`, that arc's reduced cost at price 0).
struct SpareSlotRepair {
    var offset = 0
    /// Rows unassigned when the repair began (`isUnassigned` says which still are: the repair
    /// only ever assigns rows).
    let unassignedRows: [Int]
    var bestUnassignedSlack: [Int]
    let inStart: [Int]
    let inArc: [Int]
    let inRow: [Int32]
    private(set) var isUnassigned: [Bool]
    private(set) var rowVisited: [Bool]
    private(set) var columnVisited: [Bool]
    private var visitedRows: [Int] = []
    private var visitedColumns: [Int] = []

    init(_ search: AugmentingPathSearch) {
        let p = search.problem
        let arcsIn = search.arcsIntoColumns()
        inStart = arcsIn.start
        inArc = arcsIn.arc
        inRow = arcsIn.row
        isUnassigned = (0..<p.rowCount).map { search.rowArc[$0] < 0 }
        unassignedRows = (0..<p.rowCount).filter { search.rowArc[$0] < 0 }
        // The cheapest arc into each column from an unassigned row, by the rows' own arcs.
        var best = [Int](repeating: .max, count: p.columnCount)
        if let unassigned = p.unassignedCost {
            for r in unassignedRows {
                for k in p.arcStart[r]..<p.arcStart[r + 1] {
                    let g = Int(p.arcColumn[k])
                    best[g] = min(best[g], p.arcCost[k] - unassigned[r])
                }
            }
        }
        bestUnassignedSlack = best
        rowVisited = Array(repeating: false, count: p.rowCount)
        columnVisited = Array(repeating: false, count: p.columnCount)
    }

    private mutating func refresh(_ g: Int, _ p: AssignmentProblem) {
        var best = Int.max
        if let unassigned = p.unassignedCost {
            for i in inStart[g]..<inStart[g + 1] where isUnassigned[Int(inRow[i])] {
                best = min(best, p.arcCost[inArc[i]] - unassigned[Int(inRow[i])])
            }
        }
        bestUnassignedSlack[g] = best
    }

    func isPricedSpare(_ g: Int, _ search: AugmentingPathSearch) -> Bool {
        search.v[g] - offset > 0 && search.isSpare(g)
    }

    /// Row h has just been assigned: it no longer offers its arcs from the unassigned side.
    mutating func rowWasAssigned(_ h: Int, _ search: AugmentingPathSearch) {
        let p = search.problem
        isUnassigned[h] = false
        for k in p.arcStart[h]..<p.arcStart[h + 1] { refresh(Int(p.arcColumn[k]), p) }
    }

    /// Clears the visit marks for a new phase of path searches.
    mutating func startSearches() {
        for r in visitedRows { rowVisited[r] = false }
        for c in visitedColumns { columnVisited[c] = false }
        visitedRows.removeAll(keepingCapacity: true)
        visitedColumns.removeAll(keepingCapacity: true)
    }

    mutating func markRow(_ r: Int) {
        rowVisited[r] = true
        visitedRows.append(r)
    }

    mutating func markColumn(_ c: Int) {
        columnVisited[c] = true
        visitedColumns.append(c)
    }
}
