import Foundation
import GRDB
import Matcher

extension OfficeStore {
    /// One page of round `id`'s pair list within `scope` (the caller's, or a place inside it),
    /// filtered, searched and sorted in SQLite (`plan_household` and its place index), and the
    /// count of every matching row. Identity numbers come back whole; the caller masks them.
    ///
    /// - Complexity: one pass over the scope's rows for the count and the order (52,000 for
    ///   a city), then `pageSize` rows read.
    func pairList(round id: Int64, scope: PlaceScope, _ query: PairListQuery) async throws
        -> (total: Int, rows: [Row])
    {
        try await pool.read { db in
            try Self.requireSolved(db, id)
            var conditions = ["round_id = ?"]
            var arguments: StatementArguments = [id]
            if let district = scope.district { conditions.append("district = ?"); arguments += [district] }
            if let street = scope.street { conditions.append("street = ?"); arguments += [street] }
            if let search = query.search?.trimmingCharacters(in: .whitespaces).lowercased(), !search.isEmpty {
                conditions.append("search LIKE ? ESCAPE '\\'")
                arguments += ["%" + Self.likeEscaped(search) + "%"]
            }
            if let kind = query.helperKind { conditions.append("helper_kind = ?"); arguments += [kind.english] }
            if let status = query.status { conditions.append("status = ?"); arguments += [status.rawValue] }
            if let unmet = query.unmetNeed { conditions.append(unmet ? "unmet > 0" : "unmet = 0") }
            let filter = conditions.joined(separator: " AND ")
            // With a place, the place index (else SQLite may walk the whole round).
            let index = scope.district == nil ? "" : " INDEXED BY plan_household_place"
            let total = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM plan_household\(index) WHERE \(filter)", arguments: arguments) ?? 0
            let direction = query.descending ? "DESC" : "ASC"
            // Ties in the list's own order, in the same direction, so that one index serves both.
            let column: String = switch query.sort {
            case .place: "ordinal"
            case .id: "household_id"
            case .name: "name"
            case .severity: "severity"
            case .cost: "cost"
            case .unmet: "unmet"
            case .status: "status"
            case .distance: "distance"
            case .helper: "helper_name"
            }
            let order = query.sort == .place || query.sort == .id
                ? "\(column) \(direction)" : "\(column) \(direction), ordinal \(direction)"
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT household_id, name, district, street, community, severity, helper_id, helper_name, helper_kind,
                        distance, status, unpaired_reason, unmet, cost, locked, covered_zh, unmet_zh, covered_en,
                        unmet_en, id_number
                    FROM plan_household\(index) WHERE \(filter) ORDER BY \(order) LIMIT ? OFFSET ?
                    """,
                arguments: arguments + [query.pageSize, (query.page - 1) * query.pageSize])
            return (total, rows)
        }
    }

    /// `text` with LIKE's wildcards and the escape character escaped.
    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    /// Round `id` exists and has a plan (solved or published).
    static func requireSolved(_ db: Database, _ id: Int64) throws {
        switch try String.fetchOne(db, sql: "SELECT status FROM round WHERE id = ?", arguments: [id]) {
        case nil: throw RoundRefusal.noSuchRound(id)
        case "solved", "published": break
        default: throw RoundRefusal.notSolved(id)
        }
    }
}
