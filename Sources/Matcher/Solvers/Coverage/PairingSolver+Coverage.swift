/// Coverage rules solved exactly on the ``CoverageNetwork``: the pairing's column generation
/// (``PairingSolver``) with the quota groups as extra columns.
///
/// **Method.** The plain optimum comes first (the caller has it). If it meets every quota it
/// is optimal under them too — the rules only shrink the set of plans — and its prices with
/// w = 0 are the certificate: a rule that does not bind costs one plain solve and a count.
/// Otherwise the rounds run again with the group columns: each free household's unpaired
/// option is its group's column (cost p(h), capacity room_q), and the row must be placed.
/// The first round is the Hungarian warm-started from the plain optimum (its pairs and prices
/// stay; its unpaired households go to their group's column while room lasts, and only the
/// rest re-enter, each by one shortest augmenting path). Later rounds warm-start from the
/// last; pricing is unchanged, over the helpers, since the group arcs are always listed.
/// No auction runs here: with a forced placement an ε-auction could bid a price up to the
/// fallback cost unit by unit, where one augmenting path does it at once.
///
/// **Fallback.** A restricted problem (few arcs per household) can be infeasible while the
/// whole one is not, so a row may stay unassigned at a cost M larger than the cost difference
/// of any two plans (`fallbackCost`). Pricing then adds arcs until the prices are dual
/// feasible for every eligible pair; if a household still needs the fallback at that point,
/// no plan meets the quotas.
///
/// **Invariant at exit** (SPEC certificate with quota rows): `u_h − v_g ≤ c(h,g)` on every
/// eligible pair, `u_h ≤ p(h) + w_q(h)`, `v, w ≥ 0`, and Σu − Σ residual·v − Σ room·w equals
/// the objective less the locked pairs' cost.
///
/// - Complexity: one plain solve, then rounds as in ``PairingSolver``, each a Hungarian warm
///   start whose re-entering rows are the households the last round's prices moved.
/// - Reference: Ahuja, Magnanti & Orlin, *Network Flows* (1993), §12 (assignment) and §9
///   (successive shortest paths); the pseudo-column form is the "at most room unpaired"
///   reading of a lower bound on a group's flow.
public enum CoverageOutcome: Sendable {
    /// Proven optimal under the quotas; the result carries the quota prices.
    case optimal(PairingResult)
    /// No plan meets the quotas: the groups (indices into the network's) whose households or
    /// pass rows could be placed only on the fallback.
    case infeasible(groups: [Int])
    /// The policy's costs are so large that the fallback cost times the rows could overflow
    /// 64-bit sums (``AssignmentOutcome/costOverflow(largest:)``); nothing was solved.
    case costOverflow(fallback: Int)
}

/// The group columns of one solve on a coverage network.
struct QuotaColumns {
    let network: CoverageNetwork
    /// The plain optimum the first round starts from.
    let startPlan: PairingResult
    /// Cost of leaving a row unassigned (see ``CoverageOutcome``'s fallback).
    let fallbackCost: Int

    var room: [Int32] { network.groups.map { Int32(clamping: $0.room) } }
    var groupOf: [Int32] { network.groupOf }

    init(network: CoverageNetwork, startPlan: PairingResult, model: CostModel) {
        self.network = network
        self.startPlan = startPlan
        // Any plan costs at most Σ (p(h) + 3·penalty) (a pair costs at most its household's
        // unpaired cost plus the farthest distance) and at least −keep per household, so one
        // fallback row at M = Σ (p(h) + 3·penalty + 2·keep) + 1 is dearer than any plan
        // that meets the quotas.
        let policy = model.policy
        let keep = max(policy.keepBonus, policy.whatIfKeepBonus ?? 0, 0)
        var m = 1
        for h in 0..<model.roll.households.count {
            m += model.unpairedCost(h) + 3 * max(0, policy.distancePenalty) + 2 * keep
        }
        fallbackCost = m
    }

