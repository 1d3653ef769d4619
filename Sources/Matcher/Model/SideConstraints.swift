/// The policy's side constraints made concrete for one roll: SPEC's `coverage` and
/// `org_spread`, the rules that couple many pairs.
///
/// - **Coverage row** (one per place of the rule's level that has households): at least
///   `quota = ⌈min_fraction × households of the place⌉` of its households paired.
/// - **Spread group** (one per organization o and community c): at most `limit` households of
///   c paired with helpers of o. Helpers with a blank organization belong to no group.
///
/// Plain data plus the one evaluation every solver, the summary and the tests share
/// (``shortfalls(helperOf:)``).
public struct SideConstraints: Sendable {
    public struct CoverageRow: Sendable, Equatable {
        public var level: Policy.PlaceLevel
        /// "西岗区 白云街道": the place's names from the district down.
        public var name: String
        public var households: [Int]
        public var quota: Int
    }

    public let coverage: [CoverageRow]
    /// Row of each rule for each household: `rowOf[rule][h]` (every household lies in
    /// exactly one place per level).
    public let rowOf: [[Int32]]
    /// The org_spread limit k, nil when the policy has none.
    public let spreadLimit: Int?
    /// Organization index of each helper, -1 when blank (exempt) or when there is no limit.
    public let organization: [Int32]
    public let organizationNames: [String]
    let communityCount: Int
    let householdCommunity: [Int32]

    public var isEmpty: Bool { coverage.isEmpty && spreadLimit == nil }
    public var groupCount: Int { organizationNames.count * communityCount }

    public init(roll: Roll, policy: Policy) {
        let places = roll.places, hs = roll.households
        var rows: [CoverageRow] = []
        var rowOf: [[Int32]] = []
        for rule in policy.coverage {
            func unit(_ h: Int) -> Int {
                let l = hs.locations[h]
                switch rule.level {
                case .district: return Int(l.district)
                case .street: return Int(l.street)
                case .community: return Int(l.community)
                }
            }
            let count = switch rule.level {
            case .district: places.districtNames.count
            case .street: places.streetNames.count
            case .community: places.communityNames.count
            }
            var members = [[Int]](repeating: [], count: count)
            for h in 0..<hs.count { members[unit(h)].append(h) }
            var index = [Int32](repeating: -1, count: count)
            for u in 0..<count where !members[u].isEmpty {
                index[u] = Int32(rows.count)
                rows.append(CoverageRow(
                    level: rule.level, name: Self.name(places, rule.level, u), households: members[u],
                    quota: Self.quota(rule.minFraction, members[u].count)))
            }
            rowOf.append((0..<hs.count).map { index[unit($0)] })
        }
        coverage = rows
        self.rowOf = rowOf
        spreadLimit = policy.orgSpread
        var names: [String] = [], lookup: [String: Int32] = [:]
        var organization = [Int32](repeating: -1, count: roll.helpers.count)
        if policy.orgSpread != nil {
            for (g, o) in roll.helpers.organizations.enumerated() where !o.isEmpty {
                if let i = lookup[o] { organization[g] = i; continue }
                lookup[o] = Int32(names.count)
                organization[g] = Int32(names.count)
                names.append(o)
            }
        }
        self.organization = organization
        organizationNames = names
        communityCount = places.communityNames.count
        householdCommunity = hs.locations.map(\.community)
    }

    /// ⌈fraction × n⌉, without letting 0.9 × 650 = 585.0000000000001 round up to 586.
    static func quota(_ fraction: Double, _ n: Int) -> Int {
        let exact = fraction * Double(n)
        let nearest = exact.rounded()
        let q = abs(exact - nearest) < 1e-9 ? nearest : exact.rounded(.up)
        return min(n, max(0, Int(q)))
    }

    static func name(_ places: Places, _ level: Policy.PlaceLevel, _ u: Int) -> String {
        switch level {
        case .district: return places.districtNames[u]
        case .street:
            return places.districtNames[Int(places.streetDistrict[u])] + " " + places.streetNames[u]
        case .community:
            let s = Int(places.communityStreet[u])
            return name(places, .street, s) + " " + places.communityNames[u]
        }
    }

    /// The spread group of pair (h, g), nil when g is exempt.
    @inline(__always)
    public func group(_ h: Int, _ g: Int) -> Int? {
        let o = organization[g]
        return o < 0 ? nil : Int(o) * communityCount + Int(householdCommunity[h])
    }

    /// "大连湾港务有限公司 in 西岗区 白云街道 长华社区" for messages.
    public func groupName(_ group: Int, _ places: Places) -> String {
        let c = group % communityCount
        return organizationNames[group / communityCount] + " in " + Self.name(places, .community, c)
    }

    /// A rule a plan breaks, and by how much.
    public struct Shortfall: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: Sendable, Equatable { case coverage, spread }
        public var kind: Kind
        public var place: String
        /// Households paired (coverage) or households of the group (spread).
        public var actual: Int
        /// The quota (coverage) or the limit (spread).
        public var required: Int

        public var description: String {
            switch kind {
            case .coverage: "\(place): \(actual) households paired, the quota is \(required) (\(required - actual) short)"
            case .spread: "\(place): \(actual) households, the limit is \(required) (\(actual - required) over)"
            }
        }
    }

    /// Every coverage row below its quota and every spread group above the limit in the
    /// plan `helperOf` (helper of each household, -1 unpaired), in row then group order.
    ///
    /// - Complexity: O(households × rules + groups).
    public func shortfalls(helperOf: [Int32], places: Places) -> [Shortfall] {
        var found: [Shortfall] = []
        var paired = [Int](repeating: 0, count: coverage.count)
        for rule in rowOf.indices {
            for (h, r) in rowOf[rule].enumerated() where r >= 0 && helperOf[h] >= 0 { paired[Int(r)] += 1 }
        }
        for (r, row) in coverage.enumerated() where paired[r] < row.quota {
            found.append(Shortfall(kind: .coverage, place: row.name, actual: paired[r], required: row.quota))
        }
        if let k = spreadLimit {
            var count: [Int: Int] = [:]
            for (h, g) in helperOf.enumerated() where g >= 0 {
                if let q = group(h, Int(g)) { count[q, default: 0] += 1 }
            }
            for (q, n) in count.sorted(by: { $0.key < $1.key }) where n > k {
                found.append(Shortfall(kind: .spread, place: groupName(q, places), actual: n, required: k))
            }
        }
        return found
    }
}
