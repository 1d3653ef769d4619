/// A pair's cost taken apart, so that people can see why a pair costs what it does.
extension CostModel {
    /// `need + distance + keep == cost(h, g)`: the severity-weighted unmet need, the distance
    /// penalty, and minus the keep bonus (0 or negative).
    public struct CostParts: Sendable, Equatable {
        public var need: Int
        public var distance: Int
        public var keep: Int
        public var total: Int { need + distance + keep }
    }

    /// The parts of `cost(h, g)` (eligibility not checked).
    ///
    /// - Complexity: O(d) for d dimensions of need.
    public func costParts(_ h: Int, _ g: Int) -> CostParts {
        let d = dimensionCount
        var deficit = 0
        for i in 0..<d {
            let gap = Int(roll.households.needs[h * d + i]) - Int(roll.helpers.offers[g * d + i])
            if gap > 0 { deficit += weights[i] * gap }
        }
        return CostParts(
            need: Int(roll.households.severity[h]) * deficit,
            distance: policy.distancePenalty * distance(h, g),
            keep: previousHelper[h] == Int32(g) ? -policy.keepBonus : 0)
    }
}