    /// The group of each pass row, in the order of `extraRows`.
    func passRowGroups() -> [Int] {
        network.groups.indices.flatMap { q in
            network.groups[q].parent >= 0 ? [Int](repeating: q, count: network.groups[q].room) : []
        }
    }

    /// The pass rows of the groups below the top (see ``CoverageNetwork``): room_q rows for
    /// group q, each with an arc of cost 0 to q's column and one to its parent's.
    func extraRows(helperCount: Int) -> [[(Int32, Int)]] {
        var rows: [[(Int32, Int)]] = []
        for (q, group) in network.groups.enumerated() where group.parent >= 0 {
            let arcs = [(Int32(helperCount + q), 0), (Int32(helperCount) + group.parent, 0)]
            rows += [[(Int32, Int)]](repeating: arcs, count: group.room)
        }
        return rows
    }

    /// The first round's warm start: the plain optimum's pairs and prices, its unpaired
    /// households on their finest group's column, and as many of each group's pass rows sent
    /// up as it has unpaired households (at most its room); all group prices 0, so every
    /// listed arc into a group column is tight.
    func start(_ rows: [Int], helperCount: Int) -> AssignmentSolution {
        var column: [Int32] = [], rowPrice: [Int] = []
        for h in rows {
            let g = startPlan.helperOf[h]
            column.append(g >= 0 ? g : Int32(helperCount) + network.groupOf[h])
            rowPrice.append(startPlan.householdPrice[h] ?? 0)
        }
        let unpaired = network.unpairedCounts(helperOf: startPlan.helperOf, locked: startPlan.locked)
        for (q, group) in network.groups.enumerated() where group.parent >= 0 {
            let up = min(unpaired[q], group.room)
            for i in 0..<group.room {
                column.append(Int32(helperCount) + (i < up ? group.parent : Int32(q)))
                rowPrice.append(0)
            }
        }
        return AssignmentSolution(
            column: column, rowPrice: rowPrice,
            columnPrice: startPlan.helperPrice + [Int](repeating: 0, count: network.groups.count),
            objective: startPlan.objective - startPlan.lockedCost)
    }
}

extension PairingSolver {
    /// The optimum under the coverage `network`, given the `plain` optimum of the same model
    /// and locks (see ``CoverageOutcome``).
    public func solve(
        _ model: CostModel, lockedHelper: [Int32]?, coverage network: CoverageNetwork, plain: PairingResult
    ) -> CoverageOutcome {
        solve(PairingInstance(model: model, lockedHelper: lockedHelper), coverage: network, plain: plain)
    }

    /// The optimum of `instance` under the coverage `network` (its other rules are not looked at).
    func solve(_ instance: PairingInstance, coverage network: CoverageNetwork, plain: PairingResult) -> CoverageOutcome {
        let model = instance.model
        if network.isMet(by: plain.helperOf, locked: plain.locked) {
            var result = plain
            result.quotaPrices = QuotaPrices(network: network, price: [Int](repeating: 0, count: network.groups.count))
            result.candidates = nil
            return .optimal(result)
        }
        let quotas = QuotaColumns(network: network, startPlan: plain, model: model)
        // The exact core refuses (and the rounds cannot go on) when a path of fallback costs
        // could overflow: the same test, on the largest cost and every row.
        let rows = plain.locked.filter { !$0 }.count + quotas.passRowGroups().count
        let (product, overflow) = quotas.fallbackCost.multipliedReportingOverflow(by: 2 * rows + 4)
        if overflow || product > Int.max / 4 { return .costOverflow(fallback: quotas.fallbackCost) }
        var result = solveRounds(instance, quotas: quotas)
        result.candidates = nil
        if !result.fallbackGroups.isEmpty { return .infeasible(groups: Array(Set(result.fallbackGroups)).sorted()) }
        result.statistics.rounds += plain.statistics.rounds
        result.statistics.coarseRounds += plain.statistics.coarseRounds
        return .optimal(result)
    }
}
