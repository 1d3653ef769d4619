/// A solved plan as rows for the office's pair list pages: one row per household of the
/// roll, paired or not, with what a page searches, filters and sorts on (place, helper,
/// kind, status against the previous plan, unmet need, cost) and the words of its reasons
/// in either language. The lists of `match pair` (``PlanWriter``) say the same things; this
/// type keeps them apart as typed fields instead of CSV text.
///
/// - Complexity: O(households × dimensions) for all rows.
public struct PlanListing: Sendable {
    public struct Row: Sendable {
        /// The household's index in the roll.
        public var household: Int
        public var id: String
        public var name: String
        public var district: String
        public var street: String
        public var community: String
        public var severity: Int
        /// The helper's index, id, name and kind; nil when the household is unpaired.
        public var helper: Int?
        public var helperId: String?
        public var helperName: String?
        public var helperKind: HelperKind?
        /// Distance level of the pair (0 community … 3 another district or citywide).
        public var distance: Int?
        /// kept / moved / new against the previous plan, or unpaired.
        public var status: PairStatus
        /// Why an unpaired household is unpaired; nil for a pair.
        public var unpairedReason: UnpairedReason?
        /// Σ over dimensions of need levels the helper does not cover (all of it when unpaired).
        public var unmetLevels: Int
        /// The pair's cost c(h,g), or the unpaired cost p(h).
        public var cost: Int
        /// Whether the pair is locked (a rule of the round).
        public var locked: Bool
        public var identityNumber: String
    }

    public let model: CostModel
    public let result: PairingResult

    public init(model: CostModel, result: PairingResult) {
        self.model = model
        self.result = result
    }

    /// Every household's row, in the order people read lists (district, street, community, id).
    public func rows() -> [Row] {
        let writer = PlanWriter(model: model, result: result)
        let reasons = UnpairedReasons(model: model, result: result)
        let hs = model.roll.households, gs = model.roll.helpers, d = model.roll.dimensions.count
        return writer.householdsByPlace().map { h in
            let g = Int(result.helperOf[h])
            let place = writer.placeFields(h)
            var unmet = 0
            for i in 0..<d {
                let need = Int(hs.needs[h * d + i])
                let offer = g >= 0 ? Int(gs.offers[g * d + i]) : 0
                unmet += max(0, need - offer)
            }
            return Row(
                household: h, id: hs.ids[h], name: hs.names[h], district: place[0], street: place[1],
                community: place[2], severity: Int(hs.severity[h]), helper: g >= 0 ? g : nil,
                helperId: g >= 0 ? gs.ids[g] : nil, helperName: g >= 0 ? gs.names[g] : nil,
                helperKind: g >= 0 ? gs.kinds[g] : nil, distance: g >= 0 ? model.distance(h, g) : nil,
                status: PairStatus(model: model, household: h, helper: g),
                unpairedReason: g >= 0 ? nil : reasons.reason(h), unmetLevels: unmet,
                cost: g >= 0 ? model.cost(h, g) : model.unpairedCost(h), locked: result.locked[h],
                identityNumber: hs.idNumbers.isEmpty ? "" : hs.idNumbers[h])
        }
    }

    /// What household h's helper g covers and leaves unmet ("医疗、助学" / "medical; education";
    /// unmet needs with the levels short), in `language`; g = -1 for no helper.
    public func needWords(_ h: Int, _ g: Int, _ language: Presentation.Language) -> (covered: String, unmet: String) {
        Self.needWords(model: model, h, g, language)
    }

    /// ``needWords(_:_:_:)`` for any pair of `model`, in or out of a plan.
    public static func needWords(model: CostModel, _ h: Int, _ g: Int, _ language: Presentation.Language)
        -> (covered: String, unmet: String)
    {
        let n = model.roll.households.count
        let none = PairingResult(
            helperOf: Array(repeating: -1, count: n), locked: Array(repeating: false, count: n), objective: 0, bound: 0,
            householdPrice: Array(repeating: nil, count: n), helperPrice: Array(repeating: 0, count: model.roll.helpers.count),
            residualCapacity: model.roll.helpers.capacity, lockedCost: 0, statistics: PairingResult.Statistics())
        return PlanWriter(model: model, result: none, presentation: Presentation(language: language)).needWords(h, g)
    }
}

extension Roll {
    /// Helper g's district, street and community names; "" where it serves the whole level above.
    public func helperPlaceNames(_ g: Int) -> (district: String, street: String, community: String) {
        let l = helpers.locations[g]
        return (
            l.district >= 0 ? places.districtNames[Int(l.district)] : "",
            l.street >= 0 ? places.streetNames[Int(l.street)] : "",
            l.community >= 0 ? places.communityNames[Int(l.community)] : ""
        )
    }
}

extension UnpairedReason {
    /// The reason in `language`.
    public func words(_ language: Presentation.Language) -> String { language == .zh ? chinese : english }
}
