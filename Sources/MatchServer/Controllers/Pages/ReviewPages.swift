import Foundation
import Hummingbird
import Matcher

/// The plan reviewed within the caller's scope (or a place of it, `?place=`): the headline
/// numbers with the proof of optimality, the charts (coverage by street and community,
/// unmet need, pairs by kind, distance mix), and each street's lists to download or print.
struct ReviewPages {
    let office: Office

    func register(_ routes: RouteRegistry) {
        routes.on(.pageReview) { request, context, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let id = try context.parameters.require("id", as: Int64.self)
            guard let caller else { throw APIError.unauthorized("sign in first") }
            let scope = try PlaceScope.asked(in: request, by: caller)
            return try await review(page, id, scope: scope)
        }
        routes.on(.pagePrint) { request, context, caller in
            let page = WebPage(request, caller, renderer: office.pages)
            let id = try context.parameters.require("id", as: Int64.self)
            guard let caller else { throw APIError.unauthorized("sign in first") }
            let scope = try PlaceScope.asked(in: request, by: caller)
            return try await printable(page, id, scope: scope)
        }
    }

    private func review(_ page: WebPage, _ id: Int64, scope: PlaceScope) async throws -> Reply {
        let view = try await office.roundView(id)
        let words = page.words
        guard let summary = try await office.store.summary(round: id, scope: scope) else {
            throw APIError(RoundRefusal.notSolved(id))
        }
        let figures = try await office.store.planFigures(round: id, scope: scope)
        let percent = { (x: Double) in String(format: "%.1f%%", x * 100) }
        let streetChart = BarChart(
            bars: figures.streets.map { .init(label: $0.name, value: $0.coverage, figure: percent($0.coverage)) },
            scale: 1, title: words["chart_coverage_street"])
        let lowest = figures.communities.prefix(15)
        let communityChart = BarChart(
            bars: lowest.map { .init(label: $0.name, value: $0.coverage, figure: percent($0.coverage), warn: $0.coverage < 0.8) },
            scale: 1, title: words["chart_coverage_community"])
        let unmetMax = Double(figures.unmetNeed.map(\.total).max() ?? 0)
        let unmetChart = BarChart(
            bars: figures.unmetNeed.map { .init(label: words.table["need_" + $0.dimension] ?? $0.dimension, value: Double($0.total), figure: String($0.total)) },
            scale: unmetMax, title: words["chart_unmet"])
        let kindMax = Double(figures.pairsByKind.map(\.pairs).max() ?? 0)
        let kindChart = BarChart(
            bars: figures.pairsByKind.map { .init(label: words.table["kind_" + $0.kind] ?? $0.kind, value: Double($0.pairs), figure: String($0.pairs)) },
            scale: kindMax, title: words["chart_kinds"])
        let totalPairs = max(1, figures.pairsByDistance.reduce(0, +))
        let distanceChart = BarChart(
            bars: figures.pairsByDistance.enumerated().map { level, n in
                .init(label: words["distance_\(level)"], value: Double(n) / Double(totalPairs),
                      figure: "\(n) · " + percent(Double(n) / Double(totalPairs)))
            },
            scale: 1, title: words["chart_distance"])
        let round = "/api/rounds/\(id)/"
        let streets = figures.streets.map { street -> [String: Any] in
            let place = WebPage.escape(street.path)
            return [
                "name": street.name, "path": street.path, "households": street.households, "paired": street.paired,
                "coverage": percent(street.coverage),
                "pairs_xlsx": round + "pairs.xlsx?place=" + place, "pairs_csv": round + "pairs.csv?place=" + place,
                "public_xlsx": round + "public.xlsx?place=" + place,
                "print": "/rounds/\(id)/print?place=" + place,
                "review": "/rounds/\(id)/review?place=" + place,
            ]
        }
        let data: [String: Any] = [
            "round": view.data(page, current: "tab_review"),
            "scope_label": scope == .city ? words["scope_city"] : scope.description,
            "summary": RoundPages.headline(summary, words),
            "solver": summary.solver,
            "charts": [
                ["title": words["chart_coverage_street"], "svg": streetChart.svg],
                ["title": words["chart_coverage_community"], "svg": communityChart.svg, "note": words["chart_coverage_community_note"]],
                ["title": words["chart_unmet"], "svg": unmetChart.svg, "note": words["chart_unmet_note"]],
                ["title": words["chart_kinds"], "svg": kindChart.svg],
                ["title": words["chart_distance"], "svg": distanceChart.svg],
            ] as [[String: Any]],
            "streets": streets,
            "downloads": [
                ["label": words["download_pairs_xlsx"], "href": round + "pairs.xlsx"],
                ["label": words["download_pairs_csv"], "href": round + "pairs.csv"],
                ["label": words["download_unpaired_xlsx"], "href": round + "unpaired.xlsx"],
                ["label": words["download_public_xlsx"], "href": round + "public.xlsx"],
                ["label": words["download_public_csv"], "href": round + "public.csv"],
            ],
            "print_all": "/rounds/\(id)/print",
        ]
        return page.reply("review", title: words["review_title"] + " · " + view.detail.listing.name, data)
    }

    /// The public notice list of a place, as a page to print (masked names, no identity numbers).
    private func printable(_ page: WebPage, _ id: Int64, scope: PlaceScope) async throws -> Reply {
        let view = try await office.roundView(id)
        let words = page.words
        let list = try await office.store.list(round: id, .public, scope: scope)
        var text = list.header + [0x0D, 0x0A]
        for row in list.rows { text += row.line + [0x0D, 0x0A] }
        let records = CSVRecords(utf8: text, file: "public").records
        let rows = records.dropFirst().map { record -> [String: Any] in
            var cells = record.fields
            if cells.count == 6 { cells[5] = words.table["kind_" + cells[5]] ?? cells[5] }
            return ["cells": cells]
        }
        let data: [String: Any] = [
            "round": view.data(page, current: "tab_review"),
            "place": scope == .city ? words["scope_city"] : scope.description,
            "columns": ["print_household", "level_district", "level_street", "level_community", "print_helper", "print_kind"].map { words[$0] },
            "rows": rows, "count": rows.count,
        ]
        return page.reply("print", title: words["print_title"], data)
    }
}
