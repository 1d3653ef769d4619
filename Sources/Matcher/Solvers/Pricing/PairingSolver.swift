import Foundation

/// The exact yearly pairing: SPEC's default model solved to proven optimality over *all*
/// eligible pairs, while the assignment solver only ever sees a short candidate list.
///
/// **Method** (column generation over the pairs, with an auction start and the Hungarian
/// method as the exact solver of each restricted problem):
/// 1. Locked pairs are fixed; their helpers' capacity is reduced.
/// 2. Every free household gets the `candidatesPerHousehold` eligible helpers of least cost
///    (ties broken by a hash of the pair, so equal helpers are spread, not piled onto one),
///    plus its previous helper.
/// 3. Without a previous plan, coarse rounds come first: one ``AuctionSolver`` phase (costs
///    ×64, ε one cost unit, reverse bids for places left empty with a price), carried on
///    from round to round, and pricing at its rounded prices (step 4, leaving listed pairs
///    out), until few households gain pairs (`PairingSolver+Rounds.swift`). Then the
///    restricted problem is solved exactly with prices u, v: by refining that auction market
///    (ε down to 1/64) and finishing with the Hungarian's exact warm start; or, with a
///    previous plan, by a fresh auction so finished when it is new or much changed, and by
///    ``HungarianSolver`` warm-started from the last round when few households gained pairs.
/// 4. Pricing: every eligible pair left out is priced with `c(h,g) − u_h + v_g`. If none is
///    negative, (u, v) is dual feasible for the full problem, and the plan is optimal for
///    it — the certificate covers all eligible pairs. Otherwise the most negative pairs of
///    each household (without a previous plan, from round 2 also its near-tight ones, see
///    `nearTightMargin`) join the list and the restricted problem is solved again (step 3).
///    The scan runs over helpers in contiguous blocks grouped by offer and sorted by price
///    inside each group; it computes a household's deficit once per group and leaves a group
///    at the first helper too dear to undercut, or, once the household holds `addedPerRound`
///    pairs, too dear to beat the last of them (`EligiblePairs.forEachUndercuttingNarrowed`:
///    the same plan, from a shorter scan; see benchmarks/README.md, 'Tuning notes'). After an
///    exact round pricing is incremental: only households whose price rose and helpers
///    whose price fell can have gained a negative pair, so only they are scanned.
/// The loop ends because each round adds at least one pair, and there are finitely many;
/// only an exact round's prices can end it.
///
/// - Complexity: each round O(eligible pairs / cores) for pricing plus one Hungarian solve
///   on O(households × candidates) arcs.
/// - Invariant at exit: `u_h − v_g ≤ c(h,g)` for every eligible (h,g) with g having spare
///   capacity after locks, `u_h ≤ p(h)`, `v ≥ 0`, and Σu − Σ residual·v = objective − locked.
///
/// Why this auction and not `match solve`'s: the pairing has more households than places and
/// a price-free "unpaired" option, so places that a phase empties keep prices nobody pays.
/// Without reverse bids the Hungarian's exact repair of those (a large share of a city's
/// helpers) cost more than a cold Hungarian solve; with them no empty place keeps a price.
/// The exact scale (rows + 1) needs 5–6 phases; ×64 needs 4, and rounding its prices to the
/// nearest integer leaves far fewer rows for the Hungarian than flooring, so the auction and
/// its finish beat a cold Hungarian solve (see benchmarks/README.md, 'Tuning notes').
public struct PairingSolver: Sendable {
    /// Candidates per household in the first list (K) and undercutting pairs added per
    /// household and round (M, `addedPerRound`): 24/24 was the quickest of the values tried
    /// on a city roll (see benchmarks/README.md, 'Tuning notes').
    public var candidatesPerHousehold = 24
    public var addedPerRound = 24
    /// Warm-start a round when fewer than this share of households gained pairs. A larger
    /// share warm-starts rounds with so many re-entries that a fresh solve is quicker; a
    /// smaller one solves more rounds afresh and needs more of them (see
    /// benchmarks/README.md, 'Tuning notes').
    ///
    /// Tried and dropped: starting each fresh round's auction from the last round's prices
    /// (it helped a fresh run a little and hurt `--previous` more).
    public var warmStartShare = 0.1
    /// When no previous plan is given, from pricing round `nearTightFromRound` on a household
    /// that has an undercutting pair also gets its pairs of reduced cost below this margin
    /// (most negative first, at most `addedPerRound`): the next solves move prices a little,
    /// and pairs that are just tight now are the ones that undercut then: fewer rounds and a
    /// shorter run. With a previous plan it does not pay: the what-if benchmark's whole-roll
    /// run needed several times the rounds, and `--previous` gained nothing beyond noise
    /// (see benchmarks/README.md, 'Tuning notes').
    public var nearTightMargin = 1
    public var nearTightFromRound = 2
    /// Without a previous plan, price from coarse auction prices first (see
    /// `PairingSolver+Rounds.swift`): on until fewer than `coarseShare` of the households gain
    /// pairs in a round (or `coarseRoundLimit` rounds), then refine that market to ε =
    /// `refineEpsilon` / 64 of a cost unit and go on exactly.
    public var coarseRounds = true
    public var coarseShare = 0.45
    public var coarseRoundLimit = 20
    public var refineEpsilon = 4
    /// Threads for candidate lists and pricing (nil: all cores). The plan does not depend on it.
    public var threads: Int? = nil
    /// When set, a solve still pricing at this instant stops after its next exact round with
    /// that round's plan and a proven bound (see ``SolveStop``). Solves with quotas ignore it.
    public var deadline: ContinuousClock.Instant? = nil
    /// Progress reports after every exact round, and a cancel checked between rounds (a
    /// cancelled solve returns like a stopped one, with `stop == .cancelled`).
    public var control: SolveControl? = nil

