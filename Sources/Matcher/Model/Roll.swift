/// The households on the roll, in flat arrays sorted by id (so that results never depend
/// on the order of rows in the file).
public struct Households: Sendable, Equatable {
    public var ids: [String] = []
    public var names: [String] = []
    public var locations: [Location] = []
    public var members: [Int32] = []
    public var severity: [Int32] = []
    /// `count × dimensions.count` levels, row-major.
    public var needs: [UInt8] = []
    /// Personal data, kept only to be withheld: never printed, never logged.
    public var idNumbers: [String] = []
    public var phones: [String] = []
    /// Line of each household in its file, for messages.
    public var lines: [Int] = []
    public var count: Int { ids.count }

    public init() {}
}

/// The helpers, in flat arrays sorted by id.
public struct Helpers: Sendable, Equatable {
    public var ids: [String] = []
    public var names: [String] = []
    public var kinds: [HelperKind] = []
    public var capacity: [Int32] = []
    public var locations: [Location] = []
    /// `count × dimensions.count` levels, row-major.
    public var offers: [UInt8] = []
    public var organizations: [String] = []
    public var lines: [Int] = []
    public var count: Int { ids.count }

    public init() {}
}

/// Everything the model needs about one pairing: the roll, the helpers, the places and the
/// dimensions of need.
public struct Roll: Sendable, Equatable {
    public var places: Places
    public var dimensions: NeedDimensions
    public var households: Households
    public var helpers: Helpers

    public init(places: Places, dimensions: NeedDimensions, households: Households, helpers: Helpers) {
        self.places = places
        self.dimensions = dimensions
        self.households = households
        self.helpers = helpers
    }

    public func householdIndex() -> [String: Int] {
        Dictionary(uniqueKeysWithValues: households.ids.enumerated().map { ($1, $0) })
    }

    public func helperIndex() -> [String: Int] {
        Dictionary(uniqueKeysWithValues: helpers.ids.enumerated().map { ($1, $0) })
    }
}
