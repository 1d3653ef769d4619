/// Enumerates the eligible helpers of each household with their costs, fast: helpers in
/// structure-of-arrays form grouped by district (plus the citywide ones) so that a household
/// only looks at helpers it could reach; need and offer vectors packed one byte per
/// dimension into a `UInt64` so that the deficit of a pair is a few word operations (SWAR)
/// when all weights are equal.
///
/// This is the one loop over all eligible pairs: candidate lists, the pricing that proves
/// optimality, and the certificate check all run on it.
///
/// - Complexity: O(Σ_h |helpers in h's district| + |citywide helpers|) per full pass.
struct EligiblePairs: @unchecked Sendable {
    let model: CostModel
    /// Helpers with spare capacity, by district; `everyone` when some kind reaches all.
    private let byDistrict: [[Int32]]
    private let citywide: [Int32]
    private let everyone: [Int32]?
    private let helperDistrict: [Int32]
    private let helperStreet: [Int32]
    private let helperCommunity: [Int32]
    private let helperKind: [Int32]
    /// Offers packed one byte per dimension (only when dimensions ≤ 8).
    private let packedOffers: [UInt64]
    private let packedNeeds: [UInt64]
    /// The common weight when every dimension weighs the same, else nil.
    private let uniformWeight: Int?
    private let kindRulesActive: Bool
    private let hasSpareCapacity: [Bool]

    /// `residualCapacity[g] > 0` marks the helpers that can still take a household.
    init(model: CostModel, residualCapacity: [Int32]) {
        self.model = model
        let roll = model.roll
        var byDistrict = [[Int32]](repeating: [], count: roll.places.districtNames.count)
        var citywide: [Int32] = [], all: [Int32] = []
        for g in 0..<roll.helpers.count where residualCapacity[g] > 0 {
            all.append(Int32(g))
            let d = roll.helpers.locations[g].district
            if d < 0 { citywide.append(Int32(g)) } else { byDistrict[Int(d)].append(Int32(g)) }
        }
        self.byDistrict = byDistrict
        self.citywide = citywide
        hasSpareCapacity = residualCapacity.map { $0 > 0 }
        everyone = model.reach >= 3 ? all : nil
        helperDistrict = roll.helpers.locations.map(\.district)
        helperStreet = roll.helpers.locations.map(\.street)
        helperCommunity = roll.helpers.locations.map(\.community)
        helperKind = roll.helpers.kinds.map { Int32($0.rawValue) }
        let d = model.dimensionCount
        func pack(_ levels: [UInt8], _ i: Int) -> UInt64 {
            var word: UInt64 = 0
            for k in 0..<min(d, 8) { word |= UInt64(levels[i * d + k]) << (8 * k) }
            return word
        }
        let packable = d <= 8
        packedOffers = packable ? (0..<roll.helpers.count).map { pack(roll.helpers.offers, $0) } : []
        packedNeeds = packable ? (0..<roll.households.count).map { pack(roll.households.needs, $0) } : []
        let first = model.weights.first ?? 1
        uniformWeight = packable && model.weights.allSatisfy({ $0 == first }) ? first : nil
        kindRulesActive = model.kindMinSeverity.contains { $0 > 1 }
            || model.kindMaxDistance.contains { $0 != model.policy.maxDistance }
    }

    /// Σ_d max(0, need_d − offer_d) over packed bytes holding levels 0...3.
    @inline(__always)
    static func packedDeficit(_ need: UInt64, _ offer: UInt64) -> Int {
        let high: UInt64 = 0x8080_8080_8080_8080
        let t = (need | high) &- offer  // per byte 0x80 + need − offer; no borrow crosses bytes
        let positive = ((t & high) >> 7) &* 0xFF  // 0xFF where need ≥ offer
        let gaps = t & ~high & positive
        return Int((gaps &* 0x0101_0101_0101_0101) >> 56)
    }

    /// Calls `body(g, cost)` for every eligible helper g of household h with spare capacity.
    @inline(__always)
    func forEach(_ h: Int, _ body: (Int, Int) -> Void) {
        forEach(h, in: nil, below: .max, body)
    }

    /// What the cost of a pair needs from its household, read once per household.
    struct HouseholdView {
        let index: Int
        let here: Location
        let severity: Int
        let previous: Int
        let need: UInt64
    }

    @inline(__always)
    func view(_ h: Int) -> HouseholdView {
        HouseholdView(
            index: h, here: model.roll.households.locations[h],
            severity: Int(model.roll.households.severity[h]), previous: Int(model.previousHelper[h]),
            need: packedNeeds.isEmpty ? 0 : packedNeeds[h])
    }

