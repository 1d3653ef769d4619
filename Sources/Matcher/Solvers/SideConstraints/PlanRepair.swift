/// The primal heuristic of the side-constrained pairing: turns a plan that breaks coverage or
/// org_spread rules (a Lagrangian subproblem's optimum, or the plain optimum) into one that
/// meets them all, at small extra cost, or says it could not.
///
/// **Method**, four greedy passes over the whole model (every eligible pair, not only
/// candidates):
/// 1. *Spread.* In every group above its limit, unpair the pairs that lose least
///    (`p(h) − c(h,g)` smallest).
/// 2. *Forced fill.* Households of places below their quota, neediest (`p(h)` largest) first,
///    get their cheapest helper with a spare place whose group has room, even at a loss.
/// 3. *Transfer.* While a place is still short: an unpaired household h of it takes helper g
///    from a household h′ of a place that keeps its quota without h′; the move of least
///    `c(h,g) − p(h) − c(h′,g) + p(h′)` is made, and h′ is offered a spare place.
/// 4. *Improve.* Every unpaired household takes its cheapest spare place when that costs
///    less than leaving it unpaired.
/// Deterministic: households and helpers in index order among equals.
///
/// - Complexity: passes 1, 2 and 4 O(households + eligible pairs of the households they
///   touch); pass 3 O(short × eligible pairs of the short place's households × capacity).
struct PlanRepair {
    let instance: PairingInstance
    var model: CostModel { instance.model }
    var sides: SideConstraints { instance.sides }

    init(_ instance: PairingInstance) { self.instance = instance }

    /// A plan meeting every side constraint, built from `start` (helper of each household,
    /// locked ones included), or nil when the passes could not meet some quota.
    func repair(_ start: [Int32]) -> [Int32]? {
        var state = State(self, start)
        state.relieveSpread()
        state.forcedFill()
        guard state.transfer() else { return nil }
        state.improve()
        return state.meetsEveryRule ? state.helperOf : nil
    }

    /// The plan being repaired, with its loads and counts.
    private struct State {
        let repair: PlanRepair
        var helperOf: [Int32]
        var load: [Int32]
        var paired: [Int]
        var inGroup: [Int32]
        var holders: [[Int32]]

        init(_ repair: PlanRepair, _ start: [Int32]) {
            self.repair = repair
            helperOf = start
            let n = start.count
            load = Array(repeating: 0, count: repair.instance.residual.count)
            paired = Array(repeating: 0, count: repair.instance.need.count)
            inGroup = Array(repeating: 0, count: repair.instance.room.count)
            holders = Array(repeating: [], count: repair.instance.residual.count)
            for h in 0..<n where repair.instance.isFree[h] && start[h] >= 0 { add(h, Int(start[h])) }
        }

        private var model: CostModel { repair.model }
        private var sides: SideConstraints { repair.sides }

        mutating func add(_ h: Int, _ g: Int) {
            helperOf[h] = Int32(g)
            load[g] += 1
            holders[g].append(Int32(h))
            for rule in sides.rowOf.indices { paired[Int(sides.rowOf[rule][h])] += 1 }
            if !inGroup.isEmpty, let q = sides.group(h, g) { inGroup[q] += 1 }
        }

        mutating func remove(_ h: Int) {
            let g = Int(helperOf[h])
            helperOf[h] = -1
            load[g] -= 1
            holders[g].removeAll { $0 == Int32(h) }
            for rule in sides.rowOf.indices { paired[Int(sides.rowOf[rule][h])] -= 1 }
            if !inGroup.isEmpty, let q = sides.group(h, g) { inGroup[q] -= 1 }
        }

        func groupHasRoom(_ h: Int, _ g: Int, leaving: Int? = nil) -> Bool {
            guard !inGroup.isEmpty, let q = sides.group(h, g) else { return true }
            var n = inGroup[q]
            if let h2 = leaving, sides.group(h2, g) == q { n -= 1 }
            return n < repair.instance.room[q]
        }

        func isShort(_ h: Int) -> Bool {
            sides.rowOf.indices.contains { paired[Int(sides.rowOf[$0][h])] < repair.instance.need[Int(sides.rowOf[$0][h])] }
        }

        /// The cheapest helper with a spare place that h may take (group room included).
        func cheapestSpare(_ h: Int) -> (g: Int, cost: Int)? {
            var best: (g: Int, cost: Int)? = nil
            repair.instance.pairs.forEach(h) { g, c in
                guard load[g] < repair.instance.residual[g], best == nil || c < best!.cost, groupHasRoom(h, g) else { return }
                best = (g, c)
            }
            return best
        }

