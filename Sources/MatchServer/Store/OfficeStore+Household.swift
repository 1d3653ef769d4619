import Foundation
import GRDB
import Matcher

extension OfficeStore {
    /// One household's row of round `id`'s plan, its roll index and the plan's solve time;
    /// nil when the plan has no such household.
    func planHousehold(round id: Int64, household: String) async throws
        -> (row: Row, rollIndex: Int, helperIndex: Int?, solvedAt: String, proof: String)?
    {
        try await pool.read { db in
            try Self.requireSolved(db, id)
            guard let plan = try Row.fetchOne(db, sql: "SELECT solved_at, proof FROM plan WHERE round_id = ?", arguments: [id]),
                  let row = try Row.fetchOne(
                      db, sql: "SELECT * FROM plan_household WHERE round_id = ? AND household_id = ?", arguments: [id, household])
            else { return nil }
            return (row, row["roll_index"], row["helper_index"], plan["solved_at"], plan["proof"])
        }
    }

    /// What the alternatives need of a solved round: its inputs (to rebuild the cost model),
    /// the helpers' prices and each household's (by roll index).
    func alternativesInputs(round id: Int64) async throws
        -> (RoundPairing.Inputs, [Int]?, [Int: (price: Int?, quota: Int)])
    {
        try await pool.read { db in
            try Self.requireSolved(db, id)
            let inputs = try Self.solveInputs(db, id)
            let blob = try Data.fetchOne(db, sql: "SELECT helper_prices FROM plan WHERE round_id = ?", arguments: [id])
            var households: [Int: (price: Int?, quota: Int)] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT roll_index, price, quota_price FROM plan_household WHERE round_id = ?", arguments: [id])
            while let row = try rows.next() { households[row["roll_index"]] = (row["price"], row["quota_price"]) }
            return (inputs, blob.map(PlanHouseholds.prices), households)
        }
    }

    /// When round `id`'s plan was stored (nil: no plan): a plan's identity for caches.
    func planSolvedAt(round id: Int64) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT solved_at FROM plan WHERE round_id = ?", arguments: [id])
        }
    }
}
