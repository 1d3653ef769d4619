import Foundation
import GRDB
import Matcher

/// What a round's plan changed against its last plan (the one an edit or a re-solve
/// replaced): counts, and each household that did not keep its helper.
struct PlanChanges: Sendable, Encodable {
    struct Entry: Sendable, Encodable {
        var householdId: String
        var name: String
        var district: String
        var street: String
        /// moved, newly_paired, newly_unpaired, joined (not on the last plan's roll), left (off this roll).
        var change: String
        var fromHelperId: String?
        var fromHelperName: String?
        var toHelperId: String?
        var toHelperName: String?
        /// Whether the new pair is a hand edit (a lock).
        var locked: Bool

        enum CodingKeys: String, CodingKey {
            case householdId = "household_id", name, district, street, change, locked
            case fromHelperId = "from_helper_id", fromHelperName = "from_helper_name"
            case toHelperId = "to_helper_id", toHelperName = "to_helper_name"
        }
    }

    /// Whether the round had an earlier plan to compare with.
    var hasLastPlan: Bool
    var proof: String
    var kept = 0
    var moved = 0
    var newlyPaired = 0
    var newlyUnpaired = 0
    var stillUnpaired = 0
    var joined = 0
    var left = 0
    /// At most `limit` entries (every count is whole).
    var entries: [Entry] = []

    enum CodingKeys: String, CodingKey {
        case hasLastPlan = "has_last_plan", proof, kept, moved, newlyPaired = "newly_paired"
        case newlyUnpaired = "newly_unpaired", stillUnpaired = "still_unpaired", joined, left, entries
    }
}

extension OfficeStore {
    /// Round `id`'s plan against its last plan, within `scope`; at most `limit` entries.
    func planChanges(round id: Int64, scope: PlaceScope, limit: Int) async throws -> PlanChanges {
        try await pool.read { db in
            try Self.requireSolved(db, id)
            let proof = try String.fetchOne(db, sql: "SELECT proof FROM plan WHERE round_id = ?", arguments: [id]) ?? ""
            let hasLast = try Bool.fetchOne(db, sql: "SELECT 1 FROM last_plan WHERE round_id = ? LIMIT 1", arguments: [id]) == true
            var changes = PlanChanges(hasLastPlan: hasLast, proof: proof)
            guard hasLast else { return changes }
            func within(_ table: String) -> (sql: String, arguments: StatementArguments) {
                var sql = "", arguments: StatementArguments = [id]
                if let district = scope.district { sql += " AND \(table).district = ?"; arguments += [district] }
                if let street = scope.street { sql += " AND \(table).street = ?"; arguments += [street] }
                return (sql, arguments)
            }
            func add(_ change: String, _ row: Row, from: (String?, String?), to: (String?, String?), locked: Bool) {
                guard changes.entries.count < limit else { return }
                changes.entries.append(PlanChanges.Entry(
                    householdId: row["household_id"], name: row["name"], district: row["district"], street: row["street"],
                    change: change, fromHelperId: from.0, fromHelperName: from.1, toHelperId: to.0, toHelperName: to.1,
                    locked: locked))
            }
            // Households of the plan, with their pair in the last plan (if they were on it).
            let now = within("n")
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT n.household_id, n.name, n.district, n.street, n.helper_id, n.helper_name, n.locked,
                        o.household_id AS old_household, o.helper_id AS old_id, o.helper_name AS old_name
                    FROM plan_household n LEFT JOIN last_plan o ON o.round_id = n.round_id AND o.household_id = n.household_id
                    WHERE n.round_id = ?\(now.sql) ORDER BY n.ordinal
                    """,
                arguments: now.arguments)
            while let row = try rows.next() {
                let new = (row["helper_id"] as String?, row["helper_name"] as String?)
                let old = (row["old_id"] as String?, row["old_name"] as String?)
                let locked: Bool = row["locked"]
                if (row["old_household"] as String?) == nil {
                    changes.joined += 1
                    add("joined", row, from: (nil, nil), to: new, locked: locked)
                    continue
                }
                switch (old.0, new.0) {
                case (let o?, let n?) where o == n: changes.kept += 1
                case (nil, nil): changes.stillUnpaired += 1
                case (_?, _?): changes.moved += 1; add("moved", row, from: old, to: new, locked: locked)
                case (nil, _?): changes.newlyPaired += 1; add("newly_paired", row, from: old, to: new, locked: locked)
                case (_?, nil): changes.newlyUnpaired += 1; add("newly_unpaired", row, from: old, to: new, locked: locked)
                }
            }
            // Households of the last plan that are off the roll now.
            let then = within("o")
            let gone = try Row.fetchAll(
                db,
                sql: """
                    SELECT o.household_id, o.name, o.district, o.street, o.helper_id, o.helper_name FROM last_plan o
                    WHERE o.round_id = ?\(then.sql) AND NOT EXISTS (
                        SELECT 1 FROM plan_household n WHERE n.round_id = o.round_id AND n.household_id = o.household_id)
                    ORDER BY o.district, o.street, o.household_id
                    """,
                arguments: then.arguments)
            for row in gone {
                changes.left += 1
                add("left", row, from: (row["helper_id"], row["helper_name"]), to: (nil, nil), locked: false)
            }
            return changes
        }
    }
}

extension RoundOperations {
    /// What the round's plan changed against the plan it replaced (after a re-solve: what
    /// else moved besides the hand edits), within the caller's scope: counts of kept,
    /// moved, newly paired, newly unpaired, still unpaired, joined and left, and up to
    /// `limit` of the households that changed, with from → to helpers. 409 before a plan.
    func changes(round id: Int64, caller: Caller, limit: Int = 1_000) async throws -> PlanChanges {
        try await store.planChanges(round: id, scope: caller.scope, limit: limit)
    }
}