        mutating func relieveSpread() {
            guard let _ = sides.spreadLimit else { return }
            var members: [Int: [Int]] = [:]
            for (h, g) in helperOf.enumerated() where g >= 0 && repair.instance.isFree[h] {
                if let q = sides.group(h, Int(g)), inGroup[q] > repair.instance.room[q] { members[q, default: []].append(h) }
            }
            for q in members.keys.sorted() {
                let m = model, plan = helperOf
                let loss = { (h: Int) in m.unpairedCost(h) - m.cost(h, Int(plan[h])) }
                let order = members[q]!.sorted { (loss($0), $0) < (loss($1), $1) }
                for h in order.prefix(Int(inGroup[q] - max(0, repair.instance.room[q]))) { remove(h) }
            }
        }

        var freeUnpaired: [Int] {
            let order = (0..<helperOf.count).filter { helperOf[$0] < 0 && repair.instance.isFree[$0] }
            return order.sorted { (-model.unpairedCost($0), $0) < (-model.unpairedCost($1), $1) }
        }

        mutating func forcedFill() {
            guard !repair.instance.need.isEmpty else { return }
            for h in freeUnpaired where isShort(h) {
                if let best = cheapestSpare(h) { add(h, best.g) }
            }
        }

        /// Pass 3; false when some place stays short.
        mutating func transfer() -> Bool {
            guard !repair.instance.need.isEmpty else { return true }
            for r in sides.coverage.indices where paired[r] < repair.instance.need[r] {
                let rule = sides.rowOf.firstIndex { $0[sides.coverage[r].households[0]] == Int32(r) }!
                let candidates = sides.coverage[r].households.filter { helperOf[$0] < 0 && repair.instance.isFree[$0] }
                    .sorted { (-model.unpairedCost($0), $0) < (-model.unpairedCost($1), $1) }
                var next = 0
                while paired[r] < repair.instance.need[r] {
                    // Cheapest move over the still unpaired households of the row.
                    var best: (h: Int, g: Int, h2: Int, delta: Int)? = nil
                    for h in candidates[next...] where helperOf[h] < 0 {
                        let ph = model.unpairedCost(h)
                        repair.instance.pairs.forEach(h) { g, c in
                            if load[g] < repair.instance.residual[g] {
                                if groupHasRoom(h, g), best == nil || c - ph < best!.delta { best = (h, g, -1, c - ph) }
                                return
                            }
                            for h2i in holders[g] {
                                let h2 = Int(h2i)
                                guard canGive(h2, to: h, rule: rule), groupHasRoom(h, g, leaving: h2) else { continue }
                                let delta = c - ph - model.cost(h2, g) + model.unpairedCost(h2)
                                if best == nil || delta < best!.delta { best = (h, g, h2, delta) }
                            }
                        }
                    }
                    guard let move = best else { return false }
                    if move.h2 >= 0 { remove(move.h2) }
                    add(move.h, move.g)
                    if move.h2 >= 0, !isShort(move.h2), let spare = cheapestSpare(move.h2),
                       spare.cost < model.unpairedCost(move.h2) || isShort(move.h2) {
                        add(move.h2, spare.g)
                    }
                    while next < candidates.count && helperOf[candidates[next]] >= 0 { next += 1 }
                }
            }
            return sides.coverage.indices.allSatisfy { paired[$0] >= repair.instance.need[$0] }
        }

        /// May h2 (free, paired) lose its helper to h without any row of h2 falling below
        /// its quota (rows h shares with h2 gain back what they lose)?
        func canGive(_ h2: Int, to h: Int, rule: Int) -> Bool {
            guard repair.instance.isFree[h2], sides.rowOf[rule][h2] != sides.rowOf[rule][h] else { return false }
            for other in sides.rowOf.indices {
                let row = Int(sides.rowOf[other][h2])
                if sides.rowOf[other][h] == Int32(row) { continue }
                if paired[row] <= repair.instance.need[row] { return false }
            }
            return true
        }

        var meetsEveryRule: Bool {
            paired.indices.allSatisfy { paired[$0] >= repair.instance.need[$0] }
                && inGroup.indices.allSatisfy { inGroup[$0] <= repair.instance.room[$0] }
        }

        mutating func improve() {
            for h in freeUnpaired {
                if let best = cheapestSpare(h), best.cost < model.unpairedCost(h) { add(h, best.g) }
            }
        }
    }
}
