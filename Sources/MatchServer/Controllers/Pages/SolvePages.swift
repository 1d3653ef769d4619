import Foundation
import Hummingbird

/// Solving from the browser: the button queues the solve, and the progress page follows
/// it (a small script polls the round's progress: elapsed, stage, best plan, bound, gap) and can cancel it until the plan is there or the solve failed.
struct SolvePages {
    let office: Office

    func register(_ routes: RouteRegistry) {
        routes.on(.pageSolve) { request, context, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let id = try context.parameters.require("id", as: Int64.self)
            try await office.solver.start(round: id, by: caller?.name ?? "")
            return page.redirect("/rounds/\(id)/progress", detail: "solve queued")
        }
        routes.on(.pageCancel) { request, context, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let id = try context.parameters.require("id", as: Int64.self)
            guard let caller else { throw APIError.unauthorized("sign in first") }
            try await office.operations.cancelSolve(round: id, caller: caller)
            return page.redirect("/rounds/\(id)", detail: "solve cancelled")
        }
        routes.on(.pageProgress) { request, context, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let id = try context.parameters.require("id", as: Int64.self)
            let view = try await office.roundView(id)
            return page.reply("progress", title: page.words["progress_title"], [
                "round": view.data(page, current: "tab_steps"),
                "poll": "/api/rounds/\(id)/progress",
                "can_cancel": caller?.role == .admin && view.status == "solving",
                "done_url": "/rounds/\(id)/review", "failed_url": "/rounds/\(id)",
                "solving": view.status == "solving",
            ])
        }
    }
}
