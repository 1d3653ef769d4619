/// The figures a report shows about one plan: the headline numbers, coverage by street and
/// by community, need and unmet need by dimension, pairs by helper kind and the distance mix.
///
/// It holds names of places, kinds and dimensions and counts only — no household or helper
/// names, ids or personal data — so a report can be passed around like the summary.
/// Two of them (a baseline and a what-if) make a before/after page
/// (``ReportPage/comparison(before:after:language:)``).
public struct ReportData: Codable, Sendable, Equatable {
    public var households: Int
    public var helpers: Int
    /// Places offered by all helpers (Σ capacity).
    public var capacity: Int
    public var pairs: Int
    public var unpaired: Int
    public var locked: Int
    public var objective: Int
    public var bound: Int
    public var gap: Double
    public var provenOptimal: Bool
    /// Where the plan comes from: the solver of a run, or the plan file a report read.
    public var source: String
    /// Every street with households, ordered by district and street name.
    public var streets: [PlaceCoverage]
    /// Every community with households, ordered by district, street and community name.
    public var communities: [PlaceCoverage]
    /// Every dimension of need, in the roll's order.
    public var needs: [DimensionNeed]
    /// Every helper kind, in SPEC's order.
    public var kinds: [KindPairs]
    /// Pairs at each distance level (0 same community … 3 another district or citywide).
    public var distances: [Int]

    public struct PlaceCoverage: Codable, Sendable, Equatable {
        public var district: String
        public var street: String
        /// Blank for a street's own row.
        public var community: String
        public var households: Int
        public var paired: Int
        public var coverage: Double { households == 0 ? 0 : Double(paired) / Double(households) }
        /// The names that identify the place, for matching two plans' rows.
        public var key: [String] { [district, street, community] }
    }

    public struct DimensionNeed: Codable, Sendable, Equatable {
        public var dimension: String
        /// Σ need levels over all households.
        public var need: Int
        /// Σ levels the paired helper does not cover (all of it for an unpaired household).
        public var unmet: Int
    }

    public struct KindPairs: Codable, Sendable, Equatable {
        public var kind: HelperKind
        public var helpers: Int
        public var capacity: Int
        public var pairs: Int
    }
}

extension ReportData {
    /// The figures of `result` under `model`.
    ///
    /// - Complexity: O(n·d + m + c log c) for n households, d dimensions, m helpers and
    ///   c communities.
    public init(model: CostModel, result: PairingResult, source: String, provenOptimal: Bool) {
        let roll = model.roll, hs = roll.households, gs = roll.helpers, places = roll.places
        let d = roll.dimensions.count
        households = hs.count
        helpers = gs.count
        capacity = gs.capacity.reduce(0) { $0 + Int($1) }
        objective = result.objective
        bound = result.bound
        gap = result.gap
        self.provenOptimal = provenOptimal
        self.source = source
        locked = result.locked.filter { $0 }.count
        var inStreet = [Int](repeating: 0, count: places.streetNames.count), pairedInStreet = inStreet
        var inCommunity = [Int](repeating: 0, count: places.communityNames.count), pairedInCommunity = inCommunity
        var need = [Int](repeating: 0, count: d), unmet = need
        var kindPairs = [Int](repeating: 0, count: HelperKind.allCases.count)
        var distances = [0, 0, 0, 0]
        for h in 0..<hs.count {
            let g = Int(result.helperOf[h]), l = hs.locations[h]
            inStreet[Int(l.street)] += 1
            inCommunity[Int(l.community)] += 1
            if g >= 0 {
                pairedInStreet[Int(l.street)] += 1
                pairedInCommunity[Int(l.community)] += 1
                kindPairs[gs.kinds[g].rawValue] += 1
                distances[model.distance(h, g)] += 1
            }
            for i in 0..<d {
                let n = Int(hs.needs[h * d + i])
                need[i] += n
                unmet[i] += max(0, n - (g >= 0 ? Int(gs.offers[g * d + i]) : 0))
            }
        }
        pairs = kindPairs.reduce(0, +)
        unpaired = hs.count - pairs
        self.distances = distances
        streets = places.streetNames.indices.filter { inStreet[$0] > 0 }.map { s in
            PlaceCoverage(
                district: places.districtNames[Int(places.streetDistrict[s])], street: places.streetNames[s],
                community: "", households: inStreet[s], paired: pairedInStreet[s])
        }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        communities = places.communityNames.indices.filter { inCommunity[$0] > 0 }.map { c in
            let s = Int(places.communityStreet[c])
            return PlaceCoverage(
                district: places.districtNames[Int(places.streetDistrict[s])], street: places.streetNames[s],
                community: places.communityNames[c], households: inCommunity[c], paired: pairedInCommunity[c])
        }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        needs = (0..<d).map { DimensionNeed(dimension: roll.dimensions.names[$0], need: need[$0], unmet: unmet[$0]) }
        var kindHelpers = [Int](repeating: 0, count: HelperKind.allCases.count), kindCapacity = kindHelpers
        for g in 0..<gs.count {
            kindHelpers[gs.kinds[g].rawValue] += 1
            kindCapacity[gs.kinds[g].rawValue] += Int(gs.capacity[g])
        }
        kinds = HelperKind.allCases.map {
            KindPairs(kind: $0, helpers: kindHelpers[$0.rawValue], capacity: kindCapacity[$0.rawValue], pairs: kindPairs[$0.rawValue])
        }
    }
}
