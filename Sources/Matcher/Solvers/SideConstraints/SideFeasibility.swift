/// Coverage quotas that cannot be met, found before solving and told in the office's words.
///
/// **Method** (Hall's condition, one direction): the households of a set of places can have
/// at most `locked + Σ_g min(spare_g, deg(g))` pairs, where `deg(g)` counts the set's free
/// households that helper g may take; with org_spread, an organization's helpers together
/// give at most `Σ_c min(room(o,c), households of c eligible for o)`. If the quotas of the set
/// add up to more, no plan meets them. The sets checked: every coverage row alone, and for
/// each rule all its rows of one district together and all its rows together (where places
/// compete for the same helpers). The count is a necessary condition only: a roll passing
/// it may still be infeasible through subtler competition, which the solver then reports.
///
/// - Complexity: O(eligible pairs) per rule and set family (one pass over the households of
///   each set), memory O(helpers + groups touched).
struct SideFeasibility {
    let model: CostModel
    let sides: SideConstraints
    let lockedHelper: [Int32]

    /// One message per set of places whose quotas exceed what its helpers can give.
    func problems() -> [String] {
        let roll = model.roll
        var residual = roll.helpers.capacity
        for g in lockedHelper where g >= 0 { residual[Int(g)] -= 1 }
        var found: [String] = []
        if let k = sides.spreadLimit {
            var lockedInGroup: [Int: Int] = [:]
            for (h, g) in lockedHelper.enumerated() where g >= 0 {
                if let q = sides.group(h, Int(g)) { lockedInGroup[q, default: 0] += 1 }
            }
            for (q, n) in lockedInGroup.sorted(by: { $0.key < $1.key }) where n > k {
                found.append("locked pairs give \(sides.groupName(q, roll.places)) \(n) households, above org_spread \(k)")
            }
        }
        let pairs = EligiblePairs(model: model, residualCapacity: residual)
        var counter = PlaceCapacity(model: model, sides: sides, pairs: pairs, residual: residual, locked: lockedHelper)
        for rule in sides.rowOf.indices {
            let rows = Set(sides.rowOf[rule].filter { $0 >= 0 }).sorted()
            guard let first = rows.first else { continue }
            let level = sides.coverage[Int(first)].level
            for r in rows {
                let row = sides.coverage[Int(r)]
                let most = counter.most(row.households)
                if most < row.quota {
                    found.append(
                        "\(level.rawValue) \(row.name) needs \(row.quota) of its \(row.households.count) households paired, but its households can have at most \(most) pairs (\(row.quota - most) short): too few eligible helper places")
                }
            }
            if rows.count < 2 { continue }
            // The rows of one district together, then all of them.
            var byDistrict: [Int32: [Int32]] = [:]
            for r in rows {
                let h = sides.coverage[Int(r)].households[0]
                byDistrict[roll.households.locations[h].district, default: []].append(r)
            }
            var sets = byDistrict.sorted { $0.key < $1.key }.filter { $0.value.count > 1 }
                .map { (roll.places.districtNames[Int($0.key)], $0.value) }
            if byDistrict.count > 1 { sets.append(("the city", rows)) }
            for (place, members) in sets {
                let households = members.flatMap { sides.coverage[Int($0)].households }
                let quota = members.reduce(0) { $0 + sides.coverage[Int($1)].quota }
                let most = counter.most(households)
                if most < quota {
                    found.append(
                        "the \(members.count) \(level.rawValue)s of \(place) together need \(quota) households paired, but their households can have at most \(most) pairs (\(quota - most) short): too few eligible helper places")
                }
            }
        }
        return found
    }
}

/// Hall-type count of the pairs a set of households can have at most.
private struct PlaceCapacity {
    let model: CostModel
    let sides: SideConstraints
    let pairs: EligiblePairs
    let residual: [Int32]
    let locked: [Int32]
    private var degree: [Int32]
    private var touched: [Int32] = []

    init(model: CostModel, sides: SideConstraints, pairs: EligiblePairs, residual: [Int32], locked: [Int32]) {
        self.model = model
        self.sides = sides
        self.pairs = pairs
        self.residual = residual
        self.locked = locked
        degree = Array(repeating: 0, count: model.roll.helpers.count)
    }

    /// At most how many of `households` can be paired in any plan that respects the locks,
    /// the capacities and org_spread.
    ///
    /// - Complexity: O(Σ eligible helpers of the households).
    mutating func most(_ households: [Int]) -> Int {
        var lockedCount = 0
        var reachable = 0
        // Households of community c eligible for some helper of organization o, and the
        // room locked pairs leave in each group.
        var eligibleInGroup: [Int: Int] = [:]
        var lockedInGroup: [Int: Int] = [:]
        var seenOrganization: [Int32: Bool] = [:]
        for h in households {
            let g = locked[h]
            if g >= 0 {
                lockedCount += 1
                if let q = sides.group(h, Int(g)) { lockedInGroup[q, default: 0] += 1 }
                continue
            }
            var any = false
            seenOrganization.removeAll(keepingCapacity: true)
            pairs.forEach(h) { g, _ in
                any = true
                if degree[g] == 0 { touched.append(Int32(g)) }
                degree[g] += 1
                if sides.spreadLimit != nil, sides.organization[g] >= 0 {
                    seenOrganization[sides.organization[g]] = true
                }
            }
            if any { reachable += 1 }
            for o in seenOrganization.keys {
                eligibleInGroup[Int(o) * sides.communityCount + Int(model.roll.households.locations[h].community), default: 0] += 1
            }
        }
        var byOrganization: [Int32: Int] = [:]
        var places = 0
        for g32 in touched {
            let g = Int(g32)
            let give = min(Int(residual[g]), Int(degree[g]))
            let o = sides.spreadLimit == nil ? -1 : sides.organization[g]
            if o >= 0 { byOrganization[o, default: 0] += give } else { places += give }
            degree[g] = 0
        }
        touched.removeAll(keepingCapacity: true)
        if let k = sides.spreadLimit {
            var roomOf: [Int32: Int] = [:]
            for (q, n) in eligibleInGroup {
                let room = max(0, k - lockedInGroup[q, default: 0])
                roomOf[Int32(q / sides.communityCount), default: 0] += min(room, n)
            }
            for (o, give) in byOrganization { places += min(give, roomOf[o, default: 0]) }
        }
        return lockedCount + min(reachable, places)
    }
}
