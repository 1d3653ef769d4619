/// A primal heuristic for org_spread that solves a whole roll exactly after one choice per
/// spread group: *designated re-pairing*.
///
/// **Method.** org_spread is not a network rule, but it becomes one once each group q =
/// (organization o, community c) is given a *cover*: households H_q of c and helpers G_q of o
/// with `|H_q| + Σ_{g∈G_q} min(residual_g, free households of c) ≤ room_q`, where the pairs of
/// q allowed are those with their household in H_q or their helper in G_q. Every pair of q in
/// an assignment then touches the cover, so no assignment over allowed pairs puts more than
/// room_q households of c with o (König's bound: a cover's weight bounds every matching).
/// With helpers of no organization always allowed, the best assignment over the allowed pairs
/// is an exact assignment problem, solved by ``HungarianSolver``: free households as rows,
/// helpers as columns with their residual capacity, at most `arcsPerHousehold` allowed pairs
/// per household (least `S·c + v_g + μ_q`, the relaxation's ranking), and coverage quotas
/// carried exactly by the quota columns of ``CoverageNetwork`` (a household's unpaired option
/// is its place's column, capacity = how many of the place's free households may stay
/// unpaired; pass rows for nested levels), or, without coverage rules, the unpaired cost p(h).
///
/// Covers are filled greedily per group, in priority order: the pairs of `keep` (an incumbent
/// — they always fit, since it meets org_spread), then those of `guide` (a relaxed plan,
/// most valuable `p(h) − c(h,g)` first), then pairs of least rank into groups with budget
/// left. A pair (h, g) is covered by its helper when that costs one unit of the budget (g has
/// one place left, or c one free household), else by its household (`coverHelpersFirst =
/// false`: always by its household).
///
/// **Invariant.** A plan returned meets every rule (coverage, org_spread, capacity; checked
/// with ``SideConstraints/shortfalls(helperOf:places:)`` and a load count before it is
/// returned). When `keep` meets every rule, its pairs are all allowed and kept, so it is a
/// plan of the restricted problem and the one returned costs at most as much (a monotone
/// step); if `keep` is the optimum, the optimum is returned.
///
/// - Complexity: two passes over the pairs looked at (`candidates`, or every eligible pair;
///   parallel), plus one Hungarian solve on at most `arcsPerHousehold + 2` arcs per household.
/// - Reference: König's theorem (a bipartite graph's largest matching equals its least
///   vertex cover; Schrijver, *Combinatorial Optimization* (2003), §16.2); fixing the coupling
///   pattern from a relaxation as in relaxation-induced neighbourhoods (Danna, Rothberg &
///   Le Pape, Math. Programming 102 (2005) 71–90).
struct DesignatedRepairing {
    let instance: PairingInstance
    /// Allowed pairs per household offered to the assignment (besides `keep`'s own pair).
    var arcsPerHousehold = 30
    /// Cheapest pairs per household considered to fill the groups' spare budget.
    var fillPairsPerHousehold = 8
    /// Cover a pair by its helper when that costs one unit (else by its household).
    var coverHelpersFirst = true
    /// The pairs looked at, row r for household `free[r]` (the relaxation's candidates); nil:
    /// every eligible pair (two passes over them).
    var candidates: CandidateArcs? = nil

    var model: CostModel { instance.model }
    var sides: SideConstraints { instance.sides }

    init(_ instance: PairingInstance, candidates: CandidateArcs? = nil) {
        self.instance = instance
        self.candidates = candidates
    }

    /// Calls `body(g, cost)` for each pair of row r (household h) looked at.
    @inline(__always)
    func forEachPair(_ r: Int, _ h: Int, _ body: (Int, Int) -> Void) {
        if let candidates {
            for a in candidates.start[r]..<candidates.start[r + 1] { body(Int(candidates.column[a]), candidates.cost[a]) }
        } else {
            instance.pairs.forEach(h, body)
        }
    }

    /// How pairs are ranked: `scale·c + helper[g] + mu[group]` (the relaxation's reduced cost
    /// less the household's price, which does not change a household's order). Empty arrays
    /// rank by cost alone.
    struct Ranking {
        var scale = 1
        var helper: [Int] = []
        var mu: [Int] = []
    }

