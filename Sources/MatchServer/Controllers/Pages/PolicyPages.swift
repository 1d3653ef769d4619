import Foundation
import Hummingbird
import Matcher

/// The policy as a form (weights, distances, kind rules, coverage, org_spread), with the
/// YAML it makes shown for those who want it. Saving checks it as the API does: the form
/// comes back with every problem, or the policy is stored.
struct PolicyPages {
    let office: Office

    func register(_ routes: RouteRegistry) {
        routes.on(.pagePolicy) { request, context, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let id = try context.parameters.require("id", as: Int64.self)
            let dimensions = try await dimensions(id)
            let stored = try await office.store.fileContent(round: id, role: "policy")
            let policy = stored.flatMap { try? RoundPairing.checkPolicy(RoundPairing.File(name: "policy.yaml", bytes: $0)) } ?? Policy()
            let yaml = stored.map { String(decoding: $0, as: UTF8.self) } ?? ""
            return try await form(page, id, values: PolicyForm.fields(policy, dimensions: dimensions), dimensions: dimensions,
                                  yaml: yaml, problems: [])
        }
        routes.on(.pagePolicySubmit) { request, context, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let id = try context.parameters.require("id", as: Int64.self)
            let sent = context.form ?? .empty
            let dimensions = try await dimensions(id)
            let yaml = PolicyForm.yaml(sent, dimensions: dimensions)
            let inputs = RoundInputController(office: office)
            try await inputs.requireChangeable(id)
            do {
                let stored = try await inputs.storePolicy(
                    round: id, RoundPairing.File(name: "policy.yaml", bytes: Array(yaml.utf8)), by: caller?.name ?? "")
                return page.redirect("/rounds/\(id)?stored=policy", detail: stored.detail)
            } catch APIError.problems(let problems) {
                var values: [String: String] = [:]
                for field in sent.fields { values[field.name] = field.value }
                var reply = try await form(page, id, values: values, dimensions: dimensions, yaml: yaml, problems: problems,
                                           status: .unprocessableContent)
                reply.detail = "policy.yaml: \(problems.count) problems"
                return reply
            }
        }
    }

    /// The need dimensions of the round's households file (the six standard ones without it).
    private func dimensions(_ id: Int64) async throws -> [String] {
        guard let bytes = try await office.store.fileContent(round: id, role: "households"),
              let roll = try? RoundPairing.checkHouseholds(RoundPairing.File(name: "households.csv", bytes: bytes))
        else { return NeedDimensions.standard }
        return roll.dimensions.names
    }

    private func form(
        _ page: WebPage, _ id: Int64, values: [String: String], dimensions: [String], yaml: String,
        problems: [InputProblem], status: HTTPResponse.Status = .ok
    ) async throws -> Reply {
        let view = try await office.roundView(id)
        let words = page.words
        func options(_ choices: [String], selected: String?, label: (String) -> String) -> [[String: Any]] {
            choices.map { ["value": $0, "label": label($0), "selected": $0 == (selected ?? "")] }
        }
        let distanceLabel = { (v: String) in v.isEmpty ? words["policy_same_as_general"] : words["distance_\(v)"] }
        let data: [String: Any] = [
            "round": view.data(page, current: "tab_policy"),
            "editable": view.changeable,
            "weights": dimensions.map {
                ["name": "weight_" + $0, "label": words.table["need_" + $0] ?? $0, "value": values["weight_" + $0] ?? "1"]
            },
            "distance_penalty": values["distance_penalty"] ?? "1",
            "unpaired_base": values["unpaired_base"] ?? "10",
            "keep_bonus": values["keep_bonus"] ?? "2",
            "max_distance_options": options(["0", "1", "2"], selected: values["max_distance"] ?? "2", label: distanceLabel),
            "kinds": HelperKind.allCases.map { kind -> [String: Any] in
                let key = "kind_\(kind.english)"
                return [
                    "label": words["kind_" + kind.english], "min_name": key + "_min_severity", "max_name": key + "_max_distance",
                    "min_options": options(["1", "2", "3", "4", "5"], selected: values[key + "_min_severity"] ?? "1") { $0 },
                    "max_options": options(["", "0", "1", "2"], selected: values[key + "_max_distance"], label: distanceLabel),
                ]
            },
            "coverage": (0..<PolicyForm.coverageRows).map { i -> [String: Any] in
                [
                    "level_name": "coverage_\(i)_level", "percent_name": "coverage_\(i)_percent",
                    "percent": values["coverage_\(i)_percent"] ?? "",
                    "level_options": options(PolicyForm.levels, selected: values["coverage_\(i)_level"]) {
                        $0.isEmpty ? words["coverage_none"] : words["level_" + $0]
                    },
                ]
            },
            "org_spread": values["org_spread"] ?? "",
            "yaml": yaml.isEmpty ? words["policy_default_yaml"] : yaml,
            "has_problems": !problems.isEmpty,
            "problems": problems.map { ProblemWords.row($0, words) },
        ]
        return page.reply("policy", title: words["policy_title"], data, status: status)
    }
}
