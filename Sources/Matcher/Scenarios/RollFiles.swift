/// A roll written back as the two CSV files SPEC describes (English headers, UTF-8
/// without BOM): what the office server stores as a round's inputs after a what-if is
/// applied. Reading the files back gives the same roll; columns the reader ignores (and
/// any the original files had beyond SPEC's) are not kept.
public enum RollFiles {
    public static func households(_ roll: Roll) -> [UInt8] {
        let hs = roll.households, p = roll.places, dims = roll.dimensions.names, d = dims.count
        var csv = CSVWriter(byteOrderMark: false)
        let hasIds = !hs.idNumbers.isEmpty && hs.idNumbers.contains { !$0.isEmpty }
        let hasPhones = !hs.phones.isEmpty && hs.phones.contains { !$0.isEmpty }
        csv.row(["id", "name", "district", "street", "community", "members", "severity"] + dims.map { "need_" + $0 }
            + (hasIds ? ["id_number"] : []) + (hasPhones ? ["phone"] : []))
        for h in 0..<hs.count {
            let l = hs.locations[h]
            csv.row(
                [hs.ids[h], hs.names[h], p.districtNames[Int(l.district)], p.streetNames[Int(l.street)],
                 p.communityNames[Int(l.community)], String(hs.members[h]), String(hs.severity[h])]
                    + (0..<d).map { String(hs.needs[h * d + $0]) }
                    + (hasIds ? [hs.idNumbers[h]] : []) + (hasPhones ? [hs.phones[h]] : []))
        }
        return csv.data
    }

    public static func helpers(_ roll: Roll) -> [UInt8] {
        let gs = roll.helpers, dims = roll.dimensions.names, d = dims.count
        var csv = CSVWriter(byteOrderMark: false)
        csv.row(["id", "name", "kind", "capacity", "district", "street", "community"] + dims.map { "offer_" + $0 } + ["organization"])
        for g in 0..<gs.count {
            let place = roll.helperPlaceNames(g)
            csv.row(
                [gs.ids[g], gs.names[g], gs.kinds[g].english, String(gs.capacity[g]), place.district, place.street,
                 place.community]
                    + (0..<d).map { String(gs.offers[g * d + $0]) } + [gs.organizations.isEmpty ? "" : gs.organizations[g]])
        }
        return csv.data
    }
}

extension RoundPairing {
    /// A what-if made a round's own: its changed roll as the round's files, and its plan
    /// priced by the round's yearly model (rules and previous round as the round has them;
    /// rules naming households or helpers no longer on the roll are dropped). The plan is the
    /// what-if's — the fewest moves from the plan before — and is not proven optimal for the
    /// yearly objective (no prices: ``PairAlternatives`` answers `.noPrices`); a new solve of
    /// the round gives the yearly optimum.
    public struct AppliedWhatIf: Sendable {
        public var households: File
        public var helpers: File
        public var inputs: Inputs
        public var plan: Plan
    }

    public static func applying(_ outcome: WhatIf.Outcome, to inputs: Inputs) throws(YearlyPairing.Failure) -> AppliedWhatIf {
        let roll = outcome.model.roll
        let households = File(name: "households.csv", bytes: RollFiles.households(roll))
        let helpers = File(name: "helpers.csv", bytes: RollFiles.helpers(roll))
        let onRoll = Set(roll.households.ids), helperIds = Set(roll.helpers.ids)
        var changed = inputs
        changed.households = households
        changed.helpers = helpers
        changed.locks = inputs.locks.filter { onRoll.contains($0.household) && helperIds.contains($0.helper) }
        changed.forbids = inputs.forbids.filter { onRoll.contains($0.household) && helperIds.contains($0.helper) }
        let (rules, model) = try model(changed)
        let gIndex = model.roll.helperIndex(), hIndex = model.roll.householdIndex()
        var helperOf = [Int32](repeating: -1, count: model.roll.households.count)
        for h in 0..<roll.households.count {
            let g = Int(outcome.result.helperOf[h])
            guard g >= 0, let mine = hIndex[roll.households.ids[h]], let theirs = gIndex[roll.helpers.ids[g]] else { continue }
            helperOf[mine] = Int32(theirs)
        }
        var result = ExistingPlan.result(helperOf, model: model)
        result.locked = rules.lockedHelper.map { $0 >= 0 }
        var summary = PlanSummary(
            model: model, result: result, solver: "what-if",
            solverReason: "an applied what-if: the plan with the fewest moves from the plan before (proven for that aim); not proven optimal for the yearly objective — solve the round again for that",
            seconds: outcome.summary.seconds, certificateVerified: false)
        summary.policy = Policy.effective(model)
        let writer = PlanWriter(model: model, result: result)
        return AppliedWhatIf(
            households: households, helpers: helpers, inputs: changed,
            plan: Plan(
                model: model, result: result, summary: summary, pairsCSV: writer.pairsCSV(), unpairedCSV: writer.unpairedCSV(),
                publicCSV: writer.publicNoticeCSV(), summaryJSON: writer.summaryJSON(summary)))
    }
}
