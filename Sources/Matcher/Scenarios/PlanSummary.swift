/// The figures an office reads first, computed from a plan: SPEC's summary.json.
public struct PlanSummary: Codable, Sendable, Equatable {
    public var objective: Int
    public var bound: Int
    public var gap: Double
    public var solver: String
    public var solverReason: String
    public var pairs: Int
    public var unpaired: Int
    public var locked: Int
    public var seconds: Double
    public var households: Int
    public var helpers: Int
    public var capacity: Int
    public var pairsByKind: [String: Int]
    public var coverageByStreet: [StreetCoverage]
    public var unmetNeedByDimension: [String: Int]
    public var statusCounts: [String: Int]
    /// Pricing rounds at exact prices, and before them at a coarse auction's prices.
    public var rounds: Int
    public var coarseRounds: Int
    public var candidateArcs: Int
    public var certificateVerified: Bool
    /// The program's version, every input file with its SHA-256, and every policy setting in
    /// effect (see RunRecord.swift), so that a plan can be traced to what made it.
    public var version = MatcherVersion.string
    public var inputs: [InputRecord] = []
    public var policy: Policy? = nil
    /// Side constraints the plan does not meet (only when the solver was told to ignore them).
    public var sideConstraints: [String] = []

    public struct StreetCoverage: Codable, Sendable, Equatable {
        public var district: String
        public var street: String
        public var households: Int
        public var paired: Int
        public var coverage: Double
    }

    enum CodingKeys: String, CodingKey {
        case objective, bound, gap, solver, pairs, unpaired, locked, seconds, households, helpers, capacity, rounds
        case solverReason = "solver_reason", pairsByKind = "pairs_by_kind"
        case coverageByStreet = "coverage_by_street", unmetNeedByDimension = "unmet_need_by_dimension"
        case statusCounts = "status_counts", candidateArcs = "candidate_arcs", coarseRounds = "coarse_rounds"
        case certificateVerified = "certificate_verified"
        case version, inputs, policy
        case sideConstraints = "side_constraints"
    }

    public init(
        model: CostModel, result: PairingResult, solver: String, solverReason: String,
        seconds: Double, certificateVerified: Bool
    ) {
        let roll = model.roll
        let hs = roll.households
        objective = result.objective
        bound = result.bound
        gap = result.gap
        self.solver = solver
        self.solverReason = solverReason
        self.seconds = seconds
        households = hs.count
        helpers = roll.helpers.count
        capacity = roll.helpers.capacity.reduce(0) { $0 + Int($1) }
        pairs = result.helperOf.filter { $0 >= 0 }.count
        unpaired = hs.count - pairs
        locked = result.locked.filter { $0 }.count
        var byKind: [String: Int] = [:]
        var unmet: [String: Int] = [:]
        var statuses: [String: Int] = [:]
        let streetCount = roll.places.streetNames.count
        var inStreet = [Int](repeating: 0, count: streetCount), pairedInStreet = inStreet
        let d = roll.dimensions.count
        for h in 0..<hs.count {
            let g = Int(result.helperOf[h])
            let s = Int(hs.locations[h].street)
            inStreet[s] += 1
            statuses[PairStatus(model: model, household: h, helper: g).rawValue, default: 0] += 1
            if g >= 0 {
                pairedInStreet[s] += 1
                byKind[roll.helpers.kinds[g].english, default: 0] += 1
            }
            for i in 0..<d {
                let need = Int(hs.needs[h * d + i])
                let offer = g >= 0 ? Int(roll.helpers.offers[g * d + i]) : 0
                unmet[roll.dimensions.names[i], default: 0] += max(0, need - offer)
            }
        }
        pairsByKind = byKind
        unmetNeedByDimension = unmet
        statusCounts = statuses
        coverageByStreet = (0..<streetCount).filter { inStreet[$0] > 0 }.map { s in
            StreetCoverage(
                district: roll.places.districtNames[Int(roll.places.streetDistrict[s])],
                street: roll.places.streetNames[s], households: inStreet[s], paired: pairedInStreet[s],
                coverage: Double(pairedInStreet[s]) / Double(inStreet[s]))
        }.sorted { ($0.coverage, $0.district, $0.street) < ($1.coverage, $1.district, $1.street) }
        rounds = result.statistics.rounds
        coarseRounds = result.statistics.coarseRounds
        candidateArcs = result.statistics.candidateArcs
        self.certificateVerified = certificateVerified
    }
}

/// A pair's status against the previous plan (SPEC: new / kept / moved).
public enum PairStatus: String, Sendable {
    case new, kept, moved, unpaired

    init(model: CostModel, household h: Int, helper g: Int) {
        let previous = Int(model.previousHelper[h])
        if g < 0 { self = .unpaired }
        else if previous < 0 { self = .new }
        else { self = previous == g ? .kept : .moved }
    }

    public var chinese: String {
        switch self {
        case .new: "新结对"
        case .kept: "保持"
        case .moved: "调整"
        case .unpaired: "未结对"
        }
    }
}
