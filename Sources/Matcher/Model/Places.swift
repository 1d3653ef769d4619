/// The districts, streets and communities named in the inputs, interned to integers.
///
/// A street is identified by (district, street name), a community by (street, community
/// name): two streets of the same name in two districts are two streets.
public struct Places: Sendable, Equatable {
    public private(set) var districtNames: [String] = []
    public private(set) var streetNames: [String] = []
    public private(set) var streetDistrict: [Int32] = []
    public private(set) var communityNames: [String] = []
    public private(set) var communityStreet: [Int32] = []
    private var districtIndex: [String: Int32] = [:]
    private var streetIndex: [ChildKey: Int32] = [:]
    private var communityIndex: [ChildKey: Int32] = [:]

    /// A place's name under its parent's index.
    private struct ChildKey: Hashable, Sendable {
        var parent: Int32
        var name: String
    }

    public init() {}

    public mutating func district(_ name: String) -> Int32 {
        if let i = districtIndex[name] { return i }
        let i = Int32(districtNames.count)
        districtNames.append(name)
        districtIndex[name] = i
        return i
    }

    public mutating func street(_ name: String, in district: Int32) -> Int32 {
        Self.intern(name, under: district, &streetNames, &streetDistrict, &streetIndex)
    }

    public mutating func community(_ name: String, in street: Int32) -> Int32 {
        Self.intern(name, under: street, &communityNames, &communityStreet, &communityIndex)
    }

    /// Interns every place of `other` (districts, then streets, then communities, each in
    /// `other`'s order) and returns where `other`'s indices now point.
    public mutating func adding(_ other: Places) -> PlaceMapping {
        var out = PlaceMapping()
        out.district = other.districtNames.map { district($0) }
        out.street = other.streetNames.indices.map { street(other.streetNames[$0], in: out.district[Int(other.streetDistrict[$0])]) }
        out.community = other.communityNames.indices.map {
            community(other.communityNames[$0], in: out.street[Int(other.communityStreet[$0])])
        }
        return out
    }

    /// The index of `name` under `parent`, added to the level's arrays when new.
    private static func intern(
        _ name: String, under parent: Int32, _ names: inout [String], _ parents: inout [Int32],
        _ index: inout [ChildKey: Int32]
    ) -> Int32 {
        let key = ChildKey(parent: parent, name: name)
        if let i = index[key] { return i }
        let i = Int32(names.count)
        names.append(name)
        parents.append(parent)
        index[key] = i
        return i
    }
}

/// Indices of one ``Places`` in another (see `Places.adding`).
public struct PlaceMapping: Sendable {
    public var district: [Int32] = []
    public var street: [Int32] = []
    public var community: [Int32] = []

    /// `l` with its indices mapped; blank levels (-1) stay blank.
    public func location(_ l: Location) -> Location {
        func map(_ i: Int32, _ table: [Int32]) -> Int32 { i < 0 ? i : table[Int(i)] }
        return Location(district: map(l.district, district), street: map(l.street, street), community: map(l.community, community))
    }
}

/// Where a household lives or a helper serves: indices into ``Places``; -1 = blank (the
/// helper serves the whole level above).
public struct Location: Sendable, Equatable, Hashable {
    public var district: Int32
    public var street: Int32
    public var community: Int32

    public static let citywide = Location(district: -1, street: -1, community: -1)
    public var isCitywide: Bool { district < 0 }
}

/// Distance levels of SPEC: 0 same community, 1 same street, 2 same district, 3 another
/// district or a citywide helper.
public enum Distance {
    public static func level(household h: Location, helper g: Location) -> Int {
        if g.district < 0 || g.district != h.district { return 3 }
        if g.street < 0 || g.street != h.street { return 2 }
        if g.community < 0 || g.community != h.community { return 1 }
        return 0
    }

    public static let chinese = ["同社区", "同街道", "同区", "跨区"]
    public static let english = ["same community", "same street", "same district", "other district"]
}