    /// The start of rounds solved afresh (see the type's doc comment).
    public var coldStart: AuctionSolver = {
        var auction = AuctionSolver()
        auction.scale = 64
        auction.firstEpsilon = 1
        auction.scalingFactor = 4
        auction.reverseBids = true
        return auction
    }()

    public init() {}

    public func solve(_ model: CostModel, lockedHelper: [Int32]? = nil) -> PairingResult {
        solveRounds(PairingInstance(model: model, lockedHelper: lockedHelper), quotas: nil)
    }

    /// The plain pairing of `instance` (its side constraints are not looked at).
    func solve(_ instance: PairingInstance) -> PairingResult {
        solveRounds(instance, quotas: nil)
    }

    /// The rounds of column generation (see the type's doc comment). With `quotas`, the
    /// restricted problems carry the coverage network's group columns (see
    /// ``CoverageNetwork``), every round is an exact warm start of the Hungarian method
    /// (from `quotas.start` first), and the result has quota prices; households the solve
    /// could only leave on the artificial fallback have helper `-2`.
    func solveRounds(_ instance: PairingInstance, quotas: QuotaColumns?) -> PairingResult {
        let clock = ContinuousClock()
        let started = clock.now
        let model = instance.model, roll = model.roll
        let households = roll.households.count
        let locked = instance.locked, residual = instance.residual, lockedCost = instance.lockedCost
        let freeHouseholds = instance.free
        let pairs = instance.pairs
        let unpaired = freeHouseholds.map { model.unpairedCost($0) }
        let helperCount = roll.helpers.count
        // With quotas: group columns after the helpers, and every row must be placed (an
        // unassigned row is the artificial fallback, dearer than any plan that meets them).
        let capacity = quotas.map { residual + $0.room } ?? residual
        // Nested quota levels add rows that are not households (see ``QuotaColumns``).
        let extraRows = quotas?.extraRows(helperCount: helperCount) ?? []
        let rowCount = freeHouseholds.count + extraRows.count
        let unassignedCost = quotas.map { q in [Int](repeating: q.fallbackCost, count: rowCount) } ?? unpaired
        let noAdditions = [[(Int32, Int)]](repeating: [], count: extraRows.count)

        // Under quotas the plain solve's last list is the start: it holds the plain optimum's
        // pairs and every pair its rounds found worth listing.
        var arcs = quotas?.startPlan.candidates ?? initialCandidates(pairs, freeHouseholds, residual: residual)
        if let quotas {
            arcs = arcs.adding(freeHouseholds.map { h in
                [(Int32(helperCount) + quotas.groupOf[h], model.unpairedCost(h))]
            }, threads: threads).appendingRows(extraRows)
        }
        var stats = PairingResult.Statistics()
        stats.candidateSeconds = seconds(since: started, clock)
        trace("candidates ready at \(stats.candidateSeconds)")
        var lastPricing: PricingState? = nil
        var lastIndex: PendingArcsIntoColumns? = nil
        let rowOrder = Self.rowOrder(unpaired) + Array(freeHouseholds.count..<rowCount)
        var lastAdditions: [[(Int32, Int)]] = []
        let previousPlan = model.previousHelper.contains { $0 >= 0 }
        var start: RoundStart = coarseRounds && !previousPlan ? .coarse : .fresh
        if let quotas { start = .warm(quotas.start(freeHouseholds, helperCount: helperCount)) }
        var market: AuctionMarket? = nil
        while true {
            let problem = AssignmentProblem(
                rowCount: rowCount, columnCount: capacity.count,
                arcStart: arcs.start, arcColumn: arcs.column, arcCost: arcs.cost,
                capacity: capacity, unassignedCost: unassignedCost)
            stats.candidateArcs = problem.arcCount
            let solveStart = clock.now
            // The reverse bids and the repair need the arcs by column; with a second core
            // they are indexed there while the auction or the re-entries run. After the
            // first round the index is last round's with the added arcs merged in.
            let index = indexOfArcs(problem, previous: lastIndex, adding: lastAdditions)
            lastIndex = index
            if case .coarse = start {
                guard let prices = coarsePhase(problem, market: &market, index: index) else {
                    start = .fresh
                    continue
                }
                stats.coarseRounds += 1
                stats.solveSeconds += seconds(since: solveStart, clock)
                let pricingStart = clock.now
                let order = pairs.ordered(by: prices.columnPrice)
                let additions = price(pairs, freeHouseholds, prices.rowPrice, margin: 0, leavingOut: arcs) { _ in order }
                stats.pricingSeconds += seconds(since: pricingStart, clock)
                let touched = additions.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) }
                stats.pricedOutPairs.append(additions.reduce(0) { $0 + $1.count })
                trace("coarse round \(stats.coarseRounds) at \(seconds(since: started, clock)): arcs \(problem.arcCount), added \(stats.pricedOutPairs.last!) for \(touched) households")
                if touched > 0 { arcs = arcs.adding(additions, threads: threads) }
                lastAdditions = additions
                if Double(touched) < coarseShare * Double(freeHouseholds.count) || stats.coarseRounds >= coarseRoundLimit {
                    start = .refine(from: refineEpsilon)
                }
                continue
            }
            stats.rounds += 1
            guard case .optimal(let solution) = solveExactly(problem, start, market: &market, rowOrder: rowOrder, index: index) else {
                // Unassigned rows are allowed and costs were bounded by CostModel, so neither
                // infeasibility nor overflow can happen here.
                preconditionFailure("restricted pairing problem not solved")
            }
            stats.solveSeconds += seconds(since: solveStart, clock)
            let pricingStart = clock.now
            let additions: [[(Int32, Int)]]
            let margin = margin(after: stats.rounds, previousPlan: previousPlan || quotas != nil)
            // Pricing runs over the helpers; group columns' arcs are always listed.
            let helperPrice = quotas == nil ? solution.columnPrice : Array(solution.columnPrice.prefix(helperCount))
            if let last = lastPricing,
               let partial = priceIncrementally(pairs, freeHouseholds, u: solution.rowPrice, v: helperPrice, since: last, margin: margin) {
                additions = partial
            } else {
                let order = pairs.ordered(by: helperPrice)
                additions = price(pairs, freeHouseholds, solution.rowPrice, margin: margin) { _ in order }
            }
            lastPricing = PricingState(
                u: solution.rowPrice, v: helperPrice,
                truncated: additions.map { $0.count == addedPerRound })
            stats.pricingSeconds += seconds(since: pricingStart, clock)
            let added = additions.reduce(0) { $0 + $1.count }
            stats.pricedOutPairs.append(added)
            trace("round \(stats.rounds) at \(seconds(since: started, clock)): arcs \(problem.arcCount), solve \(stats.solveSeconds) s, pricing \(stats.pricingSeconds) s, added \(added)")
            if added == 0 {
                var helperOf = locked
                for (r, h) in freeHouseholds.enumerated() {
                    // A group column means unpaired.
                    helperOf[h] = solution.column[r] >= Int32(helperCount) ? -1 : solution.column[r]
                }
                var householdPrice = [Int?](repeating: nil, count: households)
                for (r, h) in freeHouseholds.enumerated() { householdPrice[h] = solution.rowPrice[r] }
                stats.totalSeconds = seconds(since: started, clock)
                var result = PairingResult(
                    helperOf: helperOf, locked: locked.map { $0 >= 0 },
                    objective: solution.objective + lockedCost, bound: solution.objective + lockedCost,
                    householdPrice: householdPrice, helperPrice: helperPrice,
                    residualCapacity: residual, lockedCost: lockedCost, statistics: stats)
                result.candidates = arcs
                if let quotas {
                    result.quotaPrices = QuotaPrices(
                        network: quotas.network, columnPrice: Array(solution.columnPrice.suffix(from: helperCount)))
                    // Unassigned under quotas is the fallback: a household's finest group, or
                    // the group of a pass row, that no plan gives enough room.
                    let passRowGroup = quotas.passRowGroups()
                    result.fallbackGroups = solution.column.indices.filter { solution.column[$0] < 0 }.map { r in
                        r < freeHouseholds.count ? Int(quotas.groupOf[freeHouseholds[r]]) : passRowGroup[r - freeHouseholds.count]
                    }
                }
                return result
            }
            let cancelled = control?.isCancelled ?? false
            if cancelled || (quotas == nil && deadline.map { clock.now >= $0 } ?? false) {
                stats.totalSeconds = seconds(since: started, clock)
                var stopped = stoppedResult(
                    model, solution, freeHouseholds, additions, locked: locked, residual: residual,
                    lockedCost: lockedCost, statistics: stats)
                if cancelled { stopped.stop = .cancelled }
                return stopped
            }
            if let control {
                // Without quotas every round's plan is a plan of the roll and its prices,
                // lowered by the most negative reduced costs, a proven bound (as when stopped).
                if quotas == nil {
                    let bound = Self.provenBound(Self.loweredPrices(solution, additions), solution, residual: residual) + lockedCost
                    control.report(.pricing, plan: solution.objective + lockedCost, bound: bound)
                } else {
                    control.report(.coverage)
                }
            }
            let rowsAdded = extraRows.isEmpty ? additions : additions + noAdditions
            arcs = arcs.adding(rowsAdded, threads: threads)
            lastAdditions = rowsAdded
            let touched = additions.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) }
            start = quotas != nil
                ? .warm(solution)
                : nextStart(after: solution, touched: touched, of: freeHouseholds.count, market: market)
        }
    }

    /// The plan of an exact round whose pricing still found undercutting pairs, with a proven
    /// bound: each household's price is lowered by its most negative reduced cost over all
    /// eligible pairs (the first of its priced pairs; the pricing scans every pair that can
    /// undercut), which makes (u, v) dual feasible for the whole problem, so Σu − Σ residual·v
    /// is a lower bound on every plan (LP duality).
    private func stoppedResult(
        _ model: CostModel, _ solution: AssignmentSolution, _ rows: [Int], _ additions: [[(Int32, Int)]],
        locked: [Int32], residual: [Int32], lockedCost: Int, statistics: PairingResult.Statistics
    ) -> PairingResult {
        var helperOf = locked
        var householdPrice = [Int?](repeating: nil, count: locked.count)
        let lowered = Self.loweredPrices(solution, additions)
        for (r, h) in rows.enumerated() {
            helperOf[h] = solution.column[r]
            householdPrice[h] = lowered[r]
        }
        let dual = Self.provenBound(lowered, solution, residual: residual)
        var result = PairingResult(
            helperOf: helperOf, locked: locked.map { $0 >= 0 }, objective: solution.objective + lockedCost,
            bound: dual + lockedCost, householdPrice: householdPrice, helperPrice: solution.columnPrice,
            residualCapacity: residual, lockedCost: lockedCost, statistics: statistics)
        result.stop = .timeLimit
        return result
    }

    /// Each row's price lowered by its most negative reduced cost over all eligible pairs
    /// (the first of its priced pairs; the pricing scans every pair that can undercut).
    private static func loweredPrices(_ solution: AssignmentSolution, _ additions: [[(Int32, Int)]]) -> [Int] {
        additions.indices.map { r in
            let u = solution.rowPrice[r]
            let lowest = additions[r].map { g, c in c - u + solution.columnPrice[Int(g)] }.min() ?? 0
            return u + min(0, lowest)
        }
    }

    /// Σu − Σ residual·v at the `lowered` prices: a proven bound (see ``stoppedResult``).
    private static func provenBound(_ lowered: [Int], _ solution: AssignmentSolution, residual: [Int32]) -> Int {
        var dual = lowered.reduce(0, +)
        for g in residual.indices { dual -= Int(residual[g]) * solution.columnPrice[g] }
        return dual
    }

    /// The round's reverse arc index: on another thread unless `threads` is 1.
    private func indexOfArcs(
        _ problem: AssignmentProblem, previous: PendingArcsIntoColumns?, adding extra: [[(Int32, Int)]]
    ) -> PendingArcsIntoColumns {
        let make: @Sendable () -> ArcsIntoColumns
        if let last = previous {
            make = { last.value.adding(extra) }
        } else {
            make = { ArcsIntoColumns(problem) }
        }
        return threads == 1 ? PendingArcsIntoColumns(built: make()) : PendingArcsIntoColumns(make)
    }

    /// Rows in decreasing cost of staying unpaired: the neediest households are placed
    /// first, so later searches mostly end at a cheap fallback. Ties keep index (id) order.
    /// (Of the orders tried, this one settles the fewest columns; see
    /// benchmarks/README.md, 'Tuning notes'.)
    static func rowOrder(_ unpaired: [Int]) -> [Int] {
        return unpaired.indices.sorted { unpaired[$0] > unpaired[$1] || (unpaired[$0] == unpaired[$1] && $0 < $1) }
    }

    private func seconds(since t: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        (clock.now - t).inSeconds
    }

    private func initialCandidates(
        _ pairs: EligiblePairs, _ rows: [Int], residual: [Int32]
    ) -> CandidateArcs {
        let k = candidatesPerHousehold
        let model = pairs.model
        let helperCount = model.roll.helpers.count
        let parts = parallelChunks(total: rows.count, threads: threads) { range -> [[(Int32, Int)]] in
            var best = SmallestK(k: k)
            var out: [[(Int32, Int)]] = []
            out.reserveCapacity(range.count)
            // One household's costs over all its eligible helpers, then one selection.
            var costs = [Int](repeating: 0, count: helperCount)
            var helpers = [Int32](repeating: 0, count: helperCount)
            costs.withUnsafeMutableBufferPointer { costs in
            helpers.withUnsafeMutableBufferPointer { helpers in
                for r in range {
                    let h = rows[r]
                    best.removeAll()
                    pairs.offerCheapest(h, to: &best, tie: { SplitMix64.mix(h, Int($0)) }, scratch: costs, helpers)
                    var row = best.pairs
                    let previous = Int(model.previousHelper[h])
                    if previous >= 0 && !best.contains(Int32(previous)), let c = pairs.cost(h, previous) {
                        row.append((Int32(previous), c))
                    }

                    out.append(row)
                }
            }}
            return out
        }
        return CandidateArcs(rows: parts.flatMap { $0 })
    }

    /// The prices of the last pricing round and the households whose list of undercutting
    /// pairs was cut at `addedPerRound` (some may still undercut).
    struct PricingState {
        var u: [Int]
        var v: [Int]
        var truncated: [Bool]
    }

    /// Pricing that only looks where something changed since `last`, with the same result as
    /// a full pass. Every pair left out of the candidates had reduced cost ≥ 0 at `last`
    /// (except in truncated households); `c − u + v` can only have fallen below 0 since if the
    /// household's u rose or the helper's v fell. So it scans every helper of the households
    /// whose u rose (or that were truncated), and the helpers whose v fell for every other
    /// household (one pass over helper blocks holding only those). Returns nil when that would
    /// be more than half a full pass.
    private func priceIncrementally(
        _ pairs: EligiblePairs, _ rows: [Int], u: [Int], v: [Int], since last: PricingState, margin: Int
    ) -> [[(Int32, Int)]]? {
        let rose = rows.indices.map { u[$0] > last.u[$0] || last.truncated[$0] }
        let fell = v.indices.map { v[$0] < last.v[$0] }
        let roseCount = rose.reduce(0) { $0 + ($1 ? 1 : 0) }
        let fellCount = fell.reduce(0) { $0 + ($1 ? 1 : 0) }
        if 2 * (roseCount * v.count + fellCount * rows.count) > rows.count * v.count { return nil }
        trace("incremental pricing: \(roseCount) households, \(fellCount) helpers")
        let everyHelper = pairs.ordered(by: v)
        let fallenHelpers = pairs.ordered(by: v, only: fell)
        return price(pairs, rows, u, margin: margin) { rose[$0] ? everyHelper : fallenHelpers }
    }

    /// The near-tight margin for the pricing after round `round` (0 with a previous plan).
    private func margin(after round: Int, previousPlan: Bool) -> Int {
        round >= nearTightFromRound && !previousPlan ? nearTightMargin : 0
    }

    /// The most negative reduced-cost pairs of each household (at most `addedPerRound`) over
    /// the helpers of `order(row)`: empty when none undercuts (the prices are then dual
    /// feasible for all of its eligible pairs), else also its pairs below `margin`.
    private func price(
        _ pairs: EligiblePairs, _ rows: [Int], _ u: [Int], margin: Int, leavingOut listed: CandidateArcs? = nil,
        order: @Sendable (Int) -> EligiblePairs.PriceOrder
    ) -> [[(Int32, Int)]] {
        let m = addedPerRound
        let helperCount = pairs.model.roll.helpers.count
        let parts = parallelChunks(total: rows.count, threads: threads) { range -> [[(Int32, Int)]] in
            var worst = SmallestK(k: m)
            var out: [[(Int32, Int)]] = []
            out.reserveCapacity(range.count)
            // Approximate prices may show listed pairs as undercutting: those are skipped.
            var listedIn = [Int32](repeating: -1, count: listed == nil ? 0 : helperCount)
            for r in range {
                let h = rows[r]
                worst.removeAll()
                if let listed {
                    for k in listed.start[r]..<listed.start[r + 1] { listedIn[Int(listed.column[k])] = Int32(r) }
                }
                // c(h,g) ≥ −keep_bonus, so only helpers priced below u_h + keep_bonus can undercut.
                // With a margin the scan reports pairs of reduced cost below it (keys shifted by
                // −margin); the household's list counts only if one of them truly undercuts.
                // Once m pairs are kept, only a pair at most as dear as the m-th can get in.
                pairs.forEachUndercuttingNarrowed(h, u: u[r] + margin, in: order(r), { g, cost, reduced in
                    if listed == nil || listedIn[g] != Int32(r) {
                        worst.offer(key: reduced, tie: SplitMix64.mix(h, g), item: Int32(g), value: cost)
                    }
                    return worst.isFull ? min(0, worst.largestKey! + 1) : 0
                })
                out.append(worst.smallestKey.map { $0 < -margin } == true ? worst.pairs : [])
            }
            return out
        }
        return parts.flatMap { $0 }
    }
}

