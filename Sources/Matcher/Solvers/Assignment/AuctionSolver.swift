/// A fast start for ``HungarianSolver``: Bertsekas' auction with ε-scaling, on the same
/// capacitated problem with unassigned rows. The auction alone is not trusted to be exact;
/// its pairs and prices go into the Hungarian's warm start, which keeps what is tight, redoes
/// what is not, and returns certified dual prices. So the result is exact whatever the
/// auction does; the auction only decides how much work is left.
///
/// **Method.** Costs are scaled by S = rows + 1. Each column of capacity c is c places
/// ("slots") with prices of their own (Bertsekas & Castañón's similar objects); a row sees a
/// column at its cheapest slot. An unassigned row bids: it finds its best value
/// w₁ = cost·S + price and second best w₂ (the second slot of the same column counts; staying
/// unassigned is a private option at its own cost, never priced), takes the best slot and
/// raises that slot's price by w₂ − w₁ + ε, evicting its holder, who bids next. A phase ends
/// when every row is placed; it leaves every row within ε of its best value (ε-complementary
/// slackness). Phases run with ε falling by `scalingFactor` down to 1, keeping prices and the
/// pairs still within the new ε.
///
/// **Handing over.** Column prices become v = ⌊cheapest slot price / S⌋ and row prices
/// u = cost + v of the row's pair (or its unassigned cost). With ε = 1 < S, an arc can violate
/// `u − v ≤ cost` only when a price sits exactly at S − 1 modulo S, which is rare; such rows,
/// and vacated columns that kept a price, are what the warm start repairs.
///
/// **Invariant** (per phase): every placed row's value is within ε of its best option.
///
/// - Complexity: pseudo-polynomial, O(n · m · log(n·C)) worst case for n rows, m arcs,
///   largest cost C; in practice a few bids per row and phase. Bids are capped; past the cap
///   (or when prices show the problem infeasible) the auction gives up and the Hungarian
///   solves from scratch.
/// - Reference: D. P. Bertsekas, "The auction algorithm: a distributed relaxation method for
///   the assignment problem", Annals of Operations Research 14 (1988) 105–123;
///   D. P. Bertsekas & D. A. Castañón, "The auction algorithm for the transportation
///   problem", Annals of Operations Research 20 (1989) 67–96 (similar objects);
///   Bertsekas & Eckstein (1988) for ε-scaling.
public struct AuctionSolver: Sendable {
    /// ε divides by this much from one phase to the next. Bids on the 35,666 × 50 DIMACS
    /// instances (costs 0..1000 / 0..30): α = 3: 1.32 M / 1.85 M; 6: 1.03 M / 1.78 M;
    /// 8: 1.00 M / 1.63 M; 10: 0.94 M / 1.92 M; 16: 0.87 M / 1.67 M; 20: 0.86 M / 2.00 M.
    public var scalingFactor = 16
    /// Costs are multiplied by this (nil: rows + 1, which makes the final phase exact by
    /// Bertsekas' n·ε < S bound). A small scale (say 64) is a coarse but much quicker start;
    /// its prices are then rounded to the nearest integer, not floored (see `handOver`).
    public var scale: Int? = nil
    /// The first phase's ε in cost units (nil: the largest cost / `scalingFactor`).
    public var firstEpsilon: Int? = nil
    /// Reverse bids after each phase, so that no empty slot keeps a price (see
    /// `AuctionMarket+Reverse.swift`). Needed when rows may stay unassigned and outnumber the
    /// places, as in the yearly pairing; the DIMACS problems of `match solve` do without.
    public var reverseBids = false
    /// Give up after this many bids per row per phase on average (then the Hungarian solves).
    public var bidsPerRowAndPhase = 64

    public init() {}

    /// The exact solve: auction start, then the Hungarian's warm start (or cold, when the
    /// auction gave up).
    public func solve(_ problem: AssignmentProblem, rowOrder: [Int]? = nil) -> AssignmentOutcome {
        solve(problem, rowOrder: rowOrder, arcsIntoColumns: nil)
    }

    /// `solve`, with the finish's reverse arc index possibly being built elsewhere.
    func solve(
        _ problem: AssignmentProblem, rowOrder: [Int]?, arcsIntoColumns: PendingArcsIntoColumns?
    ) -> AssignmentOutcome {
        let start = auction(problem, arcsIntoColumns: arcsIntoColumns)?.handOver()
        return HungarianSolver().solve(problem, rowOrder: rowOrder, warmStart: start, arcsIntoColumns: arcsIntoColumns)
    }

