/// Checks a pairing's dual prices against *every* eligible pair of the model (SPEC
/// "certificate"): `u_h − v_g ≤ c(h,g)` for each eligible pair with spare capacity after
/// locks, `u_h ≤ p(h)`, `v_g ≥ 0`, tightness on the plan, and
/// Σu − Σ residual·v = objective − locked cost. With quota rows (a plan solved on a
/// ``CoverageNetwork``) the unpaired bound is `u_h ≤ p(h) + Σ_{q ∋ h} w_q`, `w ≥ 0`, no group has
/// more unpaired households than its room, and Σ room·w is subtracted as well. Returns the
/// problems found (empty = proven).
///
/// A solve stopped early (`result.stop`) has prices that are dual feasible but not tight:
/// then the check proves its bound — feasibility as above and Σu − Σ residual·v = bound −
/// locked cost — and the plan's cost, not its optimality.
///
/// - Complexity: O(eligible pairs / cores).
public enum PairingCertificate {
    public static func problems(_ model: CostModel, _ result: PairingResult, threads: Int? = nil) -> [String] {
        var found: [String] = []
        let hs = model.roll.households
        let pairs = EligiblePairs(model: model, residualCapacity: result.residualCapacity)
        let v = result.helperPrice
        let order = pairs.ordered(by: v)
        let perChunk = parallelChunks(total: hs.count, threads: threads) { range -> [String] in
            var out: [String] = []
            for h in range {
                guard let u = result.householdPrice[h] else { continue }
                pairs.forEachUndercutting(h, u: u, in: order) { g, cost, reduced in
                    if out.count < 10 {
                        out.append("household \(h), helper \(g): u − v exceeds the cost by \(-reduced)")
                    }
                }
            }
            return out
        }
        found += perChunk.flatMap { $0 }
        var load = [Int32](repeating: 0, count: v.count)
        var dual = 0, primal = 0
        for h in 0..<hs.count {
            let g = Int(result.helperOf[h])
            guard let u = result.householdPrice[h] else { continue }
            dual += u
            // Every free household, paired or not, has the unpaired option (through its quota).
            let p = model.unpairedCost(h)
            let w = result.quotaPrices?.chainPrice(of: h) ?? 0
            if u > p + w { found.append("household \(h): u exceeds its unpaired cost" + (result.quotaPrices == nil ? "" : " and its quota's price")) }
            if g >= 0 {
                load[g] += 1
                let c = model.cost(h, g)
                primal += c
                if u - v[g] != c && result.stop == nil { found.append("household \(h): its pair is not tight") }
            } else {
                primal += p
            }
        }
        if let quotas = result.quotaPrices {
            let unpaired = quotas.network.unpairedCounts(helperOf: result.helperOf, locked: result.locked)
            for (q, group) in quotas.network.groups.enumerated() {
                let w = quotas.price[q]
                if w < 0 { found.append("quota \(group.id): negative price") }
                if unpaired[q] > group.room {
                    found.append("quota \(group.id): \(unpaired[q]) households unpaired, room for \(group.room)")
                }
                dual -= group.room * w
            }
        }
        for g in 0..<v.count {
            if v[g] < 0 { found.append("helper \(g): negative price") }
            if load[g] > result.residualCapacity[g] { found.append("helper \(g): over capacity") }
            dual -= Int(result.residualCapacity[g]) * v[g]
        }
        if let stop = result.stop {
            // A stopped solve proves its bound only: the dual value, not the plan's cost.
            if primal + result.lockedCost != result.objective || dual + result.lockedCost != result.bound {
                found.append("\(stop): plan \(result.objective) (primal \(primal + result.lockedCost)), bound \(result.bound), dual \(dual + result.lockedCost)")
            }
        } else if primal + result.lockedCost != result.objective || dual != primal {
            found.append("objectives differ: plan \(result.objective), primal \(primal + result.lockedCost), dual \(dual + result.lockedCost)")
        }
        return found
    }
}
