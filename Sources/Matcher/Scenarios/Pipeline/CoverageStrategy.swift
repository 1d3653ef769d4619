/// Coverage rules alone (one level or nested): exact on the coverage network
/// (``CoverageNetwork``). The plain optimum comes first; when it meets every quota its
/// prices with zero quota prices are the proof, otherwise the Hungarian method goes on from
/// it with the quota columns.
struct CoverageStrategy: PairingStrategy {
    let network: CoverageNetwork
    var name: SolverName { .hungarian }

    func solve(_ instance: PairingInstance, _ settings: SolveSettings) throws(YearlyPairing.Failure) -> (PairingOutcome, String) {
        var pairing = PairingSolver()
        pairing.threads = settings.threads
        pairing.control = settings.control
        let plain = pairing.solve(instance)
        let reason = "coverage rules are a network (each quota place's room for unpaired households is one more column, nested places linked by pass rows), so the assignment model stays exact; "
        if plain.stop == .cancelled { return (.cancelled, reason) }
        switch pairing.solve(instance, coverage: network, plain: plain) {
        case .infeasible(let groups):
            // Quotas never exceed a place's households, so only helpers can fall short; their
            // places are counted (Hall-type, a pass over every eligible pair per rule) only
            // now, to say why in office words.
            let explained = SideFeasibility(model: instance.model, sides: instance.sides, lockedHelper: instance.locked).problems()
            if !explained.isEmpty { return (.infeasible(explained), reason) }
            return (.infeasible(groups.map { q in
                let group = network.groups[q]
                return "\(group.id) needs \(group.quota) of its \(group.households) households paired, but no plan gives it that many while meeting the other quotas: lower a quota or add helpers who may serve it"
            }), reason)
        case .costOverflow:
            throw .unsupported("the policy's weights make costs too large for coverage rules (sums of them could overflow): lower the weights, distance_penalty, unpaired_base or keep_bonus")
        case .optimal(let result) where result.stop == .cancelled:
            return (.cancelled, reason)
        case .optimal(var result):
            result.statistics.totalSeconds += plain.statistics.totalSeconds
            let binds = result.quotaPrices?.price.contains { $0 > 0 } ?? false
            return (.priced(result), reason + (binds
                ? "the plain optimum missed a quota, so the Hungarian method went on from it with the quota columns, pricing over all eligible pairs"
                : "the plain optimum already meets every quota, so it is optimal under them too"))
        }
    }
}