    /// Runs the phases; nil when the auction gave up.
    /// The reverse bids walk the arcs into each column: `arcsIntoColumns` when it is being
    /// built elsewhere (it is first needed after phase 1), else built here.
    func auction(_ problem: AssignmentProblem, arcsIntoColumns: PendingArcsIntoColumns? = nil) -> AuctionMarket? {
        var market = AuctionMarket(problem, scale: scale)
        guard market.scale > 0 else { return nil }
        trace("auction: market ready")
        guard runPhases(&market, from: firstPhaseEpsilon(market), arcsIntoColumns: arcsIntoColumns) else { return nil }
        return market
    }

    /// The first phase's ε in scaled units.
    func firstPhaseEpsilon(_ market: AuctionMarket) -> Int {
        var epsilon = max(1, market.largestScaled / scalingFactor)
        if let units = firstEpsilon { epsilon = max(1, min(epsilon, units * market.scale)) }
        return epsilon
    }

    /// Runs the phases from ε = `first` down to `last` (scaled units) on `market`, which may
    /// hold pairs and prices from earlier phases. False when the auction gave up.
    func runPhases(
        _ market: inout AuctionMarket, from first: Int, downTo last: Int = 1,
        arcsIntoColumns: PendingArcsIntoColumns?
    ) -> Bool {
        let bidLimit = bidsPerRowAndPhase * max(1, market.problem.rowCount)
        var epsilon = first
        var phases = 0
        var incoming: ArcsIntoColumns? = nil
        var reverseBidCount = 0
        while true {
            phases += 1
            market.preparePhase(epsilon: epsilon)
            guard market.runPhase(epsilon: epsilon, bidLimit: bidLimit) else {
                trace("auction: gave up in phase \(phases) after \(market.bids) bids")
                return false
            }
            trace("auction phase \(phases) (ε \(epsilon)): \(market.bids) bids so far")
            if reverseBids {
                if incoming == nil { incoming = arcsIntoColumns?.value ?? ArcsIntoColumns(market.problem) }
                reverseBidCount += market.reverseRepair(epsilon: epsilon, incoming: incoming!)
                trace("auction phase \(phases): \(reverseBidCount) reverse bids so far")
            }
            if epsilon <= last { break }
            epsilon = max(last, epsilon / scalingFactor)
        }
        trace("auction: \(phases) phases, \(market.bids) bids, \(reverseBidCount) reverse bids")
        return true
    }
}

/// The auction's state: slot prices and holders, in flat arrays.
struct AuctionMarket {
    private(set) var problem: AssignmentProblem
    /// Costs are multiplied by `scale` (0 when that would overflow).
    let scale: Int
    private(set) var largestScaled: Int
    /// Any price above this means some row cannot be placed (the problem is infeasible).
    private(set) var priceLimit: Int
    let slotStart: [Int]
    var slotPrice: [Int]
    var slotHolder: [Int32]
    /// Cheapest slot of each column and its price.
    var cheapestSlot: [Int]
    var cheapestPrice: [Int]
    /// Slot of each row; `unplaced` or `alone` (staying unassigned).
    var rowSlot: [Int]
    /// Scaled cost of each placed row's arc.
    var rowCost: [Int]
    /// Rows waiting to bid (all of them at first; the first to bid is row 0).
    var queue: [Int32]
    var bids = 0
    /// The ε of the last phase, and the rows that gained arcs since (see `carried(to:)`).
    var lastEpsilon: Int? = nil
    var rowsWithNewArcs: [Int] = []

    static let unplaced = -1
    static let alone = -2
    /// The price of a slot that does not exist: beyond any value a real option can reach
    /// (|scaled costs| < Int.max / 8), yet safe to add a scaled cost to.
    static let closed = Int.max / 2

    /// Rounding of prices in `handOver`: nearest for a coarse scale, floor for the exact one.
    let roundsToNearest: Bool

