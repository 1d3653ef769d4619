import Foundation
import Matcher

extension RoundOperations {
    // MARK: 2. Hand edits that survive re-solving

    /// The round's hand edits of households within the caller's scope, oldest first.
    func edits(round id: Int64, caller: Caller) async throws -> [HandEdit] {
        try await store.edits(round: id, scope: caller.scope)
    }

    /// Adds a hand edit: lock the pair, forbid it, or move the household to `helper` (a lock
    /// that replaces the household's other locks). A clerk may edit only households of its
    /// scope (403). The edit is checked as the next solve will check it — a lock on a
    /// forbidden or ineligible pair, a second lock of a household, more locks than a helper
    /// takes — and refused with the reason (422) before anything is stored. The round's plan
    /// is dropped (kept as its last plan, for ``changes(round:caller:)`` after the re-solve).
    func addEdit(
        round id: Int64, kind: HandEdit.Kind, household: String, helper: String, note: String, caller: Caller
    ) async throws -> HandEdit {
        let target = try await store.editTarget(round: id, household: household, helper: helper)
        guard caller.scope.covers(district: target.district, street: target.street) else {
            throw RoundRefusal.householdOutsideScope
        }
        guard target.helperKnown else { throw RoundRefusal.noSuchHelper(helper) }
        var inputs = target.inputs
        let pair = RoundPairing.Pair(household: household, helper: helper)
        // The same rule again only renews its note.
        switch kind {
        case .forbid: if !inputs.forbids.contains(pair) { inputs.forbids.append(pair) }
        case .lock: if !inputs.locks.contains(pair) { inputs.locks.append(pair) }
        case .move:
            inputs.locks.removeAll { $0.household == household }
            inputs.locks.append(pair)
        }
        try await Self.check(inputs)
        return try await store.addEdit(round: id, kind: kind, household: household, helper: helper, note: note, by: caller.name)
    }

    /// Removes hand edit `edit` (a clerk: only of a household of its scope, 403 otherwise).
    func removeEdit(round id: Int64, edit: Int64, caller: Caller) async throws -> HandEdit {
        let found = try await store.edit(round: id, edit: edit)
        guard caller.scope.covers(district: found.district, street: found.street) else {
            throw RoundRefusal.householdOutsideScope
        }
        try await store.removeEdit(round: id, edit: edit)
        return found
    }

    /// The round's rules read as the solve reads them; their problems in words (no file or line).
    private static func check(_ inputs: RoundPairing.Inputs) async throws {
        let problems = await Task.detached(priority: .userInitiated) { () -> [String] in
            do throws(YearlyPairing.Failure) {
                _ = try RoundPairing.model(inputs)
                return []
            } catch .input(let problems) {
                return problems.problems.filter { $0.file == "locks" || $0.file == "forbids" }.map(\.message)
            } catch {
                return ["the round's inputs cannot be read with this edit"]
            }
        }.value
        if !problems.isEmpty {
            throw RoundRefusal.cannot("this edit cannot be kept with the round's other rules: " + problems.joined(separator: "; "))
        }
    }
}