/// Candidate arcs per row in forward-star form.
struct CandidateArcs: Sendable {
    var start: [Int] = [0]
    var column: [Int32] = []
    var cost: [Int] = []

    init(rows: [[(Int32, Int)]]) {
        for row in rows {
            for (g, c) in row {
                column.append(g)
                cost.append(c)
            }
            start.append(column.count)
        }
    }

    /// These rows followed by `rows`.
    func appendingRows(_ rows: [[(Int32, Int)]]) -> CandidateArcs {
        var out = self
        for row in rows {
            for (g, c) in row {
                out.column.append(g)
                out.cost.append(c)
            }
            out.start.append(out.column.count)
        }
        return out
    }

    /// These arcs with `extra[r]` appended to row r's. Each row's arcs are block-copied into
    /// arrays allocated once, in row chunks on up to `threads` threads (a per-arc append cost
    /// a visible share of every round on a city roll; see benchmarks/README.md, 'Tuning notes').
    func adding(_ extra: [[(Int32, Int)]], threads: Int? = nil) -> CandidateArcs {
        let rows = start.count - 1
        var newStart = [Int](repeating: 0, count: rows + 1)
        for r in 0..<rows { newStart[r + 1] = newStart[r] + (start[r + 1] - start[r]) + extra[r].count }
        let total = newStart[rows]
        var out = CandidateArcs(rows: [])
        out.start = newStart
        guard total > 0 else { return out }
        out.column = [Int32](unsafeUninitializedCapacity: total) { columnOut, columnCount in
            out.cost = [Int](unsafeUninitializedCapacity: total) { costOut, costCount in
                let target = ArcCopy(
                    oldStart: start, newStart: newStart, oldColumn: column, oldCost: cost, extra: extra,
                    column: columnOut.baseAddress!, cost: costOut.baseAddress!)
                _ = parallelChunks(total: rows, chunks: 8, threads: threads) { range in target.copy(range) }
                costCount = total
            }
            columnCount = total
        }
        return out
    }
}

