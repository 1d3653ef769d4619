/// The places a user covers: the whole city, one district, or one street of a district
/// (`DISTRICT` or `DISTRICT/STREET` on the command line).
public enum PlaceScope: Sendable, Equatable, CustomStringConvertible {
    case city
    case district(String)
    case street(district: String, street: String)

    /// Parses `DISTRICT` or `DISTRICT/STREET` as written (names are compared exactly as the
    /// roll spells them); nil for an empty part or more than two parts.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else { return nil }
        switch parts.count {
        case 1: self = .district(parts[0])
        case 2: self = .street(district: parts[0], street: parts[1])
        default: return nil
        }
    }

    init(district: String?, street: String?) {
        switch (district, street) {
        case (let d?, let s?): self = .street(district: d, street: s)
        case (let d?, nil): self = .district(d)
        default: self = .city
        }
    }

    var district: String? {
        switch self {
        case .city: nil
        case .district(let d), .street(let d, _): d
        }
    }

    var street: String? {
        if case .street(_, let s) = self { s } else { nil }
    }

    /// Whether a household in `district`/`street` is within this scope.
    func covers(district: String, street: String) -> Bool {
        switch self {
        case .city: true
        case .district(let d): d == district
        case .street(let d, let s): d == district && s == street
        }
    }

    /// Whether every household of `other` is within this scope.
    func contains(_ other: PlaceScope) -> Bool {
        switch (self, other) {
        case (.city, _): true
        case (.district(let d), .district(let o)), (.district(let d), .street(let o, _)): d == o
        case (.street(let d, let s), .street(let od, let os)): d == od && s == os
        default: false
        }
    }

    public var description: String {
        switch self {
        case .city: "city"
        case .district(let d): d
        case .street(let d, let s): d + "/" + s
        }
    }
}
