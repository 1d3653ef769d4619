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
    /// ε divides by this much from one phase to the next (measured on the 35,666 × 50
    /// DIMACS instance and the dalian pairing; see benchmarks/README.md).
    public var scalingFactor = 6
    /// Give up after this many bids per row per phase on average (then the Hungarian solves).
    public var bidsPerRowAndPhase = 64

    public init() {}

    /// The exact solve: auction start, then the Hungarian's warm start (or cold, when the
    /// auction gave up).
    public func solve(_ problem: AssignmentProblem, rowOrder: [Int]? = nil) -> AssignmentOutcome {
        let start = approximate(problem)
        return HungarianSolver().solve(problem, rowOrder: rowOrder, warmStart: start)
    }

    /// An ε-optimal start in the Hungarian's form, or nil when the auction gave up (too many
    /// bids, prices beyond any feasible level, or costs too large to scale).
    public func approximate(_ problem: AssignmentProblem) -> AssignmentSolution? {
        auction(problem)?.handOver()
    }

    /// Runs the phases; nil when the auction gave up.
    func auction(_ problem: AssignmentProblem) -> AuctionMarket? {
        var market = AuctionMarket(problem)
        guard market.scale > 0 else { return nil }
        let bidLimit = bidsPerRowAndPhase * max(1, problem.rowCount)
        var epsilon = max(1, market.largestScaled / scalingFactor)
        var phases = 0
        while true {
            phases += 1
            market.preparePhase(epsilon: epsilon)
            guard market.runPhase(epsilon: epsilon, bidLimit: bidLimit) else {
                trace("auction: gave up in phase \(phases) after \(market.bids) bids")
                return nil
            }
            if epsilon == 1 { break }
            epsilon = max(1, epsilon / scalingFactor)
        }
        trace("auction: \(phases) phases, \(market.bids) bids")
        return market
    }
}

/// The auction's state: slot prices and holders, in flat arrays.
struct AuctionMarket {
    let problem: AssignmentProblem
    /// Costs are multiplied by `scale` (0 when that would overflow).
    let scale: Int
    let largestScaled: Int
    /// Any price above this means some row cannot be placed (the problem is infeasible).
    let priceLimit: Int
    let slotStart: [Int]
    var slotPrice: [Int]
    var slotHolder: [Int32]
    /// Cheapest slot of each column and its price.
    var cheapestSlot: [Int]
    var cheapestPrice: [Int]
    /// Slot of each row; `unplaced` or `alone` (staying unassigned).
    var rowSlot: [Int]
    /// Rows waiting to bid (all of them at first; the first to bid is row 0).
    var queue: [Int32]
    var bids = 0

    static let unplaced = -1
    static let alone = -2
    /// The price of a slot that does not exist: beyond any value a real option can reach
    /// (|scaled costs| < Int.max / 8), yet safe to add a scaled cost to.
    static let closed = Int.max / 2

    init(_ problem: AssignmentProblem) {
        self.problem = problem
        let n = problem.rowCount, k = problem.columnCount
        let largest = max(1, problem.largestAbsoluteCost)
        let s = n + 1
        let (scaled, o1) = largest.multipliedReportingOverflow(by: s)
        let (limit, o2) = scaled.multipliedReportingOverflow(by: 4 * n + 8)
        let fits = !o1 && !o2 && limit < Int.max / 8
        scale = fits ? s : 0
        largestScaled = fits ? scaled : 0
        priceLimit = fits ? limit : 0
        var start = [Int](repeating: 0, count: k + 1)
        for g in 0..<k { start[g + 1] = start[g] + Int(max(0, min(problem.capacity[g], Int32(clamping: n)))) }
        slotStart = start
        slotPrice = Array(repeating: 0, count: start[k])
        slotHolder = Array(repeating: -1, count: start[k])
        cheapestSlot = (0..<k).map { start[$0] < start[$0 + 1] ? start[$0] : -1 }
        cheapestPrice = (0..<k).map { start[$0] < start[$0 + 1] ? 0 : Self.closed }
        rowSlot = Array(repeating: Self.unplaced, count: n)
        queue = (0..<n).reversed().map { Int32($0) }
    }

    /// Readies a phase: every row whose place is no longer within `epsilon` of its best
    /// option is taken out and queued to bid; the others keep their place. (A slot left empty
    /// keeps its price: a forward auction only raises prices. The Hungarian's warm start
    /// repairs such "priced spare" columns exactly.)
    mutating func preparePhase(epsilon: Int) {
        for r in stride(from: problem.rowCount - 1, through: 0, by: -1) where rowSlot[r] != Self.unplaced {
            if isWithin(epsilon, row: r) { continue }
            if rowSlot[r] >= 0 { slotHolder[rowSlot[r]] = -1 }
            rowSlot[r] = Self.unplaced
            queue.append(Int32(r))
        }
    }