/// One `CandidateArcs.adding`: each chunk of rows writes only its own range of the output.
private struct ArcCopy: @unchecked Sendable {
    let oldStart: [Int], newStart: [Int]
    let oldColumn: [Int32], oldCost: [Int]
    let extra: [[(Int32, Int)]]
    let column: UnsafeMutablePointer<Int32>
    let cost: UnsafeMutablePointer<Int>

    func copy(_ rows: Range<Int>) {
        oldColumn.withUnsafeBufferPointer { fromColumn in
        oldCost.withUnsafeBufferPointer { fromCost in
            for r in rows {
                let from = oldStart[r], count = oldStart[r + 1] - from
                var to = newStart[r]
                if count > 0 {
                    (column + to).initialize(from: fromColumn.baseAddress! + from, count: count)
                    (cost + to).initialize(from: fromCost.baseAddress! + from, count: count)
                }
                to += count
                for (g, c) in extra[r] {
                    (column + to).initialize(to: g)
                    (cost + to).initialize(to: c)
                    to += 1
                }
            }
        }}
    }
}

/// Why a solve stopped with a bound instead of a proof of optimality.
public enum SolveStop: String, Sendable, Equatable, CustomStringConvertible {
    /// `--time-limit` was reached.
    case timeLimit = "time limit"
    /// The caller cancelled the solve (``SolveControl/cancel()``).
    case cancelled = "cancel"

