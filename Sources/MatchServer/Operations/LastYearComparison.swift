import Foundation
import GRDB
import Matcher

/// A round's plan against the previous round's (last year's), street by street: kept
/// (same helper), moved (another helper), new (paired, not paired last year or not on its
/// roll), unpaired, and left (paired last year, off this year's roll).
struct LastYearComparison: Sendable, Encodable {
    struct Street: Sendable, Encodable {
        var district: String
        var street: String
        var kept = 0
        var moved = 0
        var new = 0
        var unpaired = 0
        var left = 0
    }

    /// The previous round's id; nil when the round names none (then every pair is new).
    var previous: Int64?
    var streets: [Street]
    var total: Street
}

extension RoundOperations {
    // MARK: 6. Compare with last year

    /// The round's plan against its previous round's, by street within the caller's scope.
    /// 409 before a plan.
    func compareWithPrevious(round id: Int64, caller: Caller) async throws -> LastYearComparison {
        let scope = caller.scope
        return try await store.pool.read { db in
            try OfficeStore.requireSolved(db, id)
            let previous = try Int64.fetchOne(db, sql: "SELECT previous_id FROM round WHERE id = ?", arguments: [id])
            var place = "", arguments: StatementArguments = [id]
            if let district = scope.district { place += " AND district = ?"; arguments += [district] }
            if let street = scope.street { place += " AND street = ?"; arguments += [street] }
            var streets: [String: LastYearComparison.Street] = [:]
            func key(_ d: String, _ s: String) -> String { d + "\u{0}" + s }
            for row in try Row.fetchAll(
                db,
                sql: "SELECT district, street, status, COUNT(*) AS n FROM plan_household WHERE round_id = ?\(place) GROUP BY 1, 2, 3",
                arguments: arguments)
            {
                let d: String = row["district"], s: String = row["street"], n: Int = row["n"]
                var entry = streets[key(d, s)] ?? LastYearComparison.Street(district: d, street: s)
                switch row["status"] as String {
                case "kept": entry.kept += n
                case "moved": entry.moved += n
                case "new": entry.new += n
                default: entry.unpaired += n
                }
                streets[key(d, s)] = entry
            }
            if let previous {
                // Pairs of last year's plan whose household is not on this year's roll.
                var sql = """
                    SELECT district, street, COUNT(*) AS n FROM plan_row p
                    WHERE p.round_id = ? AND p.list = 'pairs' AND NOT EXISTS (
                        SELECT 1 FROM round_household h WHERE h.round_id = ? AND h.household_id = p.household_id)
                    """
                var leftArguments: StatementArguments = [previous, id]
                if let district = scope.district { sql += " AND district = ?"; leftArguments += [district] }
                if let street = scope.street { sql += " AND street = ?"; leftArguments += [street] }
                for row in try Row.fetchAll(db, sql: sql + " GROUP BY 1, 2", arguments: leftArguments) {
                    let d: String = row["district"], s: String = row["street"]
                    var entry = streets[key(d, s)] ?? LastYearComparison.Street(district: d, street: s)
                    entry.left += row["n"] as Int
                    streets[key(d, s)] = entry
                }
            }
            let list = streets.values.sorted { ($0.district, $0.street) < ($1.district, $1.street) }
            var total = LastYearComparison.Street(district: "", street: "")
            for s in list {
                total.kept += s.kept; total.moved += s.moved; total.new += s.new; total.unpaired += s.unpaired; total.left += s.left
            }
            return LastYearComparison(previous: previous, streets: list, total: total)
        }
    }
}
