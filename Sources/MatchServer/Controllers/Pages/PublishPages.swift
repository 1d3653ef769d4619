import Foundation
import Hummingbird

/// Publishing: a page that says what publishing means and asks to confirm; then the round
/// is read-only and its lists are the public record.
struct PublishPages {
    let office: Office

    func register(_ routes: RouteRegistry) {
        routes.on(.pagePublish) { request, context, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let id = try context.parameters.require("id", as: Int64.self)
            let view = try await office.roundView(id)
            guard let summary = try await office.store.summary(round: id, scope: .city) else {
                throw APIError(RoundRefusal.notSolved(id))
            }
            return page.reply("publish", title: page.words["publish_title"], [
                "round": view.data(page, current: "tab_publish"),
                "summary": RoundPages.headline(summary, page.words),
                "already": view.status == "published",
                "published_at": view.detail.publishedAt ?? "",
            ])
        }
        routes.on(.pagePublishSubmit) { request, context, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let id = try context.parameters.require("id", as: Int64.self)
            guard context.form?["confirm"] == "yes" else { return page.redirect("/rounds/\(id)/publish") }
            try await office.store.publish(round: id)
            return page.redirect("/rounds/\(id)/review", detail: "published")
        }
    }
}