    init(_ problem: AssignmentProblem, scale chosen: Int? = nil) {
        self.problem = problem
        let n = problem.rowCount, k = problem.columnCount
        let s = max(1, chosen ?? (n + 1))
        roundsToNearest = chosen != nil
        let limits = Self.limits(problem, scale: s)
        scale = limits == nil ? 0 : s
        largestScaled = limits?.largestScaled ?? 0
        priceLimit = limits?.priceLimit ?? 0
        var start = [Int](repeating: 0, count: k + 1)
        for g in 0..<k { start[g + 1] = start[g] + Int(max(0, min(problem.capacity[g], Int32(clamping: n)))) }
        slotStart = start
        slotPrice = Array(repeating: 0, count: start[k])
        slotHolder = Array(repeating: -1, count: start[k])
        cheapestSlot = (0..<k).map { start[$0] < start[$0 + 1] ? start[$0] : -1 }
        cheapestPrice = (0..<k).map { start[$0] < start[$0 + 1] ? 0 : Self.closed }
        rowSlot = Array(repeating: Self.unplaced, count: n)
        queue = (0..<n).reversed().map { Int32($0) }
        rowCost = Array(repeating: 0, count: n)
    }

    /// This market on `wider`, the same problem with arcs added (same rows, columns and
    /// capacities): every pair and price stays, and the next `preparePhase` takes out the rows
    /// that a new arc puts beyond ε. Nil when the new costs are too large to scale.
    func carried(to wider: AssignmentProblem) -> AuctionMarket? {
        precondition(wider.rowCount == problem.rowCount && wider.capacity == problem.capacity)
        guard let limits = Self.limits(wider, scale: scale) else { return nil }
        var out = self
        out.problem = wider
        out.largestScaled = limits.largestScaled
        out.priceLimit = limits.priceLimit
        out.rowsWithNewArcs = (0..<problem.rowCount).filter {
            wider.arcStart[$0 + 1] - wider.arcStart[$0] != problem.arcStart[$0 + 1] - problem.arcStart[$0]
        }
        return out
    }

    /// The largest scaled cost and the price beyond which no row can be placed; nil when
    /// scaling by `scale` would come near overflow.
    private static func limits(_ problem: AssignmentProblem, scale: Int) -> (largestScaled: Int, priceLimit: Int)? {
        let largest = max(1, problem.largestAbsoluteCost)
        let (scaled, o1) = largest.multipliedReportingOverflow(by: scale)
        let (limit, o2) = scaled.multipliedReportingOverflow(by: 4 * problem.rowCount + 8)
        return !o1 && !o2 && limit < Int.max / 8 ? (scaled, limit) : nil
    }

    /// Readies a phase: every row whose place is no longer within `epsilon` of its best
    /// option is taken out and queued to bid; the others keep their place. (A slot left empty
    /// keeps its price: a forward auction only raises prices. The Hungarian's warm start
    /// repairs such "priced spare" columns exactly.)
    mutating func preparePhase(epsilon: Int) {
        let scale = self.scale
        let alone = problem.unassignedCost
        // After a phase at this ε every row was within ε; only new arcs can have changed that.
        let rows = epsilon == lastEpsilon ? rowsWithNewArcs.reversed() : Array(stride(from: problem.rowCount - 1, through: 0, by: -1))
        lastEpsilon = epsilon
        rowsWithNewArcs = []
        for r in rows where rowSlot[r] != Self.unplaced {
            let own = rowSlot[r] == Self.alone ? alone![r] * scale : rowCost[r] + slotPrice[rowSlot[r]]
            var best = alone.map { $0[r] * scale } ?? Int.max
            problem.arcColumn.withUnsafeBufferPointer { column in
                problem.arcCost.withUnsafeBufferPointer { cost in
                    cheapestPrice.withUnsafeBufferPointer { price in
                        for k in problem.arcStart[r]..<problem.arcStart[r + 1] {
                            best = min(best, cost[k] &* scale &+ price[Int(column[k])])
                        }
                    }
                }
            }
            if own <= best + epsilon { continue }
            if rowSlot[r] >= 0 { slotHolder[rowSlot[r]] = -1 }
            rowSlot[r] = Self.unplaced
            queue.append(Int32(r))
        }
    }

