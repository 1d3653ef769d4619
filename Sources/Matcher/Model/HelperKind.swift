/// The six kinds of helper named by 户户结对子.
public enum HelperKind: Int, Sendable, CaseIterable, Codable, Comparable {
    case leader, cadre, partyBranch, militaryUnit, enterprise, volunteer

    public var english: String {
        switch self {
        case .leader: "leader"
        case .cadre: "cadre"
        case .partyBranch: "party_branch"
        case .militaryUnit: "military_unit"
        case .enterprise: "enterprise"
        case .volunteer: "volunteer"
        }
    }

    public var chinese: String {
        switch self {
        case .leader: "领导干部"
        case .cadre: "干部"
        case .partyBranch: "党支部"
        case .militaryUnit: "部队"
        case .enterprise: "企业"
        case .volunteer: "志愿者"
        }
    }

    /// Parses an English (any case) or Chinese kind name.
    public init?(name: String) {
        let key = name.lowercased()
        guard let kind = HelperKind.allCases.first(where: { $0.english == key || $0.chinese == name })
        else { return nil }
        self = kind
    }

    public static func < (a: HelperKind, b: HelperKind) -> Bool { a.rawValue < b.rawValue }
}
