/// SPEC's default model for one roll and policy: distance levels, eligibility, the cost of
/// each pair and the cost of leaving a household unpaired, all in integers.
///
/// `c(h,g) = severity_h × Σ_d w_d × max(0, need_hd − offer_gd) + distance_penalty × dist(h,g)
///           − keep_bonus × [g was h's previous helper]`
/// `p(h)   = severity_h × (Σ_d w_d × need_hd + unpaired_base)`
public struct CostModel: Sendable {
    public let roll: Roll
    public let policy: Policy
    public let dimensionCount: Int
    public let weights: [Int]
    /// Previous helper of each household (-1 none): earns `keep_bonus`.
    public let previousHelper: [Int32]
    /// Forbidden pairs as `h × helperCount + g`.
    public let forbidden: Set<Int>
    let kindMaxDistance: [Int]
    let kindMinSeverity: [Int]
    /// The largest distance any kind may reach (3 means every district).
    let reach: Int
    /// Largest |cost| of any pair or unpaired option.
    public let largestCost: Int

    public init(
        roll: Roll, policy: Policy, previousHelper: [Int32]? = nil, forbidden: Set<Int> = [],
        policyFile: String = "policy"
    ) throws(InputProblem) {
        self.roll = roll
        self.policy = policy
        dimensionCount = roll.dimensions.count
        weights = roll.dimensions.names.map { policy.weight($0) }
        self.previousHelper = previousHelper ?? Array(repeating: -1, count: roll.households.count)
        self.forbidden = forbidden
        kindMaxDistance = HelperKind.allCases.map { policy.rule($0).maxDistance ?? policy.maxDistance }
        kindMinSeverity = HelperKind.allCases.map { policy.rule($0).minSeverity ?? 1 }
        reach = kindMaxDistance.max() ?? policy.maxDistance
        // Bound every cost, then every sum of costs a solver may form, in checked arithmetic.
        var total = 0, overflow = false
        func add(_ x: Int) { let r = total.addingReportingOverflow(x); total = r.partialValue; overflow = overflow || r.overflow }
        for w in weights {
            let r = w.multipliedReportingOverflow(by: maximumLevel)
            add(r.partialValue); overflow = overflow || r.overflow
        }
        add(policy.unpairedBase)
        let bySeverity = total.multipliedReportingOverflow(by: 5)
        total = bySeverity.partialValue; overflow = overflow || bySeverity.overflow
        let distance = policy.distancePenalty.multipliedReportingOverflow(by: 3)
        add(distance.partialValue); overflow = overflow || distance.overflow
        add(policy.keepBonus)
        let n = roll.households.count + roll.helpers.count + 4
        let sums = total.multipliedReportingOverflow(by: 4 * n)
        if overflow || sums.overflow {
            throw InputProblem(file: policyFile, .costOverflow(largestCost: overflow ? "beyond 2^63" : String(total)))
        }
        largestCost = total
    }

    @inline(__always)
    public func distance(_ h: Int, _ g: Int) -> Int {
        Distance.level(household: roll.households.locations[h], helper: roll.helpers.locations[g])
    }

    /// The reason given for a forbidden pair (checked last, so it means "otherwise eligible").
    public static let forbiddenReason = "the pair is forbidden"

    /// Why `g` may not help `h`, or nil when the pair is eligible (capacity aside).
    public func ineligibility(_ h: Int, _ g: Int) -> String? {
        let kind = roll.helpers.kinds[g].rawValue
        let dist = distance(h, g)
        if dist > kindMaxDistance[kind] && !roll.helpers.locations[g].isCitywide {
            return "distance level \(dist) is beyond the allowed \(kindMaxDistance[kind])"
        }
        if Int(roll.households.severity[h]) < kindMinSeverity[kind] {
            return "severity \(roll.households.severity[h]) is below this kind's minimum \(kindMinSeverity[kind])"
        }
        if isForbidden(h, g) { return Self.forbiddenReason }
        return nil
    }

    @inline(__always)
    public func isForbidden(_ h: Int, _ g: Int) -> Bool {
        !forbidden.isEmpty && forbidden.contains(h * roll.helpers.count + g)
    }

    /// Cost of pairing h with g (eligibility not checked).
    public func cost(_ h: Int, _ g: Int) -> Int { costParts(h, g).total }

    /// Cost of leaving h unpaired.
    public func unpairedCost(_ h: Int) -> Int {
        let d = dimensionCount
        var need = policy.unpairedBase
        for i in 0..<d { need += weights[i] * Int(roll.households.needs[h * d + i]) }
        return Int(roll.households.severity[h]) * need
    }
}
