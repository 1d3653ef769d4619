import Foundation
import Hummingbird
import Matcher

/// One household: its pair and the reasons, its best alternatives with what each would
/// cost the plan (reduced costs from the plan's dual prices), its hand edits, and the forms
/// to lock or forbid the pair or move the household to an alternative, each with a note.
struct HouseholdPage {
    let office: Office

    func register(_ routes: RouteRegistry) {
        routes.on(.pageHousehold) { request, context, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let id = try context.parameters.require("id", as: Int64.self)
            let household = try context.parameters.require("household")
            return try await show(page, id, household)
        }
        routes.on(.pageAddEdit) { request, context, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let id = try context.parameters.require("id", as: Int64.self)
            guard let caller else { throw APIError.unauthorized("sign in first") }
            let form = context.form ?? .empty
            guard let household = form["household_id"], let helper = form["helper_id"],
                  let kind = form["kind"].flatMap(HandEdit.Kind.init(rawValue:)) else {
                throw APIError.badRequest("the form lacks the household, the helper or the kind of edit")
            }
            let note = form["note"] ?? ""
            do {
                let edit = try await office.operations.addEdit(
                    round: id, kind: kind, household: household, helper: helper, note: note, caller: caller)
                return page.redirect(
                    "/rounds/\(id)/changes?added=\(edit.id)", detail: "\(kind.rawValue) \(household) → \(helper) (edit \(edit.id))")
            } catch RoundRefusal.cannot(let why) {
                // Refused before anything was stored: the household's page again, with the reason.
                var reply = try await show(page, id, household, refusal: why, status: .unprocessableContent)
                reply.detail = "\(kind.rawValue) \(household) → \(helper) refused"
                return reply
            }
        }
        routes.on(.pageRemoveEdit) { request, context, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let id = try context.parameters.require("id", as: Int64.self)
            let edit = try context.parameters.require("edit", as: Int64.self)
            guard let caller else { throw APIError.unauthorized("sign in first") }
            let removed = try await office.operations.removeEdit(round: id, edit: edit, caller: caller)
            return page.redirect("/rounds/\(id)/changes", detail: "edit \(removed.id) removed")
        }
    }

    private func show(
        _ page: WebPage, _ id: Int64, _ household: String, refusal: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Reply {
        guard let caller = page.caller else { throw APIError.unauthorized("sign in first") }
        let view = try await office.roundView(id)
        let words = page.words
        let detail = try await office.operations.household(
            round: id, household: household, caller: caller, language: page.language.presentation)
        let edits = try await office.operations.edits(round: id, caller: caller).filter { $0.householdId == household }
        let pair = detail.pair
        let canEdit = caller.role != .viewer && view.changeable
        var data: [String: Any] = [
            "round": view.data(page, current: "tab_pairs"),
            "household": [
                "id": pair.householdId, "name": pair.name, "place": [pair.district, pair.street, pair.community].joined(separator: " · "),
                "severity": pair.severity, "paired": pair.helperId != nil,
                "helper": pair.helperName.map { words("name_with_id", ["name": $0, "id": pair.helperId ?? ""]) } ?? "",
                "helper_id": pair.helperId ?? "", "kind": pair.kindWords ?? "",
                "distance": pair.distanceWords ?? "", "covered": pair.coveredWords.isEmpty ? "—" : pair.coveredWords,
                "unmet": pair.unmetWords.isEmpty ? words["none"] : pair.unmetWords,
                "status": pair.statusWords, "reason": pair.reasonWords ?? "", "cost": pair.cost, "locked": pair.locked,
            ] as [String: Any],
            "proof": words["proof_" + detail.proof],
            "alternatives": detail.alternatives.map { alternative -> [String: Any] in
                [
                    "helper": alternative.helperName.map { words("name_with_id", ["name": $0, "id": alternative.helperId ?? ""]) } ?? words["alternative_unpaired"],
                    "helper_id": alternative.helperId ?? "", "movable": alternative.helperId != nil && canEdit,
                    "kind": alternative.kindWords ?? "", "distance": alternative.distanceWords ?? "",
                    "place": [alternative.helperStreet, alternative.helperCommunity].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · "),
                    "covered": alternative.coveredWords, "unmet": alternative.unmetWords, "cost": alternative.cost,
                    "price": alternative.reducedCost == 0 ? words["price_free"] : words("price_more", ["n": alternative.reducedCost]),
                ]
            },
            "has_alternatives": !detail.alternatives.isEmpty,
            "edits": edits.map(Self.editRow(words)),
            "has_edits": !edits.isEmpty,
            "can_edit": canEdit,
        ]
        // (An empty string counts as true in a Mustache section: absent values stay out.)
        if !pair.idNumber.isEmpty, var shown = data["household"] as? [String: Any] {
            shown["id_number"] = pair.idNumber
            data["household"] = shown
        }
        data["alternatives_note"] = detail.alternativesNote.map { words["alternatives_" + $0] }
        data["refusal"] = refusal
        return page.reply("household", title: pair.name, data, status: status)
    }

    /// A hand edit as the templates show it.
    static func editRow(_ words: PageWords) -> (HandEdit) -> [String: Any] {
        { edit in
            [
                "id": edit.id, "kind": words[edit.kind == .move ? "edit_move_kind" : "edit_" + edit.kind.rawValue], "household_id": edit.householdId,
                "helper_id": edit.helperId, "place": edit.district + " · " + edit.street, "note": edit.note,
                "by": edit.addedBy, "at": edit.addedAt,
            ]
        }
    }
}
