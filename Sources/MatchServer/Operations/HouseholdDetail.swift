import Foundation
import Matcher

/// One household of a solved round as its detail page shows it: its pair (or why it is
/// unpaired) with the reasons, and its best alternatives with what each would cost the plan.
struct HouseholdDetail: Sendable, Encodable {
    var pair: PairListRow
    /// proven_optimal, bound_proven or not_proven (see ``PlanHouseholds/Proof``).
    var proof: String
    /// The five cheapest changes by reduced cost; empty when `alternativesNote` says why none.
    var alternatives: [AlternativeRow]
    /// locked (a locked pair has no price) or no_prices (a plan solved with org_spread).
    var alternativesNote: String?

    enum CodingKeys: String, CodingKey { case pair, proof, alternatives, alternativesNote = "alternatives_note" }
}

/// A change of one household's pair and its price.
struct AlternativeRow: Sendable, Encodable, Equatable {
    /// nil for "leave the household unpaired".
    var helperId: String?
    var helperName: String?
    var helperKind: String?
    var kindWords: String?
    /// The helper's district / street / community ("" where it serves the whole level above).
    var helperDistrict: String?
    var helperStreet: String?
    var helperCommunity: String?
    var distance: Int?
    var distanceWords: String?
    /// c(h,g) of the pair, or p(h) for unpaired.
    var cost: Int
    /// c(h,g) − u_h + v_g (p(h) + Σw − u_h for unpaired): the least the plan's cost rises
    /// if the household takes this instead; ≥ 0.
    var reducedCost: Int
    var coveredWords: String
    var unmetWords: String

    enum CodingKeys: String, CodingKey {
        case helperId = "helper_id", helperName = "helper_name", helperKind = "helper_kind", kindWords = "kind_words"
        case helperDistrict = "helper_district", helperStreet = "helper_street", helperCommunity = "helper_community"
        case distance, distanceWords = "distance_words", cost, reducedCost = "reduced_cost"
        case coveredWords = "covered_words", unmetWords = "unmet_words"
    }
}

extension RoundOperations {
    // MARK: 3. A household: its pair's reasons and its best alternatives

    /// Household `household` of round `id`: its pair list row and its `limit` best
    /// alternatives by reduced cost from the plan's dual prices. Refused for a household
    /// outside the caller's scope (403) or not in the plan (404).
    func household(
        round id: Int64, household: String, caller: Caller, limit: Int = 5, language: Presentation.Language = .zh
    ) async throws -> HouseholdDetail {
        guard let found = try await store.planHousehold(round: id, household: household) else {
            throw RoundRefusal.noSuchHousehold(household)
        }
        guard caller.scope.covers(district: found.row["district"], street: found.row["street"]) else {
            throw RoundRefusal.householdOutsideScope
        }
        let pair = Self.pairListRow(found.row, caller: caller, language: language)
        let entry = try await alternatives.entry(round: id, solvedAt: found.solvedAt)
        // The stored index is the roll's; the rebuilt model reads the same files in the same order.
        guard let h = entry.householdIndex[household], h == found.rollIndex else {
            throw RoundRefusal.cannot("the stored plan does not match its inputs; solve the round again")
        }
        let model = entry.alternatives.model
        switch entry.alternatives.best(for: h, current: found.helperIndex ?? -1, limit: limit) {
        case .locked:
            return HouseholdDetail(pair: pair, proof: found.proof, alternatives: [], alternativesNote: "locked")
        case .noPrices:
            return HouseholdDetail(pair: pair, proof: found.proof, alternatives: [], alternativesNote: "no_prices")
        case .alternatives(let list):
            let rows = list.map { alternative -> AlternativeRow in
                let words = PlanListing.needWords(model: model, h, alternative.helper ?? -1, language)
                guard let g = alternative.helper else {
                    return AlternativeRow(
                        cost: alternative.cost, reducedCost: alternative.reducedCost, coveredWords: words.covered,
                        unmetWords: words.unmet)
                }
                let gs = model.roll.helpers, place = model.roll.helperPlaceNames(g)
                return AlternativeRow(
                    helperId: gs.ids[g], helperName: gs.names[g], helperKind: gs.kinds[g].english,
                    kindWords: language == .zh ? gs.kinds[g].chinese : gs.kinds[g].english,
                    helperDistrict: place.district, helperStreet: place.street, helperCommunity: place.community,
                    distance: alternative.distance, distanceWords: Words.distance(alternative.distance, language),
                    cost: alternative.cost, reducedCost: alternative.reducedCost, coveredWords: words.covered,
                    unmetWords: words.unmet)
            }
            return HouseholdDetail(pair: pair, proof: found.proof, alternatives: rows, alternativesNote: nil)
        }
    }
}
