import Foundation
import Hummingbird
import Matcher

/// The hand edits of a round and what the last re-solve changed besides them ("what else
/// moved"), and the comparison with last year's round by street.
struct ChangesPages {
    let office: Office
    /// The changed households listed (the counts are whole).
    static let shownChanges = 200

    func register(_ routes: RouteRegistry) {
        routes.on(.pageChanges) { request, context, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let id = try context.parameters.require("id", as: Int64.self)
            guard let caller else { throw APIError.unauthorized("sign in first") }
            let view = try await office.roundView(id)
            let words = page.words
            let edits = try await office.operations.edits(round: id, caller: caller)
            var data: [String: Any] = [
                "round": view.data(page, current: "tab_changes"),
                "edits": edits.map(HouseholdPage.editRow(words)), "has_edits": !edits.isEmpty,
                "can_edit": caller.role != .viewer && view.changeable,
                "can_solve": caller.role == .admin && view.changeable,
                "needs_solve": view.status == "draft",
                "solving": view.status == "solving",
            ]
            if view.hasPlan {
                let changes = try await office.operations.changes(round: id, caller: caller, limit: Self.shownChanges)
                data["changes"] = [
                    "has_last_plan": changes.hasLastPlan, "proof": words["proof_" + changes.proof],
                    "optimal": changes.proof == "proven_optimal",
                    "kept": changes.kept, "moved": changes.moved, "newly_paired": changes.newlyPaired,
                    "newly_unpaired": changes.newlyUnpaired, "still_unpaired": changes.stillUnpaired,
                    "joined": changes.joined, "left": changes.left,
                    "entries": changes.entries.map { entry -> [String: Any] in
                        [
                            "household_id": entry.householdId, "name": entry.name, "place": entry.street,
                            "change": words["change_" + entry.change],
                            "from": entry.fromHelperName.map { words("name_with_id", ["name": $0, "id": entry.fromHelperId ?? ""]) } ?? "—",
                            "to": entry.toHelperName.map { words("name_with_id", ["name": $0, "id": entry.toHelperId ?? ""]) } ?? "—",
                            "locked": entry.locked,
                            "href": "/rounds/\(id)/households/" + WebPage.escape(entry.householdId),
                        ]
                    },
                    "has_entries": !changes.entries.isEmpty,
                    "entries_note": words("changes_shown", ["n": changes.entries.count]),
                ] as [String: Any]
            }
            return page.reply("changes", title: words["changes_title"], data)
        }
        routes.on(.pageCompare) { request, context, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let id = try context.parameters.require("id", as: Int64.self)
            guard let caller else { throw APIError.unauthorized("sign in first") }
            let view = try await office.roundView(id)
            let words = page.words
            let comparison = try await office.operations.compareWithPrevious(round: id, caller: caller)
            let row = { (street: LastYearComparison.Street, name: String) -> [String: Any] in
                let paired = street.kept + street.moved + street.new
                return [
                    "name": name, "kept": street.kept, "moved": street.moved, "new": street.new,
                    "unpaired": street.unpaired, "left": street.left,
                    "kept_share": paired == 0 ? "—" : String(format: "%.1f%%", Double(street.kept) / Double(paired) * 100),
                ]
            }
            let chart = BarChart(
                bars: comparison.streets.map { street in
                    let paired = Double(street.kept + street.moved + street.new)
                    let share = paired == 0 ? 0 : Double(street.kept) / paired
                    return .init(label: street.street, value: share, figure: String(format: "%.1f%%", share * 100))
                },
                scale: 1, title: words["compare_chart"])
            return page.reply("compare", title: words["compare_title"], [
                "round": view.data(page, current: "tab_compare"),
                "previous": comparison.previous.map { words("compare_previous", ["id": $0]) } ?? words["compare_no_previous"],
                "has_previous": comparison.previous != nil,
                "streets": comparison.streets.map { row($0, $0.street) },
                "total": row(comparison.total, words["compare_total"]),
                "chart": chart.svg,
            ])
        }
    }
}
