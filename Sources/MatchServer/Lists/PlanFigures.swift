/// The figures the review page draws for one scope (``OfficeStore/planFigures(round:scope:)``
/// counts them): coverage per street and per community, unmet need per kind of need (paired
/// and unpaired households together), pairs per helper kind and per distance.
struct PlanFigures {
    struct Place {
        var name: String
        /// `DISTRICT/STREET` for a street (its `?place=`), `DISTRICT/STREET/COMMUNITY` for a community.
        var path: String = ""
        var households = 0
        var paired = 0
        var coverage: Double { households == 0 ? 0 : Double(paired) / Double(households) }
    }

    var streets: [Place] = []
    /// Lowest coverage first.
    var communities: [Place] = []
    var unmetNeed: [(dimension: String, total: Int)] = []
    var pairsByKind: [(kind: String, pairs: Int)] = []
    /// Pairs per distance level (0 same community … 3 another district), in that order.
    var pairsByDistance: [Int] = [0, 0, 0, 0]

    /// Adds the levels of "employment 1; medical 2" (a household's unmet needs as the
    /// lists word them in English) to `totals` by kind of need.
    static func addUnmet(_ text: String, to totals: inout [String: Int]) {
        for need in text.split(separator: ";") {
            let parts = need.split(separator: " ")
            if parts.count == 2, let amount = Int(parts[1]) { totals[String(parts[0]), default: 0] += amount }
        }
    }
}
