import Foundation
import Hummingbird
import Matcher

/// What-if in the browser: a helper withdraws, a capacity changes, households leave or join;
/// the preview shows the difference (kept, moved with reasons, newly paired or unpaired,
/// coverage and cost before → after) before anything is applied; then apply or discard.
struct WhatIfPages {
    let office: Office

    func register(_ routes: RouteRegistry) {
        routes.on(.pageWhatIf) { request, context, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let id = try context.parameters.require("id", as: Int64.self)
            let view = try await office.roundView(id)
            return page.reply("whatif", title: page.words["whatif_title"], [
                "round": view.data(page, current: "tab_whatif"),
                "can_ask": caller?.role != .viewer && view.status == "solved",
                "not_solved": view.status != "solved",
            ])
        }
        routes.on(.pageWhatIfPreview) { request, context, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let id = try context.parameters.require("id", as: Int64.self)
            guard let caller else { throw APIError.unauthorized("sign in first") }
            let form = context.form ?? .empty
            let asked = try Self.request(form)
            if asked.isEmpty { throw APIError.unprocessable("the what-if changes nothing; name a helper, a household or a capacity") }
            try await office.operations.requireWhatIfScope(round: id, asked, caller: caller)
            let preview = try await office.operations.previewWhatIf(
                round: id, request: asked, caller: caller, language: page.language.presentation, limit: 300)
            var reply = try await show(page, id, preview, asked: form)
            reply.detail = "what-if \(preview.id): " + preview.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return reply
        }
        routes.on(.pageWhatIfApply) { request, context, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let id = try context.parameters.require("id", as: Int64.self)
            let preview = try context.parameters.require("preview", as: Int64.self)
            guard let caller else { throw APIError.unauthorized("sign in first") }
            let changes = try await office.operations.applyWhatIf(round: id, preview: preview, caller: caller)
            return page.redirect("/rounds/\(id)/changes", detail: "what-if \(preview) applied: \(changes.moved) moved")
        }
        routes.on(.pageWhatIfDiscard) { request, context, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let id = try context.parameters.require("id", as: Int64.self)
            let preview = try context.parameters.require("preview", as: Int64.self)
            guard let caller else { throw APIError.unauthorized("sign in first") }
            try await office.operations.discardWhatIf(round: id, preview: preview, caller: caller)
            return page.redirect("/rounds/\(id)/whatif", detail: "what-if \(preview) discarded")
        }
    }

    /// The form's changes: ids separated by spaces, commas or lines; capacities as `ID=N`
    /// lines; an optional households file (administrators) of households joining.
    static func request(_ form: FormBody) throws -> WhatIfRequest {
        func ids(_ name: String) -> [String] {
            (form[name] ?? "").split(whereSeparator: { " ,，;\n\r\t".contains($0) }).map(String.init)
        }
        var request = WhatIfRequest()
        request.removeHelpers = ids("remove_helpers")
        request.removeHouseholds = ids("remove_households")
        for item in ids("capacity") {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let n = Int(parts[1]), n >= 0 else {
                throw APIError.unprocessable("a capacity change is written ID=NUMBER, e.g. G000123=2; not \(item)")
            }
            request.capacity.append(.init(helperId: parts[0], capacity: n))
        }
        if let file = form.files["households_file"], !file.bytes.isEmpty {
            request.householdsCSV = String(decoding: file.bytes, as: UTF8.self)
        }
        return request
    }

    private func show(_ page: WebPage, _ id: Int64, _ preview: WhatIfPreview, asked: FormBody) async throws -> Reply {
        let view = try await office.roundView(id)
        let words = page.words
        let share = { (paired: Int, households: Int) in
            households == 0 ? "—" : String(format: "%.1f%%", Double(paired) / Double(households) * 100)
        }
        let figures = { (f: WhatIfPreview.Figures) -> [String: Any] in
            ["pairs": f.pairs, "unpaired": f.unpaired, "cost": f.planCost, "unmet": f.unmetNeed,
             "coverage": share(f.pairs, f.pairs + f.unpaired)]
        }
        let streets = preview.streets.filter { $0.pairedBefore != $0.pairedAfter || $0.householdsBefore != $0.householdsAfter }
        return page.reply("whatif", title: words["whatif_title"], [
            "round": view.data(page, current: "tab_whatif"),
            "can_ask": true,
            "remove_helpers": asked["remove_helpers"] ?? "", "remove_households": asked["remove_households"] ?? "",
            "capacity": asked["capacity"] ?? "",
            "preview": [
                "id": preview.id,
                "counts": ["kept", "moved", "newly_paired", "newly_unpaired", "left_roll"].map {
                    ["label": words["whatif_" + $0], "n": preview.counts[$0] ?? 0]
                },
                "before": figures(preview.before), "after": figures(preview.after),
                "has_streets": !streets.isEmpty,
                "streets": streets.map {
                    ["name": $0.street, "before": share($0.pairedBefore, $0.householdsBefore),
                     "after": share($0.pairedAfter, $0.householdsAfter),
                     "paired": "\($0.pairedBefore) → \($0.pairedAfter)"]
                },
                "entries": preview.entries.map {
                    ["household_id": $0.householdId, "name": $0.name, "change": words["whatif_" + $0.change],
                     "from": $0.fromHelperId ?? "—", "to": $0.toHelperId ?? "—", "reason": $0.reasonWords]
                },
                "has_entries": !preview.entries.isEmpty,
                "can_apply": page.caller?.role == .admin,
            ] as [String: Any],
        ])
    }
}
