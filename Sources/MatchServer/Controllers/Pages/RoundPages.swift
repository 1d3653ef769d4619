import Foundation
import Hummingbird
import Matcher

/// A round step by step: its files (upload households and helpers, their problems listed
/// per file, row and column, nothing kept until clean), the policy, solving, and the
/// links to review, publish and download.
struct RoundPages {
    let office: Office

    func register(_ routes: RouteRegistry) {
        let renderer = office.pages
        routes.on(.pageRound) { request, context, caller in
            let page = WebPage(request, caller, renderer: renderer)
            let id = try context.parameters.require("id", as: Int64.self)
            return try await steps(page, id)
        }
        routes.on(.pageUploadHouseholds) { request, context, caller in
            try await upload("households", request, context, caller)
        }
        routes.on(.pageUploadHelpers) { request, context, caller in
            try await upload("helpers", request, context, caller)
        }
    }

    /// A file sent by the form: stored when clean (back to the steps), or the steps page
    /// again with every problem (422), the round keeping what it had.
    private func upload(_ role: String, _ request: Request, _ context: OfficeRequestContext, _ caller: Caller?)
        async throws -> Reply
    {
        let page = WebPage(request, caller, renderer: office.pages)
        let id = try context.parameters.require("id", as: Int64.self)
        let inputs = RoundInputController(office: office)
        try await inputs.requireChangeable(id)
        guard let sent = context.form?.files["file"], !sent.bytes.isEmpty else {
            return try await steps(page, id, problems: [InputProblem(file: role + ".csv", .emptyFile)], failedFile: role,
                                   status: .unprocessableContent, detail: "no file chosen")
        }
        let name = sent.filename.lowercased().hasSuffix(".xlsx") ? role + ".xlsx" : role + ".csv"
        do {
            let file = try RoundInputController.file(sent.bytes, name: name)
            let stored = role == "households"
                ? try await inputs.storeHouseholds(round: id, file, by: caller?.name ?? "")
                : try await inputs.storeHelpers(round: id, file, by: caller?.name ?? "")
            return page.redirect("/rounds/\(id)?stored=\(role)", detail: stored.detail)
        } catch APIError.problems(let problems) {
            return try await steps(page, id, problems: problems, failedFile: role, status: .unprocessableContent,
                                   detail: "\(name): \(problems.count) problems")
        }
    }

    private func steps(
        _ page: WebPage, _ id: Int64, problems: [InputProblem] = [], failedFile: String? = nil,
        status: HTTPResponse.Status = .ok, detail: String = ""
    ) async throws -> Reply {
        let view = try await office.roundView(id)
        let words = page.words
        let admin = page.caller?.role == .admin
        let files = ["households", "helpers"].map { role -> [String: Any] in
            let stored = view.detail.files.first { $0.role == role }
            var item: [String: Any] = ["role": role, "label": words["file_\(role)"], "present": stored != nil]
            if let stored {
                item["rows"] = stored.rows
                item["uploaded_at"] = stored.uploadedAt
                item["uploaded_by"] = stored.uploadedBy
                item["sha"] = String(stored.sha256.prefix(12))
            }
            item["failed"] = failedFile == role
            return item
        }
        var data: [String: Any] = [
            "round": view.data(page, current: "tab_steps"),
            "files": files,
            "can_upload": admin && view.changeable,
            "has_problems": !problems.isEmpty,
            "problems": problems.prefix(500).map { ProblemWords.row($0, words) },
            "problem_count": words("upload_problem_count", ["n": problems.count, "file": words["file_\(failedFile ?? "households")"]]),
            "problems_truncated": problems.count > 500,
            "files_ready": view.hasFile("households") && view.hasFile("helpers"),
            "can_solve": admin && view.changeable && view.hasFile("households") && view.hasFile("helpers"),
            "solving": view.status == "solving",
            "has_plan": view.hasPlan,
            "error": view.detail.error.map { Self.solveError($0, words) } ?? "",
            "has_error": view.detail.error != nil,
            "policy_set": view.hasFile("policy"),
            "locks": view.detail.locks, "forbids": view.detail.forbids,
            "is_published": view.status == "published",
            "can_publish": admin && view.status == "solved",
        ]
        data["previous"] = view.detail.listing.previous.map { words("round_previous", ["id": $0]) }
        if let caller = page.caller, view.hasFile("households"), view.hasFile("helpers") {
            data["profile"] = Self.profile(
                try await office.operations.profile(round: id, caller: caller, language: page.language.presentation), words)
        }
        if let summary = try await office.store.summary(round: id, scope: page.caller?.scope ?? .city) {
            data["summary"] = Self.headline(summary, words)
        }
        return page.reply("round", title: view.detail.listing.name, data, status: status, detail: detail)
    }

    /// The roll before solving: households and places against them, by street, by kind of
    /// helper, and need against offer per kind of need.
    static func profile(_ profile: RoundProfileView, _ words: PageWords) -> [String: Any] {
        let largest = Double(profile.householdsByStreet.map(\.households).max() ?? 0)
        let streets = BarChart(
            bars: profile.householdsByStreet.map { .init(label: $0.street, value: Double($0.households), figure: String($0.households)) },
            scale: largest, title: words["profile_by_street"])
        return [
            "households": profile.households, "helpers": profile.helpers, "capacity": profile.capacity,
            "spare": profile.spare, "short": profile.spare < 0,
            "spare_text": profile.spare >= 0 ? words("profile_spare", ["n": profile.spare]) : words("profile_short", ["n": -profile.spare]),
            "streets_chart": streets.svg,
            "kinds": profile.helpersByKind.map {
                ["kind": words.table["kind_" + $0.kind] ?? $0.words, "helpers": $0.helpers, "capacity": $0.capacity]
            },
            "needs": profile.needAgainstOffer.map {
                ["need": words.table["need_" + $0.dimension] ?? $0.words, "households": $0.householdsInNeed, "need_levels": $0.needLevels,
                 "helpers": $0.helpersOffering, "places": $0.placesOffering, "offer_levels": $0.offerLevels]
            },
        ]
    }

    /// A solve's failure as stored (the library's text), with the common ones in the page's words.
    static func solveError(_ text: String, _ words: PageWords) -> String {
        if text.hasPrefix("the server stopped during the solve") { return words["solve_error_interrupted"] }
        return text
    }

    /// The plan's headline numbers within the caller's scope.
    static func headline(_ summary: ScopedSummary, _ words: PageWords) -> [String: Any] {
        let scope = summary.scope
        let coverage = scope.households == 0 ? 0 : Double(scope.pairs) / Double(scope.households)
        return [
            "households": scope.households, "pairs": scope.pairs, "unpaired": scope.unpaired,
            "coverage": String(format: "%.1f%%", coverage * 100), "cost": scope.cost,
            "objective": summary.objective, "bound": summary.bound,
            "gap": summary.gap == 0 ? "0" : String(format: "%.3f%%", summary.gap * 100),
            "optimal": summary.gap == 0,
            "proof": summary.gap == 0 ? words["proof_optimal"] : words("proof_gap", ["gap": String(format: "%.3f%%", summary.gap * 100)]),
            "seconds": String(format: "%.1f", summary.seconds), "solved_at": summary.solvedAt,
        ]
    }
}
