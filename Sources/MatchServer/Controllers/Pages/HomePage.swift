import Foundation
import Hummingbird

/// The home page: the rounds with their status and what to do next, for the caller's role;
/// administrators start a new round here.
struct HomePage {
    let office: Office

    func register(_ routes: RouteRegistry) {
        let renderer = office.pages, store = office.store
        routes.on(.pageHome) { request, _, caller in
            let page = WebPage(request, caller, renderer: renderer)
            var rounds: [[String: Any]] = []
            var published: [[String: Any]] = []
            for listing in try await store.rounds().reversed() {
                let view = try await office.roundView(listing.id)
                rounds.append([
                    "id": listing.id, "name": listing.name, "status": listing.status,
                    "status_label": page.words["status_\(listing.status)"],
                    "next": Self.nextStep(view, role: caller?.role ?? .viewer, page.words),
                ])
                if listing.status == "published" { published.append(["id": listing.id, "name": listing.name]) }
            }
            return page.reply(
                "home", title: page.words["home_title"],
                ["rounds": rounds, "has_rounds": !rounds.isEmpty, "published_rounds": published,
                 "has_published": !published.isEmpty,
                 "role_hint": page.words["home_hint_\(caller?.role.rawValue ?? "viewer")"]])
        }
        routes.on(.pageCreateRound) { request, context, caller in
            let page = WebPage(request, caller, renderer: renderer)
            let form = context.form ?? .empty
            guard let name = form["name"], name.count <= 200 else {
                throw APIError.unprocessable("a round needs a name of 1 to 200 characters")
            }
            let previous = form["previous"].flatMap { Int64($0) }
            let round = try await store.createRound(name: name, previous: previous, by: caller?.name ?? "")
            return page.redirect("/rounds/\(round.id)", detail: "round \(round.id)" + (previous.map { ", previous \($0)" } ?? ""))
        }
    }

    /// What the caller does next with a round, in words.
    static func nextStep(_ view: RoundView, role: Role, _ words: PageWords) -> String {
        switch (view.status, role) {
        case ("draft", .admin):
            if !view.hasFile("households") || !view.hasFile("helpers") { return words["next_upload"] }
            return view.detail.error == nil ? words["next_solve"] : words["next_solve_again"]
        case ("draft", _): return words["next_wait_plan"]
        case ("solving", _): return words["next_solving"]
        case ("solved", .admin): return words["next_review_publish"]
        case ("solved", .clerk): return words["next_review_edit"]
        case ("solved", _): return words["next_review"]
        default: return words["next_download"]
        }
    }
}
