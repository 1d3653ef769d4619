/// The two scales of the seed documents.
public enum Preset: String, Sendable, CaseIterable {
    /// Xigang District, Dalian: 4,601 households (8,880 people), 7 streets, 45 communities,
    /// close to 4,000 pairs.
    case xigang
    /// Dalian city, 2002–2003: about 52,000 households (104,100 people), 10 districts,
    /// 34,271 people and 2,945 units forming about 35,666 pairs.
    case dalian

    struct Shape {
        var districts: [(name: String, weight: Double)]
        var streetsPerDistrict: ClosedRange<Int>
        var communitiesPerStreet: ClosedRange<Int>
        /// Fixed street names for a one-district preset.
        var streetNames: [String]?
        var communityCount: Int?
        var households: Int
        var meanMembers: Double
        /// (kind, count, capacity range, where it serves)
        var helpers: [HelperGroup]
        /// Share of people-helpers with no capacity this year (away, retired, moved).
        var idleShare: Double
    }

    enum Scope { case citywide, district, street, community }

    struct HelperGroup {
        var kind: HelperKind
        var count: Int
        var capacity: ClosedRange<Int>
        var scope: Scope
        var isUnit: Bool
    }

    var shape: Shape {
        switch self {
        case .xigang:
            Shape(
                districts: [("西岗区", 1)], streetsPerDistrict: 7...7, communitiesPerStreet: 6...7,
                streetNames: ["白云街道", "北京街道", "八一路街道", "人民广场街道", "日新街道", "站北街道", "香炉礁街道"],
                communityCount: 45, households: 4_601, meanMembers: 8_880.0 / 4_601.0,
                helpers: [
                    HelperGroup(kind: .leader, count: 14, capacity: 1...1, scope: .district, isUnit: false),
                    HelperGroup(kind: .partyBranch, count: 150, capacity: 1...3, scope: .district, isUnit: true),
                    HelperGroup(kind: .militaryUnit, count: 19, capacity: 1...3, scope: .street, isUnit: true),
                    HelperGroup(kind: .enterprise, count: 80, capacity: 2...8, scope: .street, isUnit: true),
                    HelperGroup(kind: .cadre, count: 220, capacity: 1...1, scope: .street, isUnit: false),
                    HelperGroup(kind: .volunteer, count: 3_100, capacity: 1...1, scope: .community, isUnit: false),
                ],
                idleShare: 0.03)
        case .dalian:
            Shape(
                districts: [
                    ("中山区", 0.11), ("西岗区", 0.09), ("沙河口区", 0.13), ("甘井子区", 0.16),
                    ("旅顺口区", 0.06), ("金州区", 0.1), ("瓦房店市", 0.11), ("普兰店市", 0.09),
                    ("庄河市", 0.12), ("长海县", 0.03),
                ],
                streetsPerDistrict: 7...15, communitiesPerStreet: 4...8, streetNames: nil,
                communityCount: nil, households: 52_000, meanMembers: 104_100.0 / 52_000.0,
                helpers: [
                    HelperGroup(kind: .partyBranch, count: 300, capacity: 1...3, scope: .citywide, isUnit: true),
                    HelperGroup(kind: .partyBranch, count: 1_300, capacity: 1...2, scope: .district, isUnit: true),
                    HelperGroup(kind: .militaryUnit, count: 245, capacity: 1...3, scope: .street, isUnit: true),
                    HelperGroup(kind: .enterprise, count: 1_100, capacity: 1...3, scope: .street, isUnit: true),
                    HelperGroup(kind: .leader, count: 600, capacity: 1...1, scope: .district, isUnit: false),
                    HelperGroup(kind: .cadre, count: 9_000, capacity: 1...1, scope: .street, isUnit: false),
                    HelperGroup(kind: .volunteer, count: 24_671, capacity: 1...1, scope: .community, isUnit: false),
                ],
                idleShare: 0.11)
        }
    }
}
