/// How each round of ``PairingSolver`` solves its restricted problem.
///
/// **Coarse rounds first** (without a previous plan). Column generation needs prices near the
/// final ones before pricing can tell which pairs matter, and the restricted problems of the
/// first rounds are far from the final one: solving each of them exactly (an auction of four
/// ε-phases, then the Hungarian's finish) is wasted work. So the first rounds run only the
/// auction's first phase (ε = one cost unit, on costs ×64), carried on from the last round's
/// market with the new pairs, and price with its rounded prices. Such prices may show listed
/// pairs as undercutting, so pricing leaves the listed pairs out. When fewer than
/// `coarseShare` of the households gained pairs, the same market is refined (ε down to
/// `refineEpsilon` / 64, then 1 / 64) and handed to the Hungarian, and every later round is
/// exact. The proof is untouched: only an exact round's prices can end the loop.
///
/// The first exact pricing then adds only a few pairs, where an exact early round added a
/// large share of the final list, and the whole run is shorter (see
/// benchmarks/README.md, 'Tuning notes').
///
/// **Exact rounds** carry the refined market on: one ε = 1/64 phase re-places the households
/// that gained a pair, and the Hungarian finishes from its hand-over. With a previous plan
/// (no market) a round with few new pairs is a warm start of the Hungarian from the last
/// solution, and one with many a fresh auction.
///
/// With a previous plan the coarse rounds do not pay: the keep bonus makes the first solve
/// nearly final, and coarse prices add pairs it never needs: more rounds and a longer run,
/// with `--previous` and in the what-if benchmark's whole-roll run (see
/// benchmarks/README.md, 'Tuning notes').
extension PairingSolver {
    /// How a round's restricted problem is solved.
    enum RoundStart {
        /// One coarse auction phase, carrying on from the last round's market.
        case coarse
        /// The phases from ε `from` (in 1/64 cost units) down to 1 on the last round's
        /// market, then the Hungarian's finish.
        case refine(from: Int)
        /// The Hungarian warm-started from the last exact solution.
        case warm(AssignmentSolution)
        /// A new auction, then the Hungarian's finish.
        case fresh
    }

    /// One coarse phase on `market` (carried to `problem`, or new); its rounded prices, or
    /// nil when the auction gave up (then the round is solved afresh).
    func coarsePhase(
        _ problem: AssignmentProblem, market: inout AuctionMarket?, index: PendingArcsIntoColumns
    ) -> AssignmentSolution? {
        var carried = market.flatMap { $0.carried(to: problem) } ?? AuctionMarket(problem, scale: coldStart.scale)
        let epsilon = coldStart.firstPhaseEpsilon(carried)
        guard carried.scale > 0,
              coldStart.runPhases(&carried, from: epsilon, downTo: epsilon, arcsIntoColumns: index)
        else {
            market = nil
            return nil
        }
        market = carried
        return carried.handOver()
    }

    /// The exact solution of a round's restricted problem; `market` is carried on when the
    /// round refines it.
    func solveExactly(
        _ problem: AssignmentProblem, _ start: RoundStart, market: inout AuctionMarket?,
        rowOrder: [Int], index: PendingArcsIntoColumns
    ) -> AssignmentOutcome {
        switch start {
        case .warm(let previous):
            return HungarianSolver().solve(problem, rowOrder: rowOrder, warmStart: previous, arcsIntoColumns: index)
        case .refine(let from):
            if var carried = market?.carried(to: problem),
               coldStart.runPhases(&carried, from: from, arcsIntoColumns: index) {
                market = carried
                return HungarianSolver().solve(problem, rowOrder: rowOrder, warmStart: carried.handOver(), arcsIntoColumns: index)
            }
            market = nil
            return coldStart.solve(problem, rowOrder: rowOrder, arcsIntoColumns: index)
        case .fresh, .coarse:
            return coldStart.solve(problem, rowOrder: rowOrder, arcsIntoColumns: index)
        }
    }

    /// The next exact round's start, after one in which `touched` of `rows` households gained
    /// pairs. A warm start pays when few did; when many did, re-entering them one by one into
    /// a full market costs more than solving afresh (see benchmarks/README.md, 'Tuning notes').
    /// With a market, it is refined instead: from the coarse ε when many households gained
    /// pairs, else by one last phase.
    func nextStart(after solution: AssignmentSolution, touched: Int, of rows: Int, market: AuctionMarket?) -> RoundStart {
        let many = Double(touched) >= warmStartShare * Double(rows)
        if let market { return .refine(from: many ? coldStart.firstPhaseEpsilon(market) : 1) }
        return many ? .fresh : .warm(solution)
    }
}
