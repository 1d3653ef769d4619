import Foundation
import Hummingbird

/// The audit log for administrators: newest first, filtered by user, action, round and
/// refusals, 100 entries a page.
struct AuditPage {
    let office: Office
    static let pageSize = 100

    func register(_ routes: RouteRegistry) {
        routes.on(.pageAudit) { request, _, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let query = request.uri.queryParameters
            let text = { (key: String) -> String? in query[Substring(key)].map(String.init).flatMap { $0.isEmpty ? nil : $0 } }
            let filter = AuditFilter(
                user: text("user"), action: text("action"), round: text("round").flatMap { Int64($0) },
                refusalsOnly: text("refusals") == "1")
            let before = text("before").flatMap { Int64($0) }
            let entries = try await office.store.auditEntries(filter, limit: Self.pageSize, before: before)
            let choices = try await office.store.auditChoices()
            let words = page.words
            let option = { (value: String, label: String, selected: String?) -> [String: Any] in
                ["value": value, "label": label, "selected": value == (selected ?? "")]
            }
            var more = request.uri.queryParameters.filter { $0.key != "before" && $0.key != "lang" }
                .map { WebPage.escape(String($0.key)) + "=" + WebPage.escape(String($0.value)) }
            if let last = entries.last?.id { more.append("before=\(last)") }
            return page.reply("audit", title: words["audit_title"], [
                "entries": entries.map { entry -> [String: Any] in
                    [
                        "at": entry.at, "user": entry.user ?? "—", "role": entry.role.map { words.table["role_" + $0] ?? $0 } ?? "",
                        "address": entry.address, "action": words.table["action_" + entry.action] ?? entry.action,
                        "round": entry.round.map(String.init) ?? "", "status": entry.status, "refused": entry.status >= 400,
                        "detail": entry.detail,
                    ]
                },
                "users": [option("", words["audit_everyone"], filter.user)] + choices.users.map { option($0, $0, filter.user) },
                "actions": [option("", words["audit_every_action"], filter.action)]
                    + choices.actions.map { option($0, words.table["action_" + $0] ?? $0, filter.action) },
                "round_filter": filter.round.map(String.init) ?? "",
                "refusals": filter.refusalsOnly,
                "has_more": entries.count == Self.pageSize,
                "more_url": "/audit?" + more.joined(separator: "&"),
                "empty": entries.isEmpty,
            ])
        }
    }
}
