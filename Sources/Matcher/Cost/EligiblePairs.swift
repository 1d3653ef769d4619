/// Enumerates the eligible helpers of each household with their costs, fast: helpers in
/// structure-of-arrays form grouped by district (plus the citywide ones) so that a household
/// only looks at helpers it could reach, and inside a district by offer, so that a deficit is
/// computed once per offer group and whole groups are passed over when they cannot matter;
/// need and offer vectors packed one byte per dimension into a `UInt64` so that the deficit
/// of a pair is a few word operations (SWAR) when all weights are equal. (Dalian seed 1:
/// 37,216 helpers carry 718 distinct offers; on one core, with `SmallestK` in raw memory,
/// the run's pricing went from 4.0 s to 2.0 s and its candidate lists from 1.7 s to 1.2 s.)
///
/// This is the one loop over all eligible pairs: candidate lists, the pricing that proves
/// optimality, and the certificate check all run on it.
///
/// - Complexity: O(Σ_h |helpers in h's district| + |citywide helpers|) per full pass.
struct EligiblePairs: @unchecked Sendable {
    let model: CostModel
    /// Helpers with spare capacity, by district; `everyone` when some kind reaches all.
    private var byDistrict: [HelperBlock]
    private var citywide: HelperBlock
    private var everyone: HelperBlock?
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

    /// A list of helpers with what a pair's cost needs of each, in list order (structure of
    /// arrays), so that a scan reads memory front to back instead of jumping by helper index.
    ///
    /// The list is grouped by packed offer (equal offers next to each other, by price and then
    /// index inside a group): a household's deficit is the same for a whole group, so scans
    /// compute it once per group and can pass over a group whose cheapest pair cannot matter.
    struct HelperBlock: Sendable {
        var helpers: [Int32] = []
        var district: [Int32] = []
        var street: [Int32] = []
        var community: [Int32] = []
        var offer: [UInt64] = []
        /// Prices, ascending inside each group, when the block is sorted by price
        /// (`ordered(by:)`), else empty.
        var price: [Int] = []
        /// Group j is `groupStart[j] ..< groupStart[j + 1]`, all with offer `groupOffer[j]`.
        var groupStart: [Int] = [0]
        var groupOffer: [UInt64] = []

        var count: Int { helpers.count }

        /// The helpers `list` (indices into the roll) grouped by offer, with their fields
        /// gathered; inside a group by `price` when given, then by index. With prices the
        /// groups come in order of their cheapest helper, so that a scan can stop at the first
        /// group whose cheapest helper is too dear for any pair of it to undercut.
        init(_ list: [Int32], _ pairs: EligiblePairs, price: [Int]? = nil) {
            let offers = list.map { pairs.packedOffer(Int($0)) }
            var groupPrice: [UInt64: Int] = [:]
            if let price {
                for (g, o) in zip(list, offers) { groupPrice[o] = min(groupPrice[o] ?? .max, price[Int(g)]) }
            }
            // Sort keys made once per helper: (group's cheapest price, offer, price, index).
            let keys = zip(list, offers).map { g, o in (groupPrice[o] ?? 0, o, price?[Int(g)] ?? 0, g) }.sorted { $0 < $1 }
            let sorted = keys.map(\.3)
            helpers = sorted
            district = sorted.map { pairs.helperDistrict[Int($0)] }
            street = sorted.map { pairs.helperStreet[Int($0)] }
            community = sorted.map { pairs.helperCommunity[Int($0)] }
            offer = keys.map(\.1)
            if let price { self.price = sorted.map { price[Int($0)] } }
            for i in offer.indices where i == 0 || offer[i] != offer[i - 1] {
                if i > 0 { groupStart.append(i) }
                groupOffer.append(offer[i])
            }
            if !offer.isEmpty { groupStart.append(offer.count) }
        }

        init() {}

        /// The block's arrays as raw buffers, for the scan loops.
        struct Buffers {
            let helpers: UnsafeBufferPointer<Int32>
            let district: UnsafeBufferPointer<Int32>
            let street: UnsafeBufferPointer<Int32>
            let community: UnsafeBufferPointer<Int32>
            let offer: UnsafeBufferPointer<UInt64>
            /// Empty unless the block is sorted by price.
            let price: UnsafeBufferPointer<Int>
            let groupStart: UnsafeBufferPointer<Int>
            let groupOffer: UnsafeBufferPointer<UInt64>

            var groupCount: Int { groupOffer.count }
            func group(_ j: Int) -> Range<Int> { groupStart[j]..<groupStart[j + 1] }
        }

