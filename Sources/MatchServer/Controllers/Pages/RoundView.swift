import Foundation

/// The parts of a round every round page shows: its name and status, and the tabs of the
/// round's steps (which of them the caller may open).
struct RoundView {
    let detail: RoundDetail

    var id: Int64 { detail.listing.id }
    var status: String { detail.listing.status }
    var hasPlan: Bool { status == "solved" || status == "published" }
    var changeable: Bool { status == "draft" || status == "solved" }
    func hasFile(_ role: String) -> Bool { detail.files.contains { $0.role == role } }

    /// `round` for the templates: id, name, status and its label, and the tabs.
    func data(_ page: WebPage, current: String) -> [String: Any] {
        let words = page.words
        let admin = page.caller?.role == .admin
        var tabs: [(key: String, href: String, shown: Bool)] = [
            ("tab_steps", "/rounds/\(id)", true),
            ("tab_policy", "/rounds/\(id)/policy", admin),
            ("tab_review", "/rounds/\(id)/review", hasPlan),
            ("tab_pairs", "/rounds/\(id)/pairs", hasPlan),
            ("tab_changes", "/rounds/\(id)/changes", true),
            ("tab_whatif", "/rounds/\(id)/whatif", status == "solved" && page.caller?.role != .viewer),
            ("tab_compare", "/rounds/\(id)/compare", hasPlan && detail.listing.previous != nil),
            ("tab_publish", "/rounds/\(id)/publish", admin && hasPlan),
        ]
        tabs = tabs.filter(\.shown)
        return [
            "id": id, "name": detail.listing.name, "status": status,
            "status_label": words["status_\(status)"], "published": status == "published",
            "tabs": tabs.map { ["label": words[$0.key], "href": $0.href, "current": $0.key == current] },
        ]
    }
}

extension Office {
    func roundView(_ id: Int64) async throws -> RoundView {
        RoundView(detail: try await store.round(id))
    }
}
