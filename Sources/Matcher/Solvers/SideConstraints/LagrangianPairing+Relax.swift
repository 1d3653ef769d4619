/// One relaxed solve of ``LagrangianPairing`` at given multipliers, certified over every
/// eligible pair.
extension LagrangianPairing {
    /// The relaxed assignment at integer (scaled) multipliers on the candidate pairs, certified
    /// over every eligible pair.
    struct Relaxed {
        var solution: AssignmentSolution
        /// Certified household prices over all eligible pairs (empty when not priced).
        var householdPrice: [Int]
        /// Per free household, the pairs that undercut the restricted price (empty when not
        /// priced).
        var additions: [[(Int32, Int)]]
        /// Scaled value of the restricted optimum, and the certified (proven) scaled bound
        /// (nil when not priced).
        var restricted: Int
        var certified: Int?
        var additionCount: Int { additions.reduce(0) { $0 + $1.count } }
    }

    /// Scaled "unpaired" cost of each free household at coverage multipliers `l`.
    func unpairedCosts(_ l: [Int]) -> [Int] {
        var unpaired = freeUnpaired.map { $0 * scale }
        for (r, h) in free.enumerated() {
            for rule in sides.rowOf.indices { unpaired[r] += l[Int(sides.rowOf[rule][h])] }
        }
        return unpaired
    }

    /// `Σ_U λ_U (q_U − |U|) − Σ_q μ_q room_q`, the constant of the Lagrangian (scaled).
    func rowConstant(_ l: [Int], _ m: [Int]) -> Int {
        var s = 0
        for (i, x) in l.enumerated() { s += x * (instance.need[i] - rowSize[i]) }
        for (q, x) in m.enumerated() where x != 0 { s -= x * Int(instance.room[q]) }
        return s
    }

    /// Solves the relaxed assignment at `l`, `m` on `arcs` (warm from `previous`) and, when
    /// `pricing` says so for the restricted value, certifies it with a pricing pass over
    /// every eligible pair.
    ///
    /// - Complexity: one Hungarian solve on the candidates, one pass over the eligible pairs.
    func relax(
        _ l: [Int], _ m: [Int], arcs: CandidateArcs, arcGroup: [Int], previous: AssignmentSolution?,
        pricing: (Int) -> Bool = { _ in true }
    ) -> Relaxed {
        let S = scale
        let unpaired = unpairedCosts(l)
        let cost = arcs.cost.indices.map { arcs.cost[$0] * S + (arcGroup[$0] >= 0 ? m[arcGroup[$0]] : 0) }
        let problem = AssignmentProblem(
            rowCount: free.count, columnCount: model.roll.helpers.count, arcStart: arcs.start,
            arcColumn: arcs.column, arcCost: cost, capacity: instance.residual, unassignedCost: unpaired)
        guard case .optimal(let solution) = HungarianSolver().solve(
            problem, rowOrder: PairingSolver.rowOrder(unpaired), warmStart: previous)
        else { preconditionFailure("Lagrangian subproblem not solved") }
        let constant = rowConstant(l, m)
        let restricted = solution.objective + constant
        guard pricing(restricted) else {
            return Relaxed(solution: solution, householdPrice: [], additions: [], restricted: restricted, certified: nil)
        }
        let (householdPrice, additions) = price(instance.pairs, solution, unpaired: unpaired, mu: m)
        var dual = householdPrice.reduce(0, +)
        for (g, v) in solution.columnPrice.enumerated() { dual -= Int(instance.residual[g]) * v }
        return Relaxed(
            solution: solution, householdPrice: householdPrice, additions: additions,
            restricted: restricted, certified: dual + constant)
    }
}

extension LagrangianPairing {
    /// The proven bound at fixed multipliers `lambda`, `mu` (scaled): relaxed solves on `arcs`,
    /// each adding the pairs that undercut its prices, until none does or `deadline` passes.
    /// The best certified solve is kept (its bound, prices and multipliers).
    ///
    /// - Complexity: per solve one Hungarian solve on the candidates and one pass over the
    ///   eligible pairs (as a round of ``run(deadline:targetGap:from:)``).
    func certify(lambda: [Int], mu: [Int], arcs start: CandidateArcs, deadline: ContinuousClock.Instant) -> Result {
        // The multipliers stay, so the candidates need not follow them: take more of the
        // undercutting pairs per solve, and fewer solves.
        var me = self
        me.addedPerRound = certifyAddedPerRound
        return me.certifyRounds(lambda: lambda, mu: mu, arcs: start, deadline: deadline)
    }

    private func certifyRounds(lambda: [Int], mu: [Int], arcs start: CandidateArcs, deadline: ContinuousClock.Instant) -> Result {
        var arcs = start
        var result = Result()
        result.lambda = lambda
        result.mu = mu
        var previous: AssignmentSolution? = nil
        var last = Duration.zero
        repeat {
            let began = ContinuousClock.now
            result.rounds += 1
            let round = relax(lambda, mu, arcs: arcs, arcGroup: groups(of: arcs), previous: previous)
            previous = round.solution
            if let certified = round.certified, result.scaledBound.map({ certified > $0 }) ?? true {
                result.scaledBound = certified
                result.bound = Self.ceilDiv(certified, scale) + lockedCost
                result.helperPrice = round.solution.columnPrice
                result.householdPrice = round.householdPrice
            }
            log?(String(
                format: "whole-roll relaxed solve %d: bound %d, restricted %.1f, arcs %d, %d pairs undercut",
                result.rounds, result.bound ?? 0, Double(round.restricted) / Double(scale), arcs.column.count,
                round.additionCount))
            if round.additionCount == 0 { break }
            arcs = arcs.adding(round.additions)
            last = ContinuousClock.now - began
        } while ContinuousClock.now + last < deadline && !(control?.isCancelled ?? false)  // no solve begun that would end past it
        result.candidateArcs = arcs.column.count
        result.arcs = arcs
        if let previous {
            var plan = locked
            for (r, h) in free.enumerated() { plan[h] = previous.column[r] }
            result.relaxedPlan = plan
        }
        return result
    }
}
