import Foundation
import GRDB
import Matcher

extension RoundOperations {
    /// A clerk may ask for (and discard) only what-ifs that name households of its scope and
    /// bring no households file of their own (403).
    func requireWhatIfScope(round id: Int64, _ request: WhatIfRequest, caller: Caller) async throws {
        guard caller.role != .admin else { return }
        if request.householdsCSV != nil { throw RoundRefusal.cannot("only an administrator may bring a households file to a what-if") }
        let places = try await store.householdPlaces(round: id, request.removeHouseholds)
        let outside = request.removeHouseholds.filter { id in
            places[id].map { !caller.scope.covers(district: $0.district, street: $0.street) } ?? false
        }
        if !outside.isEmpty { throw RoundRefusal.outOfScope(households: outside.count) }
    }

    /// Makes a previewed what-if the round's own: it is run again on the same plan (the
    /// round's plan must not have changed since the preview: 409 otherwise), its changed roll
    /// becomes the round's households and helpers files, rules naming anyone no longer on
    /// the roll are dropped, and its plan (the fewest moves from the plan before) becomes the
    /// round's plan, marked not proven for the yearly objective. The plan before is kept as
    /// the round's last plan, so ``changes(round:caller:limit:)`` shows what moved. Admins only.
    func applyWhatIf(round id: Int64, preview: Int64, caller: Caller) async throws -> PlanChanges {
        let stored = try await store.openWhatIf(round: id, preview: preview)
        let (outcome, _) = try await runWhatIf(round: id, stored.request)
        let (inputs, _, _) = try await store.whatIfInputs(round: id)
        let applied = try await Task.detached(priority: .userInitiated) { () throws -> (RoundPairing.AppliedWhatIf, PlanRows, PlanHouseholds) in
            do throws(YearlyPairing.Failure) {
                let applied = try RoundPairing.applying(outcome, to: inputs)
                return (applied, PlanRows(applied.plan), PlanHouseholds(applied.plan))
            } catch {
                throw RoundRefusal.cannot("the what-if's roll cannot be made the round's: " + error.description)
            }
        }.value
        let roll = applied.0.plan.model.roll
        let places = (0..<roll.households.count).map { h in
            let l = roll.households.locations[h]
            return (roll.households.ids[h], roll.places.districtNames[Int(l.district)], roll.places.streetNames[Int(l.street)])
        }
        try await store.beginApplyingWhatIf(
            round: id, preview: preview, planSolvedAt: stored.planSolvedAt, households: applied.0.households,
            helpers: applied.0.helpers, householdPlaces: places, helperIds: roll.helpers.ids, by: caller.name)
        try await store.finishSolve(round: id, plan: applied.0.plan, rows: applied.1, households: applied.2)
        return try await changes(round: id, caller: caller)
    }

    /// Discards a previewed what-if (nothing else changes).
    func discardWhatIf(round id: Int64, preview: Int64, caller: Caller) async throws {
        let stored = try await store.openWhatIf(round: id, preview: preview)
        try await requireWhatIfScope(round: id, stored.request, caller: caller)
        try await store.closeWhatIf(preview: preview, state: "discarded")
    }
}

extension OfficeStore {
    /// Places of the named households of round `id` (unknown ids are left out).
    func householdPlaces(round id: Int64, _ households: [String]) async throws -> [String: (district: String, street: String)] {
        try await pool.read { db in
            var places: [String: (district: String, street: String)] = [:]
            let statement = try db.makeStatement(sql: "SELECT district, street FROM round_household WHERE round_id = ? AND household_id = ?")
            for h in households {
                if let row = try Row.fetchOne(statement, arguments: [id, h]) { places[h] = (row["district"], row["street"]) }
            }
            return places
        }
    }

    /// An open what-if of round `id` and the plan it was asked of.
    func openWhatIf(round id: Int64, preview: Int64) async throws -> (request: WhatIfRequest, planSolvedAt: String) {
        try await pool.read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT request, plan_solved_at, state FROM whatif WHERE round_id = ? AND id = ?", arguments: [id, preview])
            else { throw RoundRefusal.noSuchWhatIf(preview) }
            guard row["state"] as String == "open" else { throw RoundRefusal.whatIfClosed(preview, row["state"]) }
            let request = try JSONDecoder().decode(WhatIfRequest.self, from: row["request"] as Data)
            return (request, row["plan_solved_at"])
        }
    }

    func closeWhatIf(preview: Int64, state: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE whatif SET state = ? WHERE id = ? AND state = 'open'", arguments: [state, preview])
            if db.changesCount == 0 { throw RoundRefusal.whatIfClosed(preview, "closed") }
        }
    }

    /// In one transaction: the what-if's files become the round's, rules naming anyone off
    /// the roll go, the plan is dropped (kept as the last plan) and the round is marked
    /// `solving` for ``finishSolve(round:plan:rows:households:)`` to store the what-if's plan.
    func beginApplyingWhatIf(
        round id: Int64, preview: Int64, planSolvedAt: String, households: RoundPairing.File, helpers: RoundPairing.File,
        householdPlaces: [(String, String, String)], helperIds: [String], by user: String
    ) async throws {
        try await pool.write { db in
            try Self.requireEditable(db, id)
            let solvedAt = try String.fetchOne(db, sql: "SELECT solved_at FROM plan WHERE round_id = ?", arguments: [id])
            guard solvedAt == planSolvedAt else {
                throw RoundRefusal.cannot("the round's plan changed since this what-if was previewed; preview it again")
            }
            for (role, file, rows) in [("households", households, householdPlaces.count), ("helpers", helpers, helperIds.count)] {
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO round_file (round_id, role, content, sha256, size, rows, uploaded_at, uploaded_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [id, role, Data(file.bytes), RoundInputController.sha256(file.bytes), file.bytes.count, rows, Clock.stamp(),
                                user + " (what-if \(preview))"])
            }
            try db.execute(sql: "DELETE FROM round_household WHERE round_id = ?", arguments: [id])
            let insertHousehold = try db.makeStatement(
                sql: "INSERT INTO round_household (round_id, household_id, district, street) VALUES (?, ?, ?, ?)")
            for (h, d, s) in householdPlaces { try insertHousehold.execute(arguments: [id, h, d, s]) }
            try db.execute(sql: "DELETE FROM round_helper WHERE round_id = ?", arguments: [id])
            let insertHelper = try db.makeStatement(sql: "INSERT INTO round_helper (round_id, helper_id) VALUES (?, ?)")
            for g in helperIds { try insertHelper.execute(arguments: [id, g]) }
            try db.execute(
                sql: """
                    DELETE FROM round_rule WHERE round_id = ? AND (
                        household_id NOT IN (SELECT household_id FROM round_household WHERE round_id = ?)
                        OR helper_id NOT IN (SELECT helper_id FROM round_helper WHERE round_id = ?))
                    """,
                arguments: [id, id, id])
            _ = try Self.dropPlan(db, id)
            try db.execute(sql: "UPDATE whatif SET state = 'applied' WHERE id = ?", arguments: [preview])
            try db.execute(sql: "UPDATE round SET status = 'solving' WHERE id = ?", arguments: [id])
        }
    }
}
