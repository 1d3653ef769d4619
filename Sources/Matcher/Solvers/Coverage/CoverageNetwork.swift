/// SPEC's coverage rules as a network: "at least L_q of group q's households paired" is "at
/// most room_q of its free households unpaired". Each quota group becomes one extra column of
/// the assignment problem with capacity room_q, reachable by the group's free households at
/// their unpaired cost p(h), and the households lose their own unpaired option. What is left
/// is the capacitated assignment the exact core already solves (a network, so totally
/// unimodular: its LP optimum is integral), and the group columns' prices give the quotas'
/// dual prices w_q of the certificate.
///
/// **Nested levels.** Places nest (community ⊂ street ⊂ district), so rules at several levels
/// form a forest of groups: a household left unpaired uses one unit of room in each group of
/// its chain, from its finest group up. A household reaches only its finest group's column;
/// each group q below the top has room_q *pass rows* that must be placed, at cost 0, either
/// in q's own column or in its parent's. The pass rows that go up are the room q lends its
/// parent: if y_q go up, q's column keeps room_q − y_q places for its own pass rows and y_q
/// for what enters it, and the parent spends y_q of its room. So a plan of the assignment
/// leaves x_q ≤ y_q ≤ room_q unpaired below q and Σ_children y ≤ the parent's room; every
/// plan meeting the quotas maps back (y_q = x_q). The assignment stays a network, exact.
///
/// Room (SPEC "certificate"): a group's free households less (its quota less its locked
/// households), never below 0. Quotas never exceed a place's households, so room is at
/// most the group's free households.
public struct CoverageNetwork: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        /// SPEC's quota id: `LEVEL:PATH`, e.g. `street:西岗区/白云街道`.
        public var id: String
        /// Households of the group that may stay unpaired.
        public var room: Int
        /// The strictest quota any rule sets for the group.
        public var quota: Int
        public var households: Int
        public var locked: Int
        /// The group of the next coarser level holding this one, -1 at the top.
        public var parent: Int32
    }

    public let groups: [Group]
    /// Finest group of each household; its chain follows `parent`.
    public let groupOf: [Int32]

    /// The network of `sides`' coverage rules, nil when there are none. `lockedHelper[h] ≥ 0`
    /// marks a locked household.
    public init?(roll: Roll, sides: SideConstraints, lockedHelper: [Int32]) {
        let levels = Policy.PlaceLevel.finestFirst.filter { level in sides.coverage.contains { $0.level == level } }
        guard !levels.isEmpty else { return nil }
        let hs = roll.households
        var groups: [Group] = []
        var groupAt = [[Int32]](repeating: [Int32](repeating: -1, count: hs.count), count: levels.count)
        for (l, level) in levels.enumerated() {
            var unitGroup: [Int32: Int32] = [:]
            for h in 0..<hs.count {
                let unit = Self.unit(level, hs.locations[h])
                if let q = unitGroup[unit] { groupAt[l][h] = q; continue }
                let q = Int32(groups.count)
                unitGroup[unit] = q
                groupAt[l][h] = q
                groups.append(Group(
                    id: Self.id(level, roll.places, hs.locations[h]), room: 0, quota: 0, households: 0, locked: 0,
                    parent: -1))
            }
        }
        for l in 0..<(levels.count - 1) {
            for h in 0..<hs.count { groups[Int(groupAt[l][h])].parent = groupAt[l + 1][h] }
        }
        // Several rules at one level: the strictest quota of each group counts.
        for row in sides.coverage {
            let q = Int(groupAt[levels.firstIndex(of: row.level)!][row.households[0]])
            groups[q].quota = max(groups[q].quota, row.quota)
        }
        for l in levels.indices {
            for h in 0..<hs.count {
                let q = Int(groupAt[l][h])
                groups[q].households += 1
                if lockedHelper[h] >= 0 { groups[q].locked += 1 }
            }
        }
        for q in groups.indices {
            let free = groups[q].households - groups[q].locked
            groups[q].room = max(0, free - (groups[q].quota - groups[q].locked))
        }
        self.groups = groups
        self.groupOf = groupAt[0]
    }

    /// Calls `body` with each group of `h`'s chain, finest first.
    @inline(__always)
    public func forEachGroup(of h: Int, _ body: (Int) -> Void) {
        var q = groupOf[h]
        while q >= 0 {
            body(Int(q))
            q = groups[Int(q)].parent
        }
    }

    /// Free households of each group left unpaired by `helperOf` (negative = unpaired).
    public func unpairedCounts(helperOf: [Int32], locked: [Bool]) -> [Int] {
        var count = [Int](repeating: 0, count: groups.count)
        for h in helperOf.indices where helperOf[h] < 0 && !locked[h] { forEachGroup(of: h) { count[$0] += 1 } }
        return count
    }

    /// True when `helperOf` leaves no group more unpaired households than its room.
    public func isMet(by helperOf: [Int32], locked: [Bool]) -> Bool {
        zip(unpairedCounts(helperOf: helperOf, locked: locked), groups).allSatisfy { $0 <= $1.room }
    }

    static func unit(_ level: Policy.PlaceLevel, _ l: Location) -> Int32 {
        switch level {
        case .district: l.district
        case .street: l.street
        case .community: l.community
        }
    }

    static func id(_ level: Policy.PlaceLevel, _ places: Places, _ l: Location) -> String {
        let district = places.districtNames[Int(l.district)]
        switch level {
        case .district: return "district:" + district
        case .street: return "street:" + district + "/" + places.streetNames[Int(l.street)]
        case .community:
            return "community:" + district + "/" + places.streetNames[Int(l.street)] + "/" + places.communityNames[Int(l.community)]
        }
    }
}

/// The quota rows of a certificate: the network a plan was solved on and each group's price.
public struct QuotaPrices: Sendable, Equatable {
    public var network: CoverageNetwork
    /// w_q ≥ 0 of each group.
    public var price: [Int]

    public init(network: CoverageNetwork, price: [Int]) {
        self.network = network
        self.price = price
    }

    /// The certificate's w from the group columns' prices V of a solve with pass rows: a pass
    /// row of q is placed at the cheaper of V_q and V_parent, so w_q = max(0, V_q − V_parent)
    /// below the top and V_q at it. Then Σ room·w equals what the columns and pass rows add
    /// to the dual objective, and Σ_{q ∋ h} w_q ≥ V of h's finest group, which keeps
    /// u_h ≤ p(h) + Σ w.
    init(network: CoverageNetwork, columnPrice v: [Int]) {
        self.network = network
        price = network.groups.indices.map { q in
            let parent = Int(network.groups[q].parent)
            return parent < 0 ? v[q] : max(0, v[q] - v[parent])
        }
    }

    /// Σ w over the chain of household h.
    public func chainPrice(of h: Int) -> Int {
        var sum = 0
        network.forEachGroup(of: h) { sum += price[$0] }
        return sum
    }
}

extension Policy.PlaceLevel {
    /// Community, street, district: the order in which a household's quota groups nest.
    static let finestFirst: [Policy.PlaceLevel] = [.community, .street, .district]
}
