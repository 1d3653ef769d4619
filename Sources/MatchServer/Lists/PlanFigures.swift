import Matcher

/// The figures the review page draws, counted from the plan's lists within one scope:
/// coverage per street and per community, unmet need per dimension (paired and unpaired
/// households together), pairs per helper kind and per distance.
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
    var communities: [Place] = []
    var unmetNeed: [(dimension: String, total: Int)] = []
    var pairsByKind: [(kind: String, pairs: Int)] = []
    /// Pairs per distance level (0 same community … 3 another district), in that order.
    var pairsByDistance: [Int] = [0, 0, 0, 0]

    init(pairs: ScopedList, unpaired: ScopedList) {
        var streets: [String: Place] = [:], communities: [String: Place] = [:]
        var unmet: [String: Int] = [:], kinds: [String: Int] = [:]
        for (list, paired) in [(pairs, true), (unpaired, false)] {
            var text = list.header + [0x0D, 0x0A]
            for row in list.rows { text += row.line + [0x0D, 0x0A] }
            let records = CSVRecords(utf8: text, file: paired ? "pairs" : "unpaired").records
            guard let header = records.first?.fields else { continue }
            let column = { (name: String) in header.firstIndex(of: name) }
            guard let d = column("district"), let s = column("street"), let c = column("community"),
                  let u = column("unmet_needs") else { continue }
            let kind = column("helper_kind"), distance = column("distance")
            for record in records.dropFirst() {
                let f = record.fields
                guard f.count == header.count else { continue }
                let street = f[d] + "/" + f[s], community = street + "/" + f[c]
                streets[street, default: Place(name: f[s], path: street)].households += 1
                communities[community, default: Place(name: f[s] + " · " + f[c], path: community)].households += 1
                if paired {
                    streets[street]?.paired += 1
                    communities[community]?.paired += 1
                    if let kind { kinds[f[kind], default: 0] += 1 }
                    if let distance, let level = Distance.english.firstIndex(of: f[distance]) { pairsByDistance[level] += 1 }
                }
                for need in f[u].split(separator: ";") {
                    let parts = need.split(separator: " ")
                    if parts.count == 2, let amount = Int(parts[1]) { unmet[String(parts[0]), default: 0] += amount }
                }
            }
        }
        self.streets = streets.values.sorted { $0.path < $1.path }
        self.communities = communities.values.sorted { ($0.coverage, $0.name) < ($1.coverage, $1.name) }
        unmetNeed = unmet.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
        pairsByKind = kinds.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
    }
}