    /// The covers of every group, and what they spent.
    struct Designation {
        /// Communities each helper is designated for (small, unsorted).
        var helperCommunities: [[Int32]]
        /// Organizations each household is designated for.
        var householdOrganizations: [[Int32]]
        /// Budget spent per group.
        var spent: [Int32]

        func allows(_ h: Int, _ g: Int, _ sides: SideConstraints) -> Bool {
            let o = sides.organization[g]
            if o < 0 { return true }
            return helperCommunities[g].contains(sides.householdCommunity[h]) || householdOrganizations[h].contains(o)
        }
    }

    /// The best plan over pairs allowed by covers built from `keep`, `guide` and the cheapest
    /// pairs under `ranking`, or nil when no plan over them meets the quotas.
    func repair(keeping keep: [Int32]?, guide: [Int32]?, ranking: Ranking = Ranking()) -> Incumbent? {
        let cheap = cheapestPairs(ranking, count: fillPairsPerHousehold)
        let designation = designate(keeping: keep, guide: guide, cheap: cheap)
        return solve(designation, keeping: keep, guide: guide, ranking: ranking)
    }

    /// Re-pairs `start` (a plan meeting every rule) over every eligible pair, each call
    /// keeping the best plan so far and filling the spare budget by another ranking
    /// (`ranking`, then without μ, then by cost) or cover choice, until two calls in a row
    /// find nothing better or the next call would pass `deadline` (judged by the last one).
    func improve(_ start: Incumbent, ranking: Ranking, deadline: ContinuousClock.Instant) -> Incumbent {
        var variants: [(Ranking, Bool)] = [(ranking, true)]
        if !ranking.mu.isEmpty { variants.append((Ranking(scale: ranking.scale, helper: ranking.helper), true)) }
        variants += [(ranking, false), (Ranking(), true)]
        var best = start, failures = 0, last = Duration.zero
        let clock = ContinuousClock()
        for i in 0... {
            let began = clock.now
            guard failures < 2, began + last < deadline else { break }
            var repairing = self
            repairing.candidates = nil
            repairing.coverHelpersFirst = variants[i % variants.count].1
            if let found = repairing.repair(keeping: best.plan, guide: nil, ranking: variants[i % variants.count].0),
               found.objective < best.objective {
                best = found
                failures = 0
            } else {
                failures += 1
            }
            last = clock.now - began
        }
        return best
    }

    // MARK: Covers

    /// Free households of each community.
    func freePerCommunity() -> [Int32] {
        var n = [Int32](repeating: 0, count: sides.communityCount)
        for h in instance.free { n[Int(sides.householdCommunity[h])] += 1 }
        return n
    }

    /// The covers of every group from `keep`'s pairs, then `guide`'s, then the `cheap` pairs
    /// (per free household: helper and rank) in order of rank.
    func designate(keeping keep: [Int32]?, guide: [Int32]?, cheap: [[(Int32, Int)]]) -> Designation {
        let free = instance.free
        var d = Designation(
            helperCommunities: Array(repeating: [], count: model.roll.helpers.count),
            householdOrganizations: Array(repeating: [], count: model.roll.households.count),
            spent: Array(repeating: 0, count: instance.room.count))
        guard !instance.room.isEmpty else { return d }
        let perCommunity = freePerCommunity()
        let residual = instance.residual
        let room = instance.room

        // Covers (h, g) in its group when the budget allows (the kept plan's pairs always).
        func cover(_ h: Int, _ g: Int, mayExceed: Bool = false) {
            guard let q = sides.group(h, g), !d.allows(h, g, sides) else { return }
            let c = sides.householdCommunity[h], o = sides.organization[g]
            let helperCost = min(residual[g], perCommunity[Int(c)])
            if coverHelpersFirst && helperCost <= 1 && d.spent[q] + helperCost <= room[q] {
                d.helperCommunities[g].append(c)
                d.spent[q] += helperCost
            } else if d.spent[q] + 1 <= room[q] || mayExceed {
                d.householdOrganizations[h].append(o)
                d.spent[q] += 1
            }
        }
        if let keep {
            // A plan meeting org_spread has at most room_q pairs in q, each covered at one unit.
            for h in free where keep[h] >= 0 { cover(h, Int(keep[h]), mayExceed: true) }
        }
        if let guide {
            var pairs: [(value: Int, h: Int, g: Int)] = []
            for h in free where guide[h] >= 0 && sides.organization[Int(guide[h])] >= 0 {
                let g = Int(guide[h])
                pairs.append((model.unpairedCost(h) - model.cost(h, g), h, g))
            }
            pairs.sort { $0.value != $1.value ? $0.value > $1.value : $0.h < $1.h }
            for p in pairs { cover(p.h, p.g) }
        }
        var offers: [(rank: Int, h: Int, g: Int)] = []
        for (r, h) in free.enumerated() {
            for (g, rank) in cheap[r] where sides.organization[Int(g)] >= 0 { offers.append((rank, h, Int(g))) }
        }
        offers.sort { ($0.rank, $0.h, $0.g) < ($1.rank, $1.h, $1.g) }
        for p in offers { cover(p.h, p.g) }
        return d
    }