    public var description: String { rawValue }
}

/// A plan with its proof: optimal with the prices that show it, or (when `stop` is set)
/// with a proven bound and gap.
public struct PairingResult: Sendable {
    /// Helper of each household, -1 when unpaired.
    public var helperOf: [Int32]
    public var locked: [Bool]
    public var objective: Int
    /// Proven lower bound on the objective (equal to it when the plan is proven optimal).
    public var bound: Int
    /// u of each free household (nil for locked ones).
    public var householdPrice: [Int?]
    /// v of each helper.
    public var helperPrice: [Int]
    /// Capacity left after the locked pairs.
    public var residualCapacity: [Int32]
    public var lockedCost: Int
    public var statistics: Statistics
    /// The quota rows of the certificate, when the plan was solved on a coverage network.
    public var quotaPrices: QuotaPrices? = nil
    /// The last round's candidate pairs of the free households (a later solve of the same
    /// roll with quotas starts from them).
    var candidates: CandidateArcs? = nil
    /// Why the solve stopped before proving the plan optimal; nil when it is proven (then
    /// `bound == objective`).
    public var stop: SolveStop? = nil
    /// Quota groups of the rows a solve with quotas could place only on the fallback (empty
    /// when the quotas are met).
    var fallbackGroups: [Int] = []

    public var gap: Double { objective == 0 ? 0 : Double(objective - bound) / Double(abs(objective)) }

    public struct Statistics: Sendable, Equatable {
        /// Rounds priced with exact prices (the last one proves the plan optimal).
        public var rounds = 0
        /// Rounds priced with a coarse auction's prices, before those.
        public var coarseRounds = 0
        public var candidateArcs = 0
        public var pricedOutPairs: [Int] = []
        public var candidateSeconds = 0.0
        public var solveSeconds = 0.0
        public var pricingSeconds = 0.0
        public var totalSeconds = 0.0
    }
}