    /// The cost of pairing household `h` with helper `g` (whose place and packed offers are
    /// passed in, so that the hot loop can read them through raw buffers), or nil when the
    /// pair is not eligible. The single definition of SPEC's cost used by every scan.
    @inline(__always)
    func cost(
        _ h: HouseholdView, _ g: Int, district: Int32, street: Int32, community: Int32, offer: UInt64
    ) -> Int? {
        let dist: Int
        if district != h.here.district { dist = 3 }
        else if street != h.here.street { dist = 2 }
        else if community != h.here.community { dist = 1 }
        else { dist = 0 }
        if kindRulesActive {
            let kind = Int(helperKind[g])
            if dist > model.kindMaxDistance[kind] && district >= 0 { return nil }
            if h.severity < model.kindMinSeverity[kind] { return nil }
        } else if dist > model.policy.maxDistance && district >= 0 {
            return nil
        }
        if !model.forbidden.isEmpty && model.forbidden.contains(h.index * model.roll.helpers.count + g) {
            return nil
        }
        let deficit = uniformWeight.map { $0 * Self.packedDeficit(h.need, offer) } ?? weightedDeficit(h.index, g)
        var cost = h.severity &* deficit &+ model.policy.distancePenalty &* dist
        if g == h.previous { cost -= model.policy.keepBonus }
        return cost
    }

    /// The cost of one pair, or nil when it is not eligible (or g has no spare capacity).
    func cost(_ h: Int, _ g: Int) -> Int? {
        guard hasSpareCapacity[g] else { return nil }
        return cost(
            view(h), g, district: helperDistrict[g], street: helperStreet[g], community: helperCommunity[g],
            offer: packedOffers.isEmpty ? 0 : packedOffers[g])
    }

    /// Like `forEach(_:_:)`, but only over helpers whose price is below `limit`, walking
    /// `ordered` (this object's lists sorted by ascending price) and stopping at the first
    /// helper priced at or above the limit.
    @inline(__always)
    func forEach(_ h: Int, in ordered: PriceOrder?, below limit: Int, _ body: (Int, Int) -> Void) {
        let household = view(h)
        let here = household.here
        helperDistrict.withUnsafeBufferPointer { district in
        helperStreet.withUnsafeBufferPointer { street in
        helperCommunity.withUnsafeBufferPointer { community in
        packedOffers.withUnsafeBufferPointer { offers in
            @inline(__always) func visit(_ list: [Int32], _ prices: [Int]?) {
                list.withUnsafeBufferPointer { list in
                    for (i, g32) in list.enumerated() {
                        if let prices, prices[i] >= limit { break }
                        let g = Int(g32)
                        if let c = cost(
                            household, g, district: district[g], street: street[g], community: community[g],
                            offer: offers.isEmpty ? 0 : offers[g])
                        {
                            body(g, c)
                        }
                    }
                }
            }
            if let ordered {
                if let everyone = ordered.everyone {
                    visit(everyone.helpers, everyone.prices)
                } else {
                    if here.district >= 0 {
                        let list = ordered.byDistrict[Int(here.district)]
                        visit(list.helpers, list.prices)
                    }
                    visit(ordered.citywide.helpers, ordered.citywide.prices)
                }
            } else if let everyone {
                visit(everyone, nil)
            } else {
                if here.district >= 0 { visit(byDistrict[Int(here.district)], nil) }
                visit(citywide, nil)
            }
        }
        }
        }
        }
    }

    /// The helper lists sorted by ascending price, for scans that only need cheap helpers.
    struct PriceOrder: Sendable {
        struct List: Sendable { var helpers: [Int32]; var prices: [Int] }
        var byDistrict: [List]
        var citywide: List
        var everyone: List?
    }

    /// Sorts the helper lists by `price` (ties by index, so the order is deterministic).
    ///
    /// - Complexity: O(k log k) for k helpers.
    func ordered(by price: [Int]) -> PriceOrder {
        func sort(_ list: [Int32]) -> PriceOrder.List {
            let sorted = list.sorted { (price[Int($0)], $0) < (price[Int($1)], $1) }
            return PriceOrder.List(helpers: sorted, prices: sorted.map { price[Int($0)] })
        }
        return PriceOrder(
            byDistrict: byDistrict.map(sort), citywide: sort(citywide), everyone: everyone.map(sort))
    }

    /// The general deficit, for unequal weights or more than eight dimensions.
    private func weightedDeficit(_ h: Int, _ g: Int) -> Int {
        let d = model.dimensionCount
        var deficit = 0
        for i in 0..<d {
            let gap = Int(model.roll.households.needs[h * d + i]) - Int(model.roll.helpers.offers[g * d + i])
            if gap > 0 { deficit += model.weights[i] * gap }
        }
        return deficit
    }
}
