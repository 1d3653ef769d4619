/// Restoring "spare capacity ⇒ price 0" one priced spare place at a time, by a Dijkstra
/// search backwards from that place (the mirror of the Hungarian's forward search).
///
/// **Method.** Column g has a spare place and price v_g > 0. The search labels each column x
/// with δ_x, the least total reduced cost of a chain that brings g a row: a row h of x moves
/// into a column y already on the chain at reduced cost `c(h,y) − u_h + v_y`, so
/// `δ_x = δ_y + that`. A chain ends (its cost is a candidate D) at a settled column x that gives
/// up its row and lets its price fall to 0 (`δ_x + v_x`), at an unassigned row h that moves
/// into y (`δ_y + c(h,y) − u_h + v_y`), or at g itself when its own price simply falls to 0
/// (`v_g`). With D the least candidate, every column settled at δ < D and the rows it holds
/// lose `D − δ` of price; then the chain is tight and the rows move along it.
///
/// **Invariant** (kept by each search, as in the forward search): every reduced cost stays
/// ≥ 0 (a row of an unsettled column into a settled y had `δ_y + rc ≥ D`), pairs stay tight
/// (a column and its rows fall together), prices stay ≥ 0 (`δ_x + v_x ≥ D` for settled x),
/// and unassigned rows keep u = their unassigned cost. Each search fills one place of g or
/// brings its price to 0, and settles only the columns nearer than D, far fewer than one
/// phase of the sink-rooted search it replaced.
///
/// It replaced phases of one Dijkstra from the sink towards all priced spare places at once
/// (multi-source, with a common price fall kept in an offset, and depth-first refills), each
/// phase settling a large part of the columns, several phases per warm round: with this
/// search the run is shorter, and later rounds price out fewer pairs (see
/// benchmarks/README.md, 'Tuning notes').
///
/// The search reads each incoming arc's cost from the index itself and a row's column from
/// `rowColumn`, on raw buffers: through `self`'s arrays (bounds, uniqueness and exclusivity
/// checks, and two more random loads per arc) the same searches were several times slower.
///
/// - Complexity: O((columns settled + arcs into them) · log) per search.
extension AugmentingPathSearch {
    mutating func repairPricedSpareColumns(_ spare: [Int]) {
        let arcsIn = arcsIntoColumns()
        trace("spare-place repair: index ready")
        var searches = 0
        let settledBefore = repairSettled
        for g in spare {
            while isPricedSpare(g) {
                searches += 1
                refillBackwards(g, arcsIn)
            }
        }
        trace("spare-place repair: \(spare.count) columns in \(searches) backward searches, \(repairSettled - settledBefore) settled")
    }

    private mutating func refillBackwards(_ g: Int, _ arcsIn: ArcsIntoColumns) {
        var best = v[g]  // g's price falls to 0, nothing moves
        // A chain link is kept as a position in `arcsIn` (its row and the column it enters).
        var endColumn = g, endRow = -1, endLink = -1
        colDist[g] = 0
        touchedCols.append(Int32(g))
        heap.push(key: 0, column: Int32(g))
        // The hot loop works on raw buffers of arrays moved out of `self` (and back below).
        var dist = colDist, settled = colSettled, pred = colPredArc, touched = touchedCols
        colDist = []; colSettled = []; colPredArc = []; touchedCols = []
        u.withUnsafeBufferPointer { u in
        v.withUnsafeBufferPointer { v in
        rowColumn.withUnsafeBufferPointer { rowColumn in
        arcsIn.start.withUnsafeBufferPointer { inStart in
        arcsIn.row.withUnsafeBufferPointer { inRow in
        arcsIn.cost.withUnsafeBufferPointer { inCost in
        dist.withUnsafeMutableBufferPointer { dist in
        settled.withUnsafeMutableBufferPointer { settled in
        pred.withUnsafeMutableBufferPointer { pred in
            while let (d, y) = heap.popMin() {
                if settled[y] || d != dist[y] { continue }
                if d >= best { break }
                settled[y] = true
                repairSettled += 1
                if y != g && d + v[y] < best {
                    best = d + v[y]
                    endColumn = y
                    endRow = -1
                }
                let base = d + v[y]
                for i in inStart[y]..<inStart[y + 1] {
                    let h = Int(inRow[i])
                    let x = Int(rowColumn[h])
                    if x == y { continue }
                    let nd = base + inCost[i] - u[h]
                    if nd >= best { continue }
                    if x < 0 {
                        best = nd
                        endRow = h
                        endLink = i
                        endColumn = -1
                        continue
                    }
                    if settled[x] || nd >= dist[x] { continue }
                    if dist[x] == .max { touched.append(Int32(x)) }
                    dist[x] = nd
                    pred[x] = i
                    heap.push(key: nd, column: Int32(x))
                }
            }
        }}}}}}}}}
        colDist = dist; colSettled = settled; colPredArc = pred; touchedCols = touched
        let reach = best
        for y32 in touchedCols where colSettled[Int(y32)] {
            let y = Int(y32)
            let fall = reach - colDist[y]
            if fall <= 0 { continue }
            v[y] -= fall
            let s = slotStart[y]
            for i in s..<(s + Int(load[y])) { u[Int(slots[i])] -= fall }
        }
        // The chain, from its end to g: (row, arc it moves on).
        var moves: [(row: Int, arc: Int)] = []
        var next = endColumn
        func follow(_ link: Int) {
            let h = Int(arcsIn.row[link]), y = arcsIn.column(at: link)
            moves.append((h, arc(of: h, into: y, cost: arcsIn.cost[link])))
            next = y
        }
        if endRow >= 0 { follow(endLink) } else if endColumn != g { follow(colPredArc[endColumn]) }
        while next != g { follow(colPredArc[next]) }
        cleanUp()
        // g has the free place: the move into g first, then each into the place just freed.
        for (h, k) in moves.reversed() {
            if rowArc[h] >= 0 { detach(row: h) }
            attach(row: h, arc: k)
        }
    }

    /// Row h's arc into column y of cost c (one exists: the reverse index was built from them).
    private func arc(of h: Int, into y: Int, cost c: Int) -> Int {
        let arcs = problem.arcStart[h]..<problem.arcStart[h + 1]
        return arcs.first { Int(problem.arcColumn[$0]) == y && problem.arcCost[$0] == c }!
    }
}
