import Foundation
import GRDB
import Matcher

/// A plan's summary for one caller: the whole plan's figures, and where the caller has a
/// scope, the households, pairs, unpaired and cost within it.
struct ScopedSummary: Sendable {
    /// summary.json as `match pair` writes it (read for callers covering the city only).
    var summaryJSON: [UInt8]?
    var objective: Int
    var bound: Int
    var gap: Double
    var solver: String
    var pairs: Int
    var unpaired: Int
    var seconds: Double
    var solvedAt: String
    var scope: (households: Int, pairs: Int, unpaired: Int, cost: Int)
}

/// A list's rows for one caller's scope.
struct ScopedList: Sendable {
    var header: [UInt8]
    var rows: [(line: [UInt8], idNumber: String, district: String, street: String)]
}

extension OfficeStore {
    /// Stores the plan and marks the round `solved`. The rows go in in chunks of a few
    /// thousand, each its own short transaction, so that other writes (sign-ins, the audit
    /// entry of every download) never wait long behind a city's 100,000 rows; the plan is
    /// seen by no reader until the last transaction marks the round `solved`, and a process
    /// killed before that leaves a round `solving` whose partial plan the next start drops.
    func finishSolve(round id: Int64, plan: RoundPairing.Plan, rows: PlanRows, households: PlanHouseholds) async throws {
        let summary = plan.summary
        let started = try await pool.write { db -> Bool in
            guard try Self.isSolving(db, id) else { return false }
            try db.execute(sql: "DELETE FROM plan WHERE round_id = ?", arguments: [id])
            try db.execute(
                sql: """
                    INSERT INTO plan (round_id, summary_json, objective, bound, gap, solver, pairs, unpaired, seconds,
                        solved_at, pairs_header, unpaired_header, public_header, helper_prices, proof)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, Data(plan.summaryJSON), summary.objective, summary.bound, summary.gap, summary.solver,
                    summary.pairs, summary.unpaired, summary.seconds, Clock.stamp(),
                    Data(rows.headers[.pairs] ?? []), Data(rows.headers[.unpaired] ?? []), Data(rows.headers[.public] ?? []),
                    households.helperPrices.map(PlanHouseholds.blob), households.proof.rawValue,
                ])
            return true
        }
        guard started else { return }
        let all = PlanRows.List.allCases.flatMap { list in
            (rows.rows[list] ?? []).enumerated().map { (list, $0.offset, $0.element) }
        }
        for chunk in stride(from: 0, to: all.count, by: Self.rowsPerTransaction) {
            let part = all[chunk..<min(chunk + Self.rowsPerTransaction, all.count)]
            try await pool.write { db in
                let insert = try db.makeStatement(sql: """
                    INSERT INTO plan_row (round_id, list, ordinal, district, street, household_id, helper_id, id_number, line)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for (list, ordinal, row) in part {
                    try insert.execute(arguments: [
                        id, list.rawValue, ordinal, row.district, row.street, row.householdId, row.helperId, row.idNumber,
                        Data(row.line),
                    ])
                }
            }
        }
        try await storeHouseholds(round: id, households)
        try await pool.write { db in
            guard try Self.isSolving(db, id) else { return }
            let insertPlace = try db.makeStatement(sql: """
                INSERT INTO plan_place (round_id, district, street, households, pairs, unpaired, cost)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for p in rows.places {
                try insertPlace.execute(arguments: [id, p.district, p.street, p.households, p.pairs, p.unpaired, p.cost])
            }
            try db.execute(sql: "UPDATE round SET status = 'solved', error = NULL WHERE id = ?", arguments: [id])
        }
    }

    /// Rows stored per write transaction (each a few tens of milliseconds).
    static let rowsPerTransaction = 2_000

    private static func isSolving(_ db: Database, _ id: Int64) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT status FROM round WHERE id = ?", arguments: [id]) == "solving"
    }

    /// The plan's summary with the counts within `scope`; nil when the round has no plan.
    func summary(round id: Int64, scope: PlaceScope) async throws -> ScopedSummary? {
        try await pool.read { db in
            let columns = "objective, bound, gap, solver, pairs, unpaired, seconds, solved_at"
                + (scope == .city ? ", summary_json" : "")
            // A plan is shown only once its round is solved (while solving it is being stored).
            guard let plan = try Row.fetchOne(
                db,
                sql: """
                    SELECT \(columns) FROM plan JOIN round ON round.id = plan.round_id
                    WHERE plan.round_id = ? AND round.status IN ('solved', 'published')
                    """,
                arguments: [id])
            else {
                return nil
            }
            var sql = """
                SELECT COALESCE(SUM(households), 0) AS h, COALESCE(SUM(pairs), 0) AS p,
                    COALESCE(SUM(unpaired), 0) AS u, COALESCE(SUM(cost), 0) AS c
                FROM plan_place WHERE round_id = ?
                """
            var arguments: StatementArguments = [id]
            if let district = scope.district { sql += " AND district = ?"; arguments += [district] }
            if let street = scope.street { sql += " AND street = ?"; arguments += [street] }
            let counts = try Row.fetchOne(db, sql: sql, arguments: arguments)
            return ScopedSummary(
                summaryJSON: scope == .city ? Array(plan["summary_json"] as Data) : nil, objective: plan["objective"], bound: plan["bound"],
                gap: plan["gap"], solver: plan["solver"], pairs: plan["pairs"], unpaired: plan["unpaired"],
                seconds: plan["seconds"], solvedAt: plan["solved_at"],
                scope: (counts?["h"] ?? 0, counts?["p"] ?? 0, counts?["u"] ?? 0, counts?["c"] ?? 0))
        }
    }

    /// A list's header and the rows within `scope`, in the plan's order.
    func list(round id: Int64, _ list: PlanRows.List, scope: PlaceScope) async throws -> ScopedList {
        try await pool.read { db in
            switch try String.fetchOne(db, sql: "SELECT status FROM round WHERE id = ?", arguments: [id]) {
            case nil: throw RoundRefusal.noSuchRound(id)
            case "solved", "published": break
            default: throw RoundRefusal.notSolved(id)
            }
            let header: Data = try Data.fetchOne(
                db, sql: "SELECT \(list.rawValue)_header FROM plan WHERE round_id = ?", arguments: [id]) ?? Data()
            // With a place, the place index (else SQLite may walk the whole list in
            // ordinal order, 35,000 rows for a city, to find one street's few hundred).
            let index = scope.district == nil ? "" : " INDEXED BY plan_row_place"
            var sql = "SELECT line, id_number, district, street FROM plan_row\(index) WHERE round_id = ? AND list = ?"
            var arguments: StatementArguments = [id, list.rawValue]
            if let district = scope.district { sql += " AND district = ?"; arguments += [district] }
            if let street = scope.street { sql += " AND street = ?"; arguments += [street] }
            sql += " ORDER BY ordinal"
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            var out: [(line: [UInt8], idNumber: String, district: String, street: String)] = []
            while let row = try rows.next() {
                out.append((Array(row["line"] as Data), row["id_number"], row["district"], row["street"]))
            }
            return ScopedList(header: Array(header), rows: out)
        }
    }
}

extension OfficeStore {
    /// The plan's household rows for the pages, in chunks like the lists.
    func storeHouseholds(round id: Int64, _ households: PlanHouseholds) async throws {
        let rows = households.rows
        for chunk in stride(from: 0, to: rows.count, by: Self.rowsPerTransaction) {
            let part = rows[chunk..<min(chunk + Self.rowsPerTransaction, rows.count)]
            try await pool.write { db in
                let insert = try db.makeStatement(sql: """
                    INSERT INTO plan_household (round_id, ordinal, roll_index, household_id, name, district, street,
                        community, severity, helper_index, helper_id, helper_name, helper_kind, distance, status,
                        unpaired_reason, unmet, cost, locked, covered_zh, unmet_zh, covered_en, unmet_en, price,
                        quota_price, id_number, search)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for (ordinal, row) in zip(chunk..., part) {
                    let l = row.listing
                    try insert.execute(arguments: [
                        id, ordinal, l.household, l.id, l.name, l.district, l.street, l.community, l.severity, l.helper,
                        l.helperId, l.helperName, l.helperKind?.english, l.distance, l.status.rawValue,
                        l.unpairedReason?.rawValue, l.unmetLevels, l.cost, l.locked, row.coveredZh, row.unmetZh,
                        row.coveredEn, row.unmetEn, row.price, row.quotaPrice, l.identityNumber, row.search,
                    ])
                }
            }
        }
    }
}