    /// Bids until every row is placed. False when the bid budget or the price limit is hit.
    ///
    /// The hot loop works on local buffers (moved out of `self` and back, no copies) so that
    /// it runs without bounds or exclusivity checks.
    mutating func runPhase(epsilon: Int, bidLimit: Int) -> Bool {
        var prices = slotPrice, holders = slotHolder, cheapest = cheapestSlot, cheapestValue = cheapestPrice
        var slotOf = rowSlot, costOf = rowCost, waiting = queue
        slotPrice = []; slotHolder = []; cheapestSlot = []; cheapestPrice = []; rowSlot = []; rowCost = []; queue = []
        defer {
            slotPrice = prices; slotHolder = holders; cheapestSlot = cheapest; cheapestPrice = cheapestValue
            rowSlot = slotOf; rowCost = costOf; queue = waiting
        }
        var budget = bidLimit
        var bidCount = 0
        defer { bids += bidCount }
        let scale = self.scale, largestScaled = self.largestScaled, priceLimit = self.priceLimit
        let noOption = Int.max / 4
        let alone = problem.unassignedCost
        return problem.withArcBuffers { start, column, cost in
        slotStart.withUnsafeBufferPointer { slotStart in
        prices.withUnsafeMutableBufferPointer { price in
        holders.withUnsafeMutableBufferPointer { holder in
        cheapest.withUnsafeMutableBufferPointer { cheapest in
        cheapestValue.withUnsafeMutableBufferPointer { value in
        slotOf.withUnsafeMutableBufferPointer { slotOf in
        costOf.withUnsafeMutableBufferPointer { costOf in
            while let r32 = waiting.popLast() {
                let r = Int(r32)
                budget -= 1
                if budget < 0 { return false }
                bidCount += 1
                var best = noOption, second = noOption, bestColumn = -1, bestCost = 0
                for k in start[r]..<start[r + 1] {
                    let g = Int(column[k])
                    let c = cost[k] &* scale
                    let v = c &+ value[g]
                    if v < best {
                        second = best
                        best = v
                        bestColumn = g
                        bestCost = c
                    } else if v < second {
                        second = v
                    }
                }
                if let alone {
                    let stay = alone[r] &* scale
                    if stay <= best {
                        slotOf[r] = Self.alone
                        continue
                    }
                    second = min(second, stay)
                }
                if bestColumn < 0 || best >= noOption { return false }
                let slot = cheapest[bestColumn]
                // The same column's next slot is an option too.
                let first = slotStart[bestColumn], end = slotStart[bestColumn + 1]
                var nextPrice = Self.closed
                for s in first..<end where s != slot { nextPrice = min(nextPrice, price[s]) }
                second = min(second, bestCost &+ nextPrice)
                let raise = second >= noOption ? largestScaled + epsilon : second - best + epsilon
                let newPrice = price[slot] + raise
                if newPrice > priceLimit { return false }
                price[slot] = newPrice
                let evicted = Int(holder[slot])
                holder[slot] = Int32(r)
                slotOf[r] = slot
                costOf[r] = bestCost
                if evicted >= 0 {
                    slotOf[evicted] = Self.unplaced
                    waiting.append(Int32(evicted))
                }
                // Cheapest slot of the column, after the raise.
                var low = first
                for s in first..<end where price[s] < price[low] { low = s }
                cheapest[bestColumn] = low
                value[bestColumn] = price[low]
            }
            return true
        }}}}}}}}
    }

    /// True when no empty slot carries a price: then ε-complementary slackness with ε = 1 on
    /// costs scaled by rows + 1 makes the assignment optimal (Bertsekas' bound n·ε < S).
    var emptySlotsArePriceless: Bool {
        slotPrice.indices.allSatisfy { slotHolder[$0] >= 0 || slotPrice[$0] == 0 }
    }

    /// The pairs and integer prices in the Hungarian's form (see ``AuctionSolver``).
    func handOver() -> AssignmentSolution {
        let n = problem.rowCount, k = problem.columnCount
        var column = [Int32](repeating: -1, count: n)
        var v = [Int](repeating: 0, count: k)
        // A bid leaves a price just below a multiple of the scale (at k·S − ε) when a row is
        // indifferent between two options; with a coarse scale flooring would then break
        // tightness on thousands of rows, rounding to the nearest keeps them tight.
        let half = roundsToNearest ? scale / 2 : 0
        for g in 0..<k where cheapestSlot[g] >= 0 { v[g] = (cheapestPrice[g] + half) / scale }
        var u = [Int](repeating: 0, count: n)
        var objective = 0
        for r in 0..<n {
            let s = rowSlot[r]
            if s >= 0 {
                let g = columnOf(slot: s)
                column[r] = Int32(g)
                let c = rowCost[r] / scale  // the pair's cost, scaled when it was made
                u[r] = c + v[g]
                objective += c
            } else {
                let p = problem.unassignedCost?[r] ?? 0
                u[r] = p
                objective += p
            }
        }
        return AssignmentSolution(column: column, rowPrice: u, columnPrice: v, objective: objective)
    }

    func columnOf(slot s: Int) -> Int {
        // Binary search in slotStart for the column whose range holds s.
        var lo = 0, hi = problem.columnCount - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if slotStart[mid] <= s { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}
