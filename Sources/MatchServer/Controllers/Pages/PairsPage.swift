import Foundation
import Hummingbird
import Matcher

/// The pair list: every household of the caller's scope, paired or not, with search (name,
/// id, place, helper), filters (street, kind, status, unmet need), order and paging, from
/// the round operations' ``RoundOperations/pairList(round:caller:query:language:)``.
struct PairsPage {
    let office: Office
    static let pageSize = 50

    func register(_ routes: RouteRegistry) {
        routes.on(.pagePairs) { request, context, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let id = try context.parameters.require("id", as: Int64.self)
            guard let caller else { throw APIError.unauthorized("sign in first") }
            let asked = Asked(request)
            let query = try asked.query()
            let result = try await office.operations.pairList(
                round: id, caller: caller, query: query, language: page.language.presentation)
            let view = try await office.roundView(id)
            let words = page.words
            let pages = max(1, (result.total + result.pageSize - 1) / result.pageSize)
            let option = { (value: String, label: String, selected: String) -> [String: Any] in
                ["value": value, "label": label, "selected": value == selected]
            }
            let streets = try await office.store.streets(round: id, scope: caller.scope)
            var data: [String: Any] = [
                "round": view.data(page, current: "tab_pairs"),
                "q": asked.search, "total": result.total,
                "count_text": words("pairs_count", ["n": result.total, "page": result.page, "pages": pages]),
                "rows": result.rows.map { row -> [String: Any] in
                    [
                        "household_id": row.householdId, "name": row.name,
                        "place": row.street + " · " + row.community, "severity": row.severity,
                        "helper": row.helperName.map { words("name_with_id", ["name": $0, "id": row.helperId ?? ""]) } ?? (row.reasonWords ?? ""),
                        "kind": row.kindWords ?? "", "distance": row.distanceWords ?? "",
                        "status": row.status, "status_words": row.statusWords, "unmet": row.unmetWords,
                        "cost": row.cost, "locked": row.locked,
                        "href": "/rounds/\(id)/households/" + WebPage.escape(row.householdId),
                    ]
                },
                "places": [option("", words["filter_all_places"], asked.place)] + streets.map { option($0, $0, asked.place) },
                "kinds": [option("", words["filter_all_kinds"], asked.kind)]
                    + HelperKind.allCases.map { option($0.english, words["kind_" + $0.english], asked.kind) },
                "statuses": [option("", words["filter_all_statuses"], asked.status)]
                    + ["kept", "moved", "new", "unpaired"].map { option($0, words["pair_status_" + $0], asked.status) },
                "unmet_options": [option("", words["filter_unmet_any"], asked.unmet), option("1", words["filter_unmet_yes"], asked.unmet),
                                  option("0", words["filter_unmet_no"], asked.unmet)],
                "sorts": PairListQuery.Sort.allCases.map { option($0.rawValue, words["sort_" + $0.rawValue], asked.sort) },
                "descending": asked.descending,
            ]
            // Only the links there are (an empty string would count as true in a section).
            if result.page > 1 { data["previous_url"] = asked.url(id, page: result.page - 1) }
            if result.page < pages { data["next_url"] = asked.url(id, page: result.page + 1) }
            return page.reply("pairs", title: words["pairs_title"], data)
        }
    }

    /// What the filter form asked for, as sent (for the form and the paging links).
    struct Asked {
        var search = "", place = "", kind = "", status = "", unmet = "", sort = "place"
        var descending = false
        var page = 1

        init(_ request: Request) {
            let q = request.uri.queryParameters
            func text(_ key: String) -> String { q[Substring(key)].map { String($0).trimmingCharacters(in: .whitespaces) } ?? "" }
            search = text("q"); place = text("place"); kind = text("kind"); status = text("status"); unmet = text("unmet")
            if !text("sort").isEmpty { sort = text("sort") }
            descending = text("desc") == "1"
            page = max(1, Int(text("page")) ?? 1)
        }

        func query() throws -> PairListQuery {
            var query = PairListQuery()
            query.search = search.isEmpty ? nil : search
            if !place.isEmpty {
                guard let scope = PlaceScope(parsing: place) else { throw APIError.badRequest("place must be DISTRICT or DISTRICT/STREET") }
                query.place = scope
            }
            query.helperKind = HelperKind(name: kind)
            query.status = PairStatus(rawValue: status)
            query.unmetNeed = unmet == "1" ? true : unmet == "0" ? false : nil
            query.sort = PairListQuery.Sort(rawValue: sort) ?? .place
            query.descending = descending
            query.page = page
            query.pageSize = PairsPage.pageSize
            return query
        }

        func url(_ id: Int64, page: Int) -> String {
            let parts = [("q", search), ("place", place), ("kind", kind), ("status", status), ("unmet", unmet), ("sort", sort),
                         ("desc", descending ? "1" : "")]
                .filter { !$0.1.isEmpty }.map { $0.0 + "=" + WebPage.escape($0.1) }
            return "/rounds/\(id)/pairs?" + (parts + ["page=\(page)"]).joined(separator: "&")
        }
    }
}
