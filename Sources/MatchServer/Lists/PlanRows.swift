import Matcher

/// A solved plan cut into what the database keeps: each list's header and rows, every row
/// with the place it belongs to (for scope filtering) and the household's identity number
/// (shown or masked per caller), and per street the counts a scoped summary adds up.
struct PlanRows: Sendable {
    enum List: String, Sendable, CaseIterable {
        case pairs, unpaired, `public`

        /// Columns of district and street in the list as PlanWriter writes it.
        var placeColumns: (district: Int, street: Int) {
            self == .public ? (1, 2) : (2, 3)
        }
    }

    struct Row: Sendable {
        var district: String
        var street: String
        var householdId: String?
        var helperId: String?
        var idNumber: String
        /// The CSV record without its line end.
        var line: [UInt8]
    }

    struct Place: Sendable {
        var district: String
        var street: String
        var households = 0
        var pairs = 0
        var unpaired = 0
        var cost = 0
    }

    var headers: [List: [UInt8]] = [:]
    var rows: [List: [Row]] = [:]
    var places: [Place] = []

    init(_ plan: RoundPairing.Plan) {
        let roll = plan.model.roll, hs = roll.households
        let index = roll.householdIndex()
        for (list, bytes) in [(List.pairs, plan.pairsCSV), (.unpaired, plan.unpairedCSV), (.public, plan.publicCSV)] {
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            let body = bytes.starts(with: bom) ? Array(bytes.dropFirst(3)) : bytes
            let records = CSVRecords(utf8: body, file: list.rawValue + ".csv").records
            guard let header = records.first else { continue }
            headers[list] = Self.line(header.fields)
            let (d, s) = list.placeColumns
            rows[list] = records.dropFirst().map { record in
                let f = record.fields
                let householdId = list == .public ? nil : f[0]
                let idNumber = householdId.flatMap { index[$0] }.map { hs.idNumbers[$0] } ?? ""
                return Row(
                    district: f[d], street: f[s], householdId: householdId,
                    helperId: list == .pairs ? f[6] : nil, idNumber: idNumber, line: Self.line(f))
            }
        }
        var byStreet: [Int32: Place] = [:]
        for h in 0..<hs.count {
            let location = hs.locations[h]
            var place = byStreet[location.street] ?? Place(
                district: roll.places.districtNames[Int(location.district)],
                street: roll.places.streetNames[Int(location.street)])
            place.households += 1
            let g = Int(plan.result.helperOf[h])
            if g >= 0 {
                place.pairs += 1
                place.cost += plan.model.cost(h, g)
            } else {
                place.unpaired += 1
                place.cost += plan.model.unpairedCost(h)
            }
            byStreet[location.street] = place
        }
        places = byStreet.values.sorted { ($0.district, $0.street) < ($1.district, $1.street) }
    }

    /// One record as CSV text without the line end.
    static func line(_ fields: [String]) -> [UInt8] {
        var writer = CSVWriter(byteOrderMark: false)
        writer.row(fields)
        return Array(writer.data.dropLast(2))
    }
}