    /// Rank of a pair of cost `c` (see ``Ranking``).
    @inline(__always)
    func rank(_ h: Int, _ g: Int, _ c: Int, _ ranking: Ranking) -> Int {
        var x = c * ranking.scale
        if !ranking.helper.isEmpty { x += ranking.helper[g] }
        if !ranking.mu.isEmpty, let q = sides.group(h, g) { x += ranking.mu[q] }
        return x
    }

    /// The `count` pairs of least rank of every free household (helper, rank), in `free` order.
    func cheapestPairs(_ ranking: Ranking, count: Int) -> [[(Int32, Int)]] {
        let free = instance.free
        let parts = parallelChunks(total: free.count) { range -> [[(Int32, Int)]] in
            var best = SmallestK(k: count)
            return range.map { r in
                let h = free[r]
                best.removeAll()
                forEachPair(r, h) { g, c in
                    let x = rank(h, g, c, ranking)
                    best.offer(key: x, tie: SplitMix64.mix(h, g), item: Int32(g), value: x)
                }
                return best.pairs
            }
        }
        return parts.flatMap { $0 }
    }

    // MARK: The restricted assignment

    /// The arcs of each free household: its allowed pairs of least rank, and the pairs of
    /// `keep` and `guide` when allowed.
    func allowedArcs(_ d: Designation, keeping keep: [Int32]?, guide: [Int32]?, ranking: Ranking) -> [[(Int32, Int)]] {
        let free = instance.free, k = arcsPerHousehold
        let parts = parallelChunks(total: free.count) { range -> [[(Int32, Int)]] in
            var best = SmallestK(k: k)
            return range.map { r in
                let h = free[r]
                best.removeAll()
                forEachPair(r, h) { g, c in
                    guard d.allows(h, g, sides) else { return }
                    best.offer(key: rank(h, g, c, ranking), tie: SplitMix64.mix(h, g), item: Int32(g), value: c)
                }
                var row = best.pairs
                for plan in [keep, guide] {
                    guard let g = plan.map({ Int($0[h]) }), g >= 0, d.allows(h, g, sides),
                          !row.contains(where: { $0.0 == Int32(g) }), let c = instance.pairs.cost(h, g) else { continue }
                    row.append((Int32(g), c))
                }
                return row
            }
        }
        return parts.flatMap { $0 }
    }

