/// A short profile of a roll for `match validate`: households by street, capacity by helper
/// kind, and per district the total need against the total offer that can reach it.
public struct RollProfile: Sendable {
    public var households: Int
    public var helpers: Int
    public var capacity: Int
    public var householdsByStreet: [(district: String, street: String, households: Int)]
    public var capacityByKind: [(kind: HelperKind, helpers: Int, capacity: Int)]
    /// Per district: Σ need levels of its households and Σ offer levels × capacity of the
    /// helpers based in it, by dimension (citywide helpers listed under "citywide").
    public var needAndOffer: [(place: String, need: [Int], offer: [Int])]
    public var dimensions: [String]

    public init(_ roll: Roll) {
        let hs = roll.households, gs = roll.helpers, places = roll.places
        let d = roll.dimensions.count
        households = hs.count
        helpers = gs.count
        capacity = gs.capacity.reduce(0) { $0 + Int($1) }
        dimensions = roll.dimensions.names
        var perStreet = [Int](repeating: 0, count: places.streetNames.count)
        for l in hs.locations { perStreet[Int(l.street)] += 1 }
        householdsByStreet = perStreet.indices.map {
            (places.districtNames[Int(places.streetDistrict[$0])], places.streetNames[$0], perStreet[$0])
        }.sorted { ($0.district, $0.street) < ($1.district, $1.street) }
        capacityByKind = HelperKind.allCases.map { kind in
            let mine = gs.kinds.indices.filter { gs.kinds[$0] == kind }
            return (kind, mine.count, mine.reduce(0) { $0 + Int(gs.capacity[$1]) })
        }
        let districts = places.districtNames.count
        var need = [[Int]](repeating: Array(repeating: 0, count: d), count: districts + 1)
        var offer = need
        for h in 0..<hs.count {
            for i in 0..<d { need[Int(hs.locations[h].district)][i] += Int(hs.needs[h * d + i]) }
        }
        for g in 0..<gs.count {
            let row = gs.locations[g].isCitywide ? districts : Int(gs.locations[g].district)
            for i in 0..<d { offer[row][i] += Int(gs.offers[g * d + i]) * Int(gs.capacity[g]) }
        }
        needAndOffer = (0...districts).map { i in
            (i == districts ? "citywide" : places.districtNames[i], need[i], offer[i])
        }.filter { $0.need.contains { $0 > 0 } || $0.offer.contains { $0 > 0 } }
    }

    public var text: String {
        var lines = ["\(households) households, \(helpers) helpers with \(capacity) places", "", "households by street:"]
        for s in householdsByStreet { lines.append("  \(s.district) \(s.street)  \(s.households)") }
        lines += ["", "capacity by kind:"]
        for k in capacityByKind where k.helpers > 0 {
            lines.append("  \(k.kind.english) \(k.kind.chinese)  \(k.helpers) helpers, \(k.capacity) places")
        }
        lines += ["", "need against offer (levels; offer × capacity), by district:",
                  "  place  " + dimensions.joined(separator: " ")]
        for row in needAndOffer {
            let cells = zip(row.need, row.offer).map { "\($0)/\($1)" }
            lines.append("  \(row.place)  " + cells.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