        @inline(__always)
        func withBuffers(_ body: (Buffers) -> Void) {
            helpers.withUnsafeBufferPointer { helpers in
            district.withUnsafeBufferPointer { district in
            street.withUnsafeBufferPointer { street in
            community.withUnsafeBufferPointer { community in
            offer.withUnsafeBufferPointer { offer in
            price.withUnsafeBufferPointer { price in
            groupStart.withUnsafeBufferPointer { groupStart in
            groupOffer.withUnsafeBufferPointer { groupOffer in
                body(Buffers(
                    helpers: helpers, district: district, street: street, community: community,
                    offer: offer, price: price, groupStart: groupStart, groupOffer: groupOffer))
            }}}}}}}}
        }
    }

    /// Calls `visit` on the blocks a household at `here` can reach: everyone's when some kind
    /// reaches every district, else its district's and the citywide helpers'.
    @inline(__always)
    private static func forEachBlock(
        reachedFrom here: Location, everyone: HelperBlock?, byDistrict: [HelperBlock], citywide: HelperBlock,
        _ visit: (HelperBlock) -> Void
    ) {
        forEachBlockWithDistances(reachedFrom: here, everyone: everyone, byDistrict: byDistrict, citywide: citywide) { b, _ in
            visit(b)
        }
    }

    /// `forEachBlock`, with the distance levels the block's helpers can have from `here`:
    /// 0...2 in the household's own district, 3 for citywide helpers, 0...3 for everyone's.
    @inline(__always)
    private static func forEachBlockWithDistances(
        reachedFrom here: Location, everyone: HelperBlock?, byDistrict: [HelperBlock], citywide: HelperBlock,
        _ visit: (HelperBlock, ClosedRange<Int>) -> Void
    ) {
        if let everyone {
            visit(everyone, 0...3)
        } else {
            if here.district >= 0 { visit(byDistrict[Int(here.district)], 0...2) }
            visit(citywide, 3...3)
        }
    }

    /// SPEC's distance level between a household at `here` and a helper at the given place
    /// (a blank level, -1, never matches).
    @inline(__always)
    static func distance(_ here: Location, district: Int32, street: Int32, community: Int32) -> Int {
        district != here.district ? 3 : (street != here.street ? 2 : (community != here.community ? 1 : 0))
    }

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
        hasSpareCapacity = residualCapacity.map { $0 > 0 }
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
        self.byDistrict = []
        self.citywide = HelperBlock()
        self.everyone = nil
        // Blocks gather fields through self, so they are built once the fields are set.
        let me = self
        self.byDistrict = byDistrict.map { HelperBlock($0, me) }
        self.citywide = HelperBlock(citywide, me)
        self.everyone = model.reach >= 3 ? HelperBlock(all, me) : nil
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