    /// The exact optimum over the pairs `d` allows (see the type's doc), checked against
    /// every rule; nil when it cannot meet the quotas or (never expected) breaks a rule.
    func solve(_ d: Designation, keeping keep: [Int32]?, guide: [Int32]?, ranking: Ranking) -> Incumbent? {
        let free = instance.free
        let helperCount = model.roll.helpers.count
        let rows = allowedArcs(d, keeping: keep, guide: guide, ranking: ranking)
        let quotas = QuotaLayout(instance)
        var start = [0], column: [Int32] = [], cost: [Int] = []
        var unpaired: [Int] = []
        for (r, h) in free.enumerated() {
            for (g, c) in rows[r] { column.append(g); cost.append(c) }
            let p = model.unpairedCost(h)
            unpaired.append(p)
            if let quotas {
                column.append(Int32(helperCount + quotas.groupOf(h)))
                cost.append(p)
            }
            start.append(column.count)
        }
        var capacity = instance.residual
        var unassigned = unpaired
        var rowCount = free.count
        if let quotas {
            capacity += quotas.room
            for (q, parent) in quotas.passRows {
                column += [Int32(helperCount + q), Int32(helperCount + parent)]
                cost += [0, 0]
                start.append(column.count)
            }
            rowCount += quotas.passRows.count
            // Leaving a row out is the fallback, dearer than any plan placing every row: a
            // plan costs between Σ low and Σ high, and one with a row out at least
            // M + Σ low − high_r, so M = 1 + Σ (|low| + |high|) will do.
            var fallback = 1
            for r in free.indices {
                var low = unpaired[r], high = unpaired[r]
                for (_, c) in rows[r] { low = min(low, c); high = max(high, c) }
                fallback += abs(low) + abs(high)
            }
            unassigned = [Int](repeating: fallback, count: rowCount)
        }
        let problem = AssignmentProblem(
            rowCount: rowCount, columnCount: capacity.count, arcStart: start, arcColumn: column, arcCost: cost,
            capacity: capacity, unassignedCost: unassigned)
        var order = PairingSolver.rowOrder(unpaired)
        order += free.count..<rowCount
        guard case .optimal(let solution) = HungarianSolver().solve(problem, rowOrder: order) else { return nil }
        // Under quotas a row left out is the fallback: the arcs cannot meet some quota.
        if quotas != nil && solution.column.contains(where: { $0 < 0 }) { return nil }
        var plan = instance.locked
        for (r, h) in free.enumerated() {
            let g = solution.column[r]
            plan[h] = g < helperCount ? g : -1
        }
        guard SidedPairingSolver.meetsEveryRule(plan, instance) else { return nil }
        return Incumbent(plan: plan, objective: instance.objective(plan))
    }
}

/// The quota columns of ``DesignatedRepairing``'s assignment: the groups of the
/// ``CoverageNetwork`` of the instance's coverage rules, with room net of the locks taken
/// from the instance (its free households less its need), and the pass rows of nested levels.
struct QuotaLayout {
    let network: CoverageNetwork
    /// Free households of each group that may stay unpaired.
    let room: [Int32]
    /// One (group, parent) per pass row.
    let passRows: [(Int, Int)]

    /// nil without coverage rules.
    init?(_ instance: PairingInstance) {
        let sides = instance.sides
        var marker = [Int32](repeating: 0, count: instance.model.roll.households.count)
        for h in instance.free { marker[h] = -1 }
        guard let network = CoverageNetwork(roll: instance.model.roll, sides: sides, lockedHelper: marker) else { return nil }
        let levels = Policy.PlaceLevel.finestFirst.filter { level in sides.coverage.contains { $0.level == level } }
        var freeCount = [Int](repeating: 0, count: network.groups.count)
        for h in instance.free { network.forEachGroup(of: h) { freeCount[$0] += 1 } }
        var need = [Int](repeating: 0, count: network.groups.count)
        for (i, row) in sides.coverage.enumerated() {
            guard let h = row.households.first, let depth = levels.firstIndex(of: row.level) else { continue }
            var q = Int(network.groupOf[h])
            for _ in 0..<depth { q = Int(network.groups[q].parent) }
            need[q] = max(need[q], instance.need[i])
        }
        self.network = network
        room = network.groups.indices.map { Int32(max(0, freeCount[$0] - need[$0])) }
        var pass: [(Int, Int)] = []
        for (q, group) in network.groups.enumerated() where group.parent >= 0 {
            pass += Array(repeating: (q, Int(group.parent)), count: Int(room[q]))
        }
        passRows = pass
    }

    func groupOf(_ h: Int) -> Int { Int(network.groupOf[h]) }
}
