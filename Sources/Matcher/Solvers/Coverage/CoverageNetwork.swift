/// SPEC's coverage rules as a network: "at least L_q of group q's households paired" is "at
/// most room_q of its free households unpaired". Each quota group becomes one extra column of
/// the assignment problem with capacity room_q, reachable only by the group's free households
/// at their unpaired cost p(h), and the households lose their own unpaired option. What is
/// left is the capacitated assignment the exact core already solves (a network, so totally
/// unimodular: its LP optimum is integral), and the group columns' prices are the quotas'
/// dual prices w_q of the certificate.
///
/// This form holds for rules at **one level** (every household then lies in exactly one group).
/// Rules at several levels nest into a chain of groups per household; see `init` for how that
/// case is told apart.
///
/// Room (SPEC "certificate"): a group's free households less (its quota less its locked
/// households), never below 0. A group whose quota cannot be met by its free households alone
/// has room 0 and needs every free household paired; `SideFeasibility` names such cases in
/// office words before solving.
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
    }

    public let level: Policy.PlaceLevel
    public let groups: [Group]
    /// Group of each household.
    public let groupOf: [Int32]

    /// The network of `sides`' coverage rules, or nil when they span more than one level (or
    /// there are none). `lockedHelper[h] ≥ 0` marks a locked household.
    public init?(roll: Roll, sides: SideConstraints, lockedHelper: [Int32]) {
        guard let first = sides.coverage.first else { return nil }
        let level = first.level
        guard sides.coverage.allSatisfy({ $0.level == level }) else { return nil }
        let hs = roll.households
        var unitGroup: [Int32: Int32] = [:]
        var groups: [Group] = []
        var groupOf = [Int32](repeating: -1, count: hs.count)
        for h in 0..<hs.count {
            let unit = Self.unit(level, hs.locations[h])
            if let q = unitGroup[unit] { groupOf[h] = q; continue }
            let q = Int32(groups.count)
            unitGroup[unit] = q
            groupOf[h] = q
            groups.append(Group(id: Self.id(level, roll.places, hs.locations[h]), room: 0, quota: 0, households: 0, locked: 0))
        }
        // Several rules at one level: the strictest quota of each group counts.
        for row in sides.coverage {
            let q = Int(groupOf[row.households[0]])
            groups[q].quota = max(groups[q].quota, row.quota)
        }
        for h in 0..<hs.count {
            let q = Int(groupOf[h])
            groups[q].households += 1
            if lockedHelper[h] >= 0 { groups[q].locked += 1 }
        }
        for q in groups.indices {
            let free = groups[q].households - groups[q].locked
            groups[q].room = max(0, free - (groups[q].quota - groups[q].locked))
        }
        self.level = level
        self.groups = groups
        self.groupOf = groupOf
    }

    /// Free households of each group left unpaired by `helperOf` (-1 = unpaired).
    public func unpairedCounts(helperOf: [Int32], locked: [Bool]) -> [Int] {
        var count = [Int](repeating: 0, count: groups.count)
        for h in helperOf.indices where helperOf[h] < 0 && !locked[h] { count[Int(groupOf[h])] += 1 }
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
}
