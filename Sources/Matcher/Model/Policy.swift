/// Every weight and rule of the model (SPEC "The default model"), with SPEC's defaults.
public struct Policy: Sendable, Equatable, Codable {
    /// Weight of each need dimension by name; a dimension not listed weighs 1.
    public var weights: [String: Int] = [:]
    public var distancePenalty = 1
    public var maxDistance = 2
    public var unpairedBase = 10
    public var keepBonus = 2
    /// Keep bonus of a what-if's baseline pairs; nil means "auto": 2·C + 1 for C the largest
    /// cost of any pair or unpaired option, so that no baseline pair moves unless the change
    /// forces it (see ``WhatIf``).
    public var whatIfKeepBonus: Int? = nil
    public var kinds: [String: KindRule] = [:]
    public var coverage: [CoverageRule] = []
    public var orgSpread: Int? = nil

    public init() {}

    public struct KindRule: Sendable, Equatable, Codable {
        public var minSeverity: Int?
        public var maxDistance: Int?
        public init(minSeverity: Int? = nil, maxDistance: Int? = nil) {
            self.minSeverity = minSeverity
            self.maxDistance = maxDistance
        }

        enum CodingKeys: String, CodingKey { case minSeverity = "min_severity", maxDistance = "max_distance" }
    }

    public enum PlaceLevel: String, Sendable, Codable, CaseIterable { case district, street, community }

    public struct CoverageRule: Sendable, Equatable, Codable {
        public var level: PlaceLevel
        public var minFraction: Double

        enum CodingKeys: String, CodingKey { case level, minFraction = "min_fraction" }
    }

    public func weight(_ dimension: String) -> Int { weights[dimension] ?? 1 }

    public func rule(_ kind: HelperKind) -> KindRule { kinds[kind.english] ?? KindRule() }

    /// True when a rule couples many pairs, which the assignment model alone cannot honour.
    public var hasSideConstraints: Bool { !coverage.isEmpty || orgSpread != nil }

    enum CodingKeys: String, CodingKey {
        case weights, kinds, coverage
        case distancePenalty = "distance_penalty", maxDistance = "max_distance"
        case unpairedBase = "unpaired_base", keepBonus = "keep_bonus", orgSpread = "org_spread"
        case whatIfKeepBonus = "whatif_keep_bonus"
    }
}