    func isWithin(_ epsilon: Int, row r: Int) -> Bool {
        var best = problem.unassignedCost.map { $0[r] * scale } ?? Int.max
        var own = rowSlot[r] == Self.alone ? best : Int.max
        for k in problem.arcStart[r]..<problem.arcStart[r + 1] {
            let g = Int(problem.arcColumn[k])
            guard cheapestSlot[g] >= 0 else { continue }
            best = min(best, problem.arcCost[k] * scale + cheapestPrice[g])
            let s = rowSlot[r]
            if s >= slotStart[g] && s < slotStart[g + 1] {
                own = min(own, problem.arcCost[k] * scale + slotPrice[s])
            }
        }
        return own != Int.max && own <= best + epsilon
    }

    /// Bids until every row is placed. False when the bid budget or the price limit is hit.
    mutating func runPhase(epsilon: Int, bidLimit: Int) -> Bool {
        var budget = bidLimit
        let hasAlone = problem.unassignedCost != nil
        let noOption = Int.max / 4
        return problem.arcStart.withUnsafeBufferPointer { start in
            problem.arcColumn.withUnsafeBufferPointer { column in
                problem.arcCost.withUnsafeBufferPointer { cost in
                    while let r32 = queue.popLast() {
                        let r = Int(r32)
                        budget -= 1
                        if budget < 0 { return false }
                        bids += 1
                        var best = noOption, second = noOption, bestColumn = -1
                        for k in start[r]..<start[r + 1] {
                            let g = Int(column[k])
                            let value = cost[k] &* scale &+ cheapestPrice[g]
                            if value < best {
                                second = best
                                best = value
                                bestColumn = g
                            } else if value < second {
                                second = value
                            }
                        }
                        if hasAlone {
                            let alone = problem.unassignedCost![r] * scale
                            if alone <= best {
                                rowSlot[r] = Self.alone
                                continue
                            }
                            second = min(second, alone)
                        }
                        if bestColumn < 0 || best >= noOption { return false }
                        let slot = cheapestSlot[bestColumn]
                        let own = best - slotPrice[slot]  // the arc's scaled cost
                        second = min(second, own + secondCheapestPrice(bestColumn, besides: slot))
                        let raise = second >= noOption ? largestScaled + epsilon : second - best + epsilon
                        let price = slotPrice[slot] + raise
                        if price > priceLimit { return false }
                        slotPrice[slot] = price
                        let evicted = Int(slotHolder[slot])
                        slotHolder[slot] = Int32(r)
                        rowSlot[r] = slot
                        if evicted >= 0 {
                            rowSlot[evicted] = Self.unplaced
                            queue.append(Int32(evicted))
                        }
                        updateCheapest(bestColumn)
                    }
                    return true
                }
            }
        }
    }

    /// True when no empty slot carries a price: then ε-complementary slackness with ε = 1 on
    /// costs scaled by rows + 1 makes the assignment optimal (Bertsekas' bound n·ε < S).
    var emptySlotsArePriceless: Bool {
        slotPrice.indices.allSatisfy { slotHolder[$0] >= 0 || slotPrice[$0] == 0 }
    }

    func secondCheapestPrice(_ g: Int, besides slot: Int) -> Int {
        var second = Self.closed
        for s in slotStart[g]..<slotStart[g + 1] where s != slot { second = min(second, slotPrice[s]) }
        return second
    }

    mutating func updateCheapest(_ g: Int) {
        var best = slotStart[g]
        for s in slotStart[g]..<slotStart[g + 1] where slotPrice[s] < slotPrice[best] { best = s }
        cheapestSlot[g] = best
        cheapestPrice[g] = slotPrice[best]
    }

    /// The pairs and integer prices in the Hungarian's form (see ``AuctionSolver``).
    func handOver() -> AssignmentSolution {
        let n = problem.rowCount, k = problem.columnCount
        var column = [Int32](repeating: -1, count: n)
        var v = [Int](repeating: 0, count: k)
        for g in 0..<k where cheapestSlot[g] >= 0 { v[g] = cheapestPrice[g] / scale }
        var u = [Int](repeating: 0, count: n)
        var objective = 0
        for r in 0..<n {
            let s = rowSlot[r]
            if s >= 0 {
                let g = columnOf(slot: s)
                column[r] = Int32(g)
                var c = Int.max
                for a in problem.arcStart[r]..<problem.arcStart[r + 1] where Int(problem.arcColumn[a]) == g {
                    c = min(c, problem.arcCost[a])
                }
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

