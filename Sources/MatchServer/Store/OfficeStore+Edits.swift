import Foundation
import GRDB
import Matcher

/// A hand edit of a round: a lock, a forbid, or a move (a lock made by choosing a new
/// helper for a household), with its note and who made it when.
struct HandEdit: Sendable, Encodable, Equatable {
    enum Kind: String, Sendable, Codable, CaseIterable {
        case lock, forbid, move
        /// The rule it is stored as.
        var rule: String { self == .forbid ? "forbid" : "lock" }
    }

    var id: Int64
    var kind: Kind
    var householdId: String
    var helperId: String
    var district: String
    var street: String
    var note: String
    var addedBy: String
    var addedAt: String

    enum CodingKeys: String, CodingKey {
        case id, kind, householdId = "household_id", helperId = "helper_id", district, street, note
        case addedBy = "added_by", addedAt = "added_at"
    }
}

extension OfficeStore {
    /// The round's hand edits (and the locks and forbids added through the rule lists) of
    /// households within `scope`, oldest first.
    func edits(round id: Int64, scope: PlaceScope) async throws -> [HandEdit] {
        try await pool.read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM round WHERE id = ?", arguments: [id]) == true else {
                throw RoundRefusal.noSuchRound(id)
            }
            var sql = """
                SELECT r.id, r.kind, r.made_as, r.household_id, r.helper_id, r.note, r.added_by, r.added_at,
                    h.district, h.street
                FROM round_rule r JOIN round_household h ON h.round_id = r.round_id AND h.household_id = r.household_id
                WHERE r.round_id = ?
                """
            var arguments: StatementArguments = [id]
            if let district = scope.district { sql += " AND h.district = ?"; arguments += [district] }
            if let street = scope.street { sql += " AND h.street = ?"; arguments += [street] }
            return try Row.fetchAll(db, sql: sql + " ORDER BY r.id", arguments: arguments).map(Self.edit)
        }
    }

    private static func edit(_ row: Row) -> HandEdit {
        let madeAs: String = row["made_as"]
        return HandEdit(
            id: row["id"], kind: HandEdit.Kind(rawValue: madeAs) ?? HandEdit.Kind(rawValue: row["kind"]) ?? .lock,
            householdId: row["household_id"], helperId: row["helper_id"], district: row["district"], street: row["street"],
            note: row["note"], addedBy: row["added_by"], addedAt: row["added_at"])
    }

    /// Where household `household` of round `id` lives, and whether helper `helper` is on
    /// the roll; the round must be editable.
    func editTarget(round id: Int64, household: String, helper: String) async throws
        -> (district: String, street: String, helperKnown: Bool, inputs: RoundPairing.Inputs)
    {
        try await pool.read { db in
            try Self.requireEditable(db, id)
            guard let place = try Row.fetchOne(
                db, sql: "SELECT district, street FROM round_household WHERE round_id = ? AND household_id = ?",
                arguments: [id, household])
            else { throw RoundRefusal.noSuchHousehold(household) }
            let known = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM round_helper WHERE round_id = ? AND helper_id = ?", arguments: [id, helper]) == true
            return (place["district"], place["street"], known, try Self.solveInputs(db, id))
        }
    }

    /// Stores a hand edit (a move first removes the household's other locks) and drops the
    /// plan (kept as the round's last plan). Returns the edit.
    func addEdit(round id: Int64, kind: HandEdit.Kind, household: String, helper: String, note: String, by user: String)
        async throws -> HandEdit
    {
        try await pool.write { db in
            try Self.requireEditable(db, id)
            if kind == .move {
                try db.execute(
                    sql: "DELETE FROM round_rule WHERE round_id = ? AND kind = 'lock' AND household_id = ?",
                    arguments: [id, household])
            }
            try db.execute(
                sql: """
                    INSERT INTO round_rule (round_id, kind, household_id, helper_id, added_by, added_at, note, made_as)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (round_id, kind, household_id, helper_id)
                    DO UPDATE SET note = excluded.note, made_as = excluded.made_as, added_by = excluded.added_by,
                        added_at = excluded.added_at
                    """,
                arguments: [id, kind.rule, household, helper, user, Clock.stamp(), note, kind.rawValue])
            let ruleId = try Int64.fetchOne(
                db, sql: "SELECT id FROM round_rule WHERE round_id = ? AND kind = ? AND household_id = ? AND helper_id = ?",
                arguments: [id, kind.rule, household, helper]) ?? db.lastInsertedRowID
            _ = try Self.dropPlan(db, id)
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT r.*, h.district, h.street FROM round_rule r
                    JOIN round_household h ON h.round_id = r.round_id AND h.household_id = r.household_id
                    WHERE r.id = ?
                    """,
                arguments: [ruleId])
            guard let row else { throw RoundRefusal.noSuchEdit(ruleId) }
            return Self.edit(row)
        }
    }

    /// Hand edit `edit` of round `id`, for the scope check before removing it.
    func edit(round id: Int64, edit: Int64) async throws -> HandEdit {
        try await pool.read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM round WHERE id = ?", arguments: [id]) == true else {
                throw RoundRefusal.noSuchRound(id)
            }
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT r.*, h.district, h.street FROM round_rule r
                    JOIN round_household h ON h.round_id = r.round_id AND h.household_id = r.household_id
                    WHERE r.round_id = ? AND r.id = ?
                    """,
                arguments: [id, edit])
            else { throw RoundRefusal.noSuchEdit(edit) }
            return Self.edit(row)
        }
    }

    /// Removes hand edit `edit` and drops the plan (kept as the round's last plan).
    func removeEdit(round id: Int64, edit: Int64) async throws {
        try await pool.write { db in
            try Self.requireEditable(db, id)
            try db.execute(sql: "DELETE FROM round_rule WHERE round_id = ? AND id = ?", arguments: [id, edit])
            guard db.changesCount > 0 else { throw RoundRefusal.noSuchEdit(edit) }
            _ = try Self.dropPlan(db, id)
        }
    }
}
