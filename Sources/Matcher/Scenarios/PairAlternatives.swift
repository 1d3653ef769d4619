/// A household's best alternatives to its pair in a proven plan, each with what it would
/// cost the plan, from the plan's dual prices (SPEC "certificate").
///
/// The prices u (households), v ≥ 0 (helpers) and w ≥ 0 (quota places) prove the plan
/// optimal: u_h − v_g ≤ c(h,g) for every eligible pair and u_h ≤ p(h) + Σ_{q ∋ h} w_q, with
/// equality on the plan's pairs. The *reduced cost* of a pair,
///
///     r(h,g) = c(h,g) − u_h + v_g  ≥ 0,
///
/// is then a lower bound on how much the plan's optimal cost rises if h must take g (LP
/// sensitivity: the same prices stay feasible for the restricted problem, and its dual value
/// falls by nothing while the pair's own slack r is paid). Leaving h unpaired has reduced cost
/// p(h) + Σ w_q − u_h. Sign convention: SPEC writes the certificate as u_h − v_g ≤ c(h,g), so
/// the helper's price is *added* here (c − u − v in the convention where v ≤ 0).
///
/// Locked households have no price (their pair is fixed before solving), and plans solved
/// with org_spread carry no prices (their bound comes from a relaxation): both are told
/// apart by ``Outcome``.
///
/// - Complexity: O(eligible helpers of h) per household, after O(helpers log helpers) to
///   group the helpers once.
public struct PairAlternatives: Sendable {
    /// The plan's dual prices, as stored with it.
    public struct Prices: Sendable, Equatable {
        /// u_h of each free household; nil for locked ones.
        public var household: [Int?]
        /// v_g ≥ 0 of each helper.
        public var helper: [Int]
        /// Σ_{q ∋ h} w_q of each household (0 without coverage rules).
        public var quotaChain: [Int]

        public init(household: [Int?], helper: [Int], quotaChain: [Int]) {
            self.household = household
            self.helper = helper
            self.quotaChain = quotaChain
        }

        /// The prices a solve left in its result; nil when it has none (org_spread plans).
        public init?(_ result: PairingResult) {
            guard result.householdPrice.contains(where: { $0 != nil }) || result.locked.allSatisfy({ $0 }) else {
                return nil
            }
            household = result.householdPrice
            helper = result.helperPrice
            quotaChain = (0..<result.helperOf.count).map { result.quotaPrices?.chainPrice(of: $0) ?? 0 }
        }
    }

    public struct Alternative: Sendable, Equatable {
        /// The helper's index, or nil for "leave the household unpaired".
        public var helper: Int?
        /// c(h,g), or p(h) for leaving it unpaired.
        public var cost: Int
        /// What taking this alternative costs the plan at least (≥ 0).
        public var reducedCost: Int
        /// Distance level of the pair; nil for unpaired.
        public var distance: Int?
    }

    public enum Outcome: Sendable, Equatable {
        case alternatives([Alternative])
        /// The household's pair is locked: it has no price until the lock is removed.
        case locked
        /// The plan has no dual prices (solved with org_spread): no exact price of a change.
        case noPrices
    }

    public let model: CostModel
    public let prices: Prices?
    private let pairs: EligiblePairs

    /// `residualCapacity` is each helper's capacity less its locked pairs (the certificate's).
    public init(model: CostModel, residualCapacity: [Int32], prices: Prices?) {
        self.model = model
        self.prices = prices
        pairs = EligiblePairs(model: model, residualCapacity: residualCapacity)
    }

    /// The `limit` cheapest alternatives of household h other than its current helper
    /// (`current`, -1 when unpaired), by reduced cost, then cost, then helper index;
    /// "leave unpaired" is one of them when h is paired.
    public func best(for h: Int, current: Int, limit: Int = 5) -> Outcome {
        guard let prices else { return .noPrices }
        guard let u = prices.household[h] else { return .locked }
        var found: [Alternative] = []
        pairs.forEach(h) { g, c in
            guard g != current else { return }
            found.append(Alternative(helper: g, cost: c, reducedCost: c - u + prices.helper[g], distance: model.distance(h, g)))
        }
        if current >= 0 {
            let p = model.unpairedCost(h)
            found.append(Alternative(helper: nil, cost: p, reducedCost: p + prices.quotaChain[h] - u, distance: nil))
        }
        found.sort { a, b in
            (a.reducedCost, a.cost, a.helper ?? -1) < (b.reducedCost, b.cost, b.helper ?? -1)
        }
        return .alternatives(Array(found.prefix(limit)))
    }
}