    /// Whether household h has an eligible helper with spare capacity; stops at the first.
    func hasEligible(_ h: Int) -> Bool {
        let household = view(h)
        var found = false
        Self.forEachBlock(
            reachedFrom: household.here, everyone: everyone, byDistrict: byDistrict, citywide: citywide
        ) { block in
            if found { return }
            block.withBuffers { b in
                for i in 0..<b.helpers.count where cost(
                    household, Int(b.helpers[i]), district: b.district[i], street: b.street[i],
                    community: b.community[i], offer: b.offer[i]) != nil
                {
                    found = true
                    break
                }
            }
        }
        return found
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
        let dist = Self.distance(h.here, district: district, street: street, community: community)
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
    /// `ordered` (this object's lists sorted by ascending price in each offer group) and
    /// leaving each group at its first helper priced at or above the limit.
    @inline(__always)
    func forEach(_ h: Int, in ordered: PriceOrder?, below limit: Int, _ body: (Int, Int) -> Void) {
        let household = view(h)
        @inline(__always) func visit(_ block: HelperBlock) {
            block.withBuffers { b in
                let sorted = !b.price.isEmpty
                for j in 0..<b.groupCount {
                for i in b.group(j) {
                    if sorted && b.price[i] >= limit { break }
                    let g = Int(b.helpers[i])
                    if let c = cost(
                        household, g, district: b.district[i], street: b.street[i], community: b.community[i],
                        offer: b.offer[i])
                    {
                        body(g, c)
                    }
                }}
            }
        }
        if let ordered {
            Self.forEachBlock(
                reachedFrom: household.here, everyone: ordered.everyone, byDistrict: ordered.byDistrict,
                citywide: ordered.citywide, visit)
        } else {
            Self.forEachBlock(
                reachedFrom: household.here, everyone: everyone, byDistrict: byDistrict, citywide: citywide, visit)
        }
    }

    /// Calls `body(g, cost, reduced)` for every eligible helper g of household h whose reduced
    /// cost `c(h,g) − u + v_g` is negative, v being the prices `ordered` was sorted by. This
    /// is the pricing scan. In each offer group it stops at the first helper priced so high
    /// that no pair with it can undercut: c ≥ −keep_bonus always, and in the plain model
    /// c ≥ severity·deficit (− keep_bonus when the previous helper has this offer), the deficit
    /// being the group's; a group whose cheapest helper fails that test is passed over whole,
    /// and since groups come in order of their cheapest price, the scan of a block ends at the
    /// first group whose cheapest helper fails even `c ≥ −keep_bonus`.
    @inline(__always)
    func forEachUndercutting(_ h: Int, u: Int, in ordered: PriceOrder, _ body: (Int, Int, Int) -> Void) {
        forEachUndercuttingNarrowed(h, u: u, in: ordered, { g, c, reduced in
            body(g, c, reduced)
            return 0
        })
    }

    /// `forEachUndercutting`, where `body` returns a cutoff ≤ 0 and from then on only pairs of
    /// reduced cost below the least cutoff returned are reported. A caller that keeps the k
    /// most negative pairs returns its k-th key + 1 once it holds k: each group's scan then
    /// stops at the first helper too dear to beat that, not merely too dear to undercut.
    @inline(__always)
    func forEachUndercuttingNarrowed(_ h: Int, u: Int, in ordered: PriceOrder, _ body: (Int, Int, Int) -> Int) {
        var cutoff = 0
        guard isPlain else {
            forEach(h, in: ordered, below: u + model.policy.keepBonus) { g, c in
                let reduced = c - u + ordered.price(of: g)
                if reduced < cutoff { cutoff = min(cutoff, body(g, c, reduced)) }
            }
            return
        }
        let plain = PlainCost(self, h)
        Self.forEachBlockWithDistances(
            reachedFrom: plain.here, everyone: ordered.everyone, byDistrict: ordered.byDistrict,
            citywide: ordered.citywide
        ) { block, reach in
            // Every pair of the block is at least this far (citywide helpers: 3 levels).
            let nearest = plain.penalty &* reach.lowerBound
            block.withBuffers { b in
                // Groups come in order of their cheapest price, and every pair costs at least
                // nearest − keep: past the first group too dear by that bound, every group is.
                let least = nearest &- max(0, plain.keep) &- u
                for j in 0..<b.groupCount {
                    if least &+ b.price[b.groupStart[j]] >= cutoff { break }
                    let offer = b.groupOffer[j]
                    let deficitCost = plain.deficitCost(offer)
                    // Every pair of the group has reduced cost ≥ floor + its helper's price.
                    let floor = deficitCost &+ nearest &- plain.bonus(offer) &- u
                    for i in b.group(j) {
                        if floor &+ b.price[i] >= cutoff { break }
                        guard let c = plain.cost(deficitCost, b, i) else { continue }
                        let reduced = c &- u &+ b.price[i]
                        if reduced < cutoff { cutoff = min(cutoff, body(Int(b.helpers[i]), c, reduced)) }
                    }
                }
            }
        }
    }

    /// Offers every eligible helper g of household h to `best` as (cost, tie(g)), with the
    /// same result as offering them all, but in the plain model only from the offer groups
    /// that can hold one of the `best.k` cheapest: with the groups' deficits it finds a cost T
    /// that at least k eligible helpers reach for sure, and skips each group whose cheapest
    /// possible pair costs more than T. `scratch` holds the pairs offered (any size ≥ the
    /// helper count).
    func offerCheapest(
        _ h: Int, to best: inout SmallestK, tie: (Int32) -> UInt64,
        scratch: UnsafeMutableBufferPointer<Int>, _ helpers: UnsafeMutableBufferPointer<Int32>
    ) {
        var count = 0
        guard isPlain else {
            forEach(h) { g, c in
                scratch[count] = c
                helpers[count] = Int32(g)
                count += 1
            }
            best.offerAll(
                keys: UnsafeBufferPointer(rebasing: scratch[..<count]),
                items: UnsafeBufferPointer(rebasing: helpers[..<count]), tie: tie)
            return
        }
        let plain = PlainCost(self, h)
        let threshold = plain.costReachedBy(best.k, everyone, byDistrict, citywide)
        Self.forEachBlockWithDistances(reachedFrom: plain.here, everyone: everyone, byDistrict: byDistrict, citywide: citywide) { block, reach in
            let nearest = plain.penalty &* reach.lowerBound
            block.withBuffers { b in
                for j in 0..<b.groupCount {
                    let offer = b.groupOffer[j]
                    let deficitCost = plain.deficitCost(offer)
                    // The group's cheapest possible pair is dearer than the threshold.
                    if deficitCost &+ nearest &- plain.bonus(offer) > threshold { continue }
                    for i in b.group(j) {
                        // A helper dearer than the threshold cannot be among the k cheapest.
                        guard let c = plain.cost(deficitCost, b, i), c <= threshold else { continue }
                        scratch[count] = c
                        helpers[count] = b.helpers[i]
                        count += 1
                    }
                }
            }
        }
        best.offerAll(
            keys: UnsafeBufferPointer(rebasing: scratch[..<count]),
            items: UnsafeBufferPointer(rebasing: helpers[..<count]), tie: tie)
    }

    /// Equal weights, no kind rules, nothing forbidden: the cost is computed inline.
    private var isPlain: Bool { uniformWeight != nil && !kindRulesActive && model.forbidden.isEmpty }

    /// SPEC's cost in the plain model, split for offer groups: `severity·deficit` once per
    /// group, then the distance and keep terms per helper.
    private struct PlainCost {
        let household: HouseholdView
        /// The household's severity times the common weight.
        let severity: Int
        /// Offer of the previous helper (an impossible offer when there is none).
        let previousOffer: UInt64
        let penalty: Int
        let maxDistance: Int
        let keep: Int

        var here: Location { household.here }

        @inline(__always)
        init(_ pairs: EligiblePairs, _ h: Int) {
            household = pairs.view(h)
            severity = household.severity &* (pairs.uniformWeight ?? 1)
            previousOffer = household.previous >= 0 ? pairs.packedOffer(household.previous) : .max
            penalty = pairs.model.policy.distancePenalty
            maxDistance = pairs.model.policy.maxDistance
            keep = pairs.model.policy.keepBonus
        }

        @inline(__always) func deficitCost(_ offer: UInt64) -> Int { severity &* EligiblePairs.packedDeficit(household.need, offer) }

        /// The keep bonus some helper of a group with this offer may get.
        @inline(__always) func bonus(_ offer: UInt64) -> Int { offer == previousOffer ? keep : 0 }

        /// The cost of the pair with helper i of the block, nil when it is too far.
        @inline(__always)
        func cost(_ deficitCost: Int, _ b: HelperBlock.Buffers, _ i: Int) -> Int? {
            let d = b.district[i]
            let dist = EligiblePairs.distance(here, district: d, street: b.street[i], community: b.community[i])
            if dist > maxDistance && d >= 0 { return nil }
            var c = deficitCost &+ penalty &* dist
            if Int(b.helpers[i]) == household.previous { c -= keep }
            return c
        }

        /// A cost that at least k eligible helpers of the reached blocks cost no more than
        /// (each costs at most severity·deficit + penalty·the farthest distance of its block:
        /// 2 in the own district, 3 citywide), or .max when there is none or some helpers in
        /// the blocks may be too far (max_distance below 2).
        func costReachedBy(
            _ k: Int, _ everyone: HelperBlock?, _ byDistrict: [HelperBlock], _ citywide: HelperBlock
        ) -> Int {
            if maxDistance < 2 || k <= 0 { return .max }
            var lowest = Int.max
            EligiblePairs.forEachBlock(reachedFrom: here, everyone: everyone, byDistrict: byDistrict, citywide: citywide) { block in
                for offer in block.groupOffer { lowest = min(lowest, deficitCost(offer)) }
            }
            if lowest == .max { return .max }
            // Helpers by their highest possible cost.
            return SmallestK.keyReaching(k, from: lowest) { add in
                EligiblePairs.forEachBlockWithDistances(reachedFrom: here, everyone: everyone, byDistrict: byDistrict, citywide: citywide) { block, reach in
                    let spread = penalty &* reach.upperBound
                    for j in block.groupOffer.indices {
                        add(deficitCost(block.groupOffer[j]) &+ spread, block.groupStart[j + 1] - block.groupStart[j])
                    }
                }
            } ?? .max
        }
    }

    /// The helper lists sorted by ascending price, for scans that only need cheap helpers.
    struct PriceOrder: Sendable {
        var byDistrict: [HelperBlock]
        var citywide: HelperBlock
        var everyone: HelperBlock?
        /// The prices the blocks were sorted by, by helper index.
        var prices: [Int]

        @inline(__always) func price(of g: Int) -> Int { prices[g] }
    }

    /// Sorts the helper lists by `price` inside each offer group (ties by index, so the order
    /// is deterministic), keeping only the helpers marked in `only` when it is given.
    ///
    /// - Complexity: O(k log k) for k helpers.
    func ordered(by price: [Int], only: [Bool]? = nil) -> PriceOrder {
        func sort(_ block: HelperBlock) -> HelperBlock {
            let kept = only.map { keep in block.helpers.filter { keep[Int($0)] } } ?? block.helpers
            return HelperBlock(kept, self, price: price)  // sorts by offer, then price, then index
        }
        return PriceOrder(
            byDistrict: byDistrict.map(sort), citywide: sort(citywide), everyone: everyone.map(sort), prices: price)
    }

    /// The packed offers of helper g (0 when dimensions do not pack).
    func packedOffer(_ g: Int) -> UInt64 { packedOffers.isEmpty ? 0 : packedOffers[g] }

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
