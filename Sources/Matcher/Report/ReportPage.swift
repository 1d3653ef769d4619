/// The report as one self-contained HTML page: headline numbers, then a chart and a table
/// for each view (coverage by street and by community, need by dimension, pairs by kind,
/// the distance mix). Charts are inline SVG (``SVGBarChart``); there is no script, no
/// external style, font or image, and a Content-Security-Policy that forbids loading any,
/// so the page opens the same offline, from a USB stick or an e-mail.
///
/// A page shows one plan, or two side by side (a what-if's baseline and result): every
/// chart then has a "before" and an "after" bar per row and every table a column per plan.
public enum ReportPage {
    /// Communities drawn in the chart when there are more (the table lists all).
    static let chartedCommunities = 30
    /// Streets drawn in the chart when there are more (the table lists all).
    static let chartedStreets = 60

    /// The page for one plan.
    public static func html(_ plan: ReportData, language: Presentation.Language = .en) -> String {
        let labels = ReportLabels(language)
        return page([plan], series: [labels.pairs], title: labels.title, labels: labels)
    }

    /// The page comparing two plans of the same roll, or of a roll and its what-if change
    /// (places, kinds and dimensions present in only one of them count as zero in the other).
    public static func comparison(
        before: ReportData, after: ReportData, language: Presentation.Language = .en
    ) -> String {
        let labels = ReportLabels(language)
        return page([before, after], series: [labels.before, labels.after], title: labels.comparisonTitle, labels: labels)
    }

    static func page(_ plans: [ReportData], series: [String], title: String, labels: ReportLabels) -> String {
        var body = "<h1>\(HTML.escape(title))</h1>\n"
        body += cards(plans, labels)
        body += headline(plans, series: series, labels)
        body += streets(plans, series: series, labels)
        body += communities(plans, series: series, labels)
        body += needs(plans, series: series, labels)
        body += kinds(plans, series: series, labels)
        body += distances(plans, series: series, labels)
        return """
            <!DOCTYPE html>
            <html lang="\(labels.htmlLanguage)">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title))</title>
            <style>\(style)</style>
            </head>
            <body>
            \(body)<footer>\(HTML.escape(labels.footer))</footer>
            </body>
            </html>

            """
    }

    static let style = """

        body { font-family: system-ui, "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
               margin: 24px auto; max-width: 800px; color: #222; padding: 0 12px; }
        h1 { font-size: 24px; margin: 0 0 16px; }
        h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; }
        .card { border: 1px solid #ccd; border-radius: 6px; padding: 8px 12px; min-width: 108px; }
        .card .value { font-size: 22px; font-weight: 600; }
        .card .label { font-size: 13px; color: #555; }
        table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
        th, td { border: 1px solid #ddd; padding: 3px 8px; }
        th { background: #f3f4f7; text-align: left; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        p.note { font-size: 13px; color: #555; }
        svg.chart { display: block; max-width: 100%; height: auto; font-family: inherit; }
        footer { margin-top: 32px; font-size: 12px; color: #777; }
        @media print { details { display: none; } h2 { break-after: avoid; } svg.chart, table { break-inside: avoid; } }

        """

    // MARK: headline

    static func cards(_ plans: [ReportData], _ l: ReportLabels) -> String {
        func card(_ label: String, _ values: [String]) -> String {
            "<div class=\"card\"><div class=\"value\">\(HTML.escape(values.joined(separator: " → ")))</div>"
                + "<div class=\"label\">\(HTML.escape(label))</div></div>\n"
        }
        var out = "<div class=\"cards\">\n"
        out += card(l.pairs, plans.map { HTML.count($0.pairs) })
        out += card(l.unpaired, plans.map { HTML.count($0.unpaired) })
        out += card(l.coverage, plans.map { HTML.percent($0.households == 0 ? 0 : Double($0.pairs) / Double($0.households)) })
        out += card(l.objective, plans.map { HTML.count($0.objective) })
        out += card(l.gap, plans.map { HTML.percent($0.gap) })
        return out + "</div>\n"
    }

    static func headline(_ plans: [ReportData], series: [String], _ l: ReportLabels) -> String {
        let two = plans.count > 1
        var rows: [[String]] = []
        func numbers(_ label: String, _ value: (ReportData) -> Int) {
            var row = [label] + plans.map { HTML.count(value($0)) }
            if two { row.append(HTML.change(value(plans[1]) - value(plans[0]))) }
            rows.append(row)
        }
        numbers(l.households, \.households)
        numbers(l.helpers, \.helpers)
        numbers(l.places, \.capacity)
        numbers(l.pairs, \.pairs)
        numbers(l.unpaired, \.unpaired)
        numbers(l.locked, \.locked)
        numbers(l.objective, \.objective)
        numbers(l.bound, \.bound)
        rows.append([l.gap] + plans.map { HTML.percent($0.gap) + " (" + ($0.provenOptimal ? l.proven : l.notProven) + ")" } + (two ? [""] : []))
        rows.append([l.source] + plans.map(\.source) + (two ? [""] : []))
        let header = two ? [""] + series + [l.change] : ["", ""]
        return "<h2>\(HTML.escape(l.headline))</h2>\n" + table(header: header, rows: rows, numeric: Set(1..<header.count))
    }

    // MARK: places

    /// Rows of several plans matched by place, in place-name order.
    static func merged(_ lists: [[ReportData.PlaceCoverage]]) -> [(key: [String], rows: [ReportData.PlaceCoverage?])] {
        var byKey: [[String]: [ReportData.PlaceCoverage?]] = [:]
        for (i, list) in lists.enumerated() {
            for row in list {
                byKey[row.key, default: Array(repeating: nil, count: lists.count)][i] = row
            }
        }
        return byKey.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { (key: $0.key, rows: $0.value) }
    }

    static func coverageText(_ row: ReportData.PlaceCoverage?) -> String {
        guard let row else { return "–" }
        return "\(HTML.percent(row.coverage)) (\(HTML.count(row.paired))/\(HTML.count(row.households)))"
    }

    static func placeSection(
        _ rows: [(key: [String], rows: [ReportData.PlaceCoverage?])], level: Int, charted: Int, heading: String,
        series: [String], _ l: ReportLabels
    ) -> String {
        let note = rows.count > charted ? l.lowest(charted, of: rows.count, level: level) : nil
        let districts = Set(rows.map { $0.key[0] })
        func label(_ key: [String]) -> String {
            (districts.count > 1 ? key[0...level] : key[1...level]).joined(separator: " ")
        }
        // The chart shows every place, or the lowest-covered ones (by the last plan) in that order.
        var shown = rows
        if rows.count > charted {
            shown = Array(rows.sorted { a, b in
                let ca = a.rows.last!?.coverage ?? 0, cb = b.rows.last!?.coverage ?? 0
                return ca != cb ? ca < cb : a.key.lexicographicallyPrecedes(b.key)
            }.prefix(charted))
        }
        let chart = SVGBarChart(
            bars: shown.map { r in
                SVGBarChart.Bar(label: label(r.key), values: r.rows.map { $0?.coverage ?? 0 }, texts: r.rows.map(coverageText))
            },
            series: series.count > 1 ? series : [], scaleMaximum: 1, caption: heading)
        var header = [l.district, l.street] + (level == 2 ? [l.community] : [])
        let two = series.count > 1
        for name in series {
            let suffix = two ? " (\(name))" : ""
            header += [l.households + suffix, l.paired + suffix, l.coverage + suffix]
        }
        let tableRows = rows.map { r in
            Array(r.key[0...level]) + r.rows.flatMap { row in
                [row.map { HTML.count($0.households) } ?? "–", row.map { HTML.count($0.paired) } ?? "–",
                 row.map { HTML.percent($0.coverage) } ?? "–"]
            }
        }
        var out = "<h2>\(HTML.escape(heading))</h2>\n"
        if let note { out += "<p class=\"note\">\(HTML.escape(note))</p>\n" }
        out += chart.svg + "\n"
        out += "<details><summary>\(HTML.escape(l.table))</summary>\n"
        out += table(header: header, rows: tableRows, numeric: Set((level + 1)..<header.count)) + "</details>\n"
        return out
    }

    static func streets(_ plans: [ReportData], series: [String], _ l: ReportLabels) -> String {
        let rows = merged(plans.map(\.streets))
        return placeSection(rows, level: 1, charted: chartedStreets, heading: l.coverageByStreet, series: series, l)
    }

    static func communities(_ plans: [ReportData], series: [String], _ l: ReportLabels) -> String {
        let rows = merged(plans.map(\.communities))
        return placeSection(rows, level: 2, charted: chartedCommunities, heading: l.coverageByCommunity, series: series, l)
    }

    // MARK: need, kinds, distance

    static func needs(_ plans: [ReportData], series: [String], _ l: ReportLabels) -> String {
        var names: [String] = []
        for p in plans { for n in p.needs where !names.contains(n.dimension) { names.append(n.dimension) } }
        func find(_ p: ReportData, _ name: String) -> ReportData.DimensionNeed {
            p.needs.first { $0.dimension == name } ?? .init(dimension: name, need: 0, unmet: 0)
        }
        let two = plans.count > 1
        // One plan: need and unmet side by side; two plans: unmet before and after.
        let bars = names.map { name -> SVGBarChart.Bar in
            let rows = plans.map { find($0, name) }
            let values = two ? rows.map { Double($0.unmet) } : [Double(rows[0].need), Double(rows[0].unmet)]
            return SVGBarChart.Bar(label: l.dimension(name), values: values, texts: values.map { HTML.count(Int($0)) })
        }
        let chart = SVGBarChart(
            bars: bars, series: two ? series.map { l.unmetSeries + " (" + $0 + ")" } : [l.needSeries, l.unmetSeries],
            scaleMaximum: nil, caption: l.needByDimension)
        var header = [l.dimension]
        for name in series { header += two ? [l.need + " (\(name))", l.unmet + " (\(name))"] : [l.need, l.unmet] }
        let rows = names.map { name in
            [l.dimension(name)] + plans.flatMap { p in [HTML.count(find(p, name).need), HTML.count(find(p, name).unmet)] }
        }
        return "<h2>\(HTML.escape(l.needByDimension))</h2>\n" + chart.svg + "\n"
            + table(header: header, rows: rows, numeric: Set(1..<header.count))
    }

    static func kinds(_ plans: [ReportData], series: [String], _ l: ReportLabels) -> String {
        func find(_ p: ReportData, _ k: HelperKind) -> ReportData.KindPairs {
            p.kinds.first { $0.kind == k } ?? .init(kind: k, helpers: 0, capacity: 0, pairs: 0)
        }
        let bars = HelperKind.allCases.map { k in
            SVGBarChart.Bar(
                label: l.kind(k), values: plans.map { Double(find($0, k).pairs) },
                texts: plans.map { l.placesUsed(HTML.count(find($0, k).pairs), HTML.count(find($0, k).capacity)) })
        }
        let chart = SVGBarChart(bars: bars, series: series.count > 1 ? series : [], scaleMaximum: nil, caption: l.pairsByKind)
        var header = [l.kind]
        let two = series.count > 1
        for name in series {
            let suffix = two ? " (\(name))" : ""
            header += [l.helpers + suffix, l.places + suffix, l.pairs + suffix]
        }
        let rows = HelperKind.allCases.map { k in
            [l.kind(k)] + plans.flatMap { p in
                [HTML.count(find(p, k).helpers), HTML.count(find(p, k).capacity), HTML.count(find(p, k).pairs)]
            }
        }
        return "<h2>\(HTML.escape(l.pairsByKind))</h2>\n" + chart.svg + "\n"
            + table(header: header, rows: rows, numeric: Set(1..<header.count))
    }

    static func distances(_ plans: [ReportData], series: [String], _ l: ReportLabels) -> String {
        func share(_ p: ReportData, _ level: Int) -> Double {
            p.pairs == 0 ? 0 : Double(p.distances[level]) / Double(p.pairs)
        }
        let bars = (0..<4).map { level in
            SVGBarChart.Bar(
                label: l.distance(level), values: plans.map { share($0, level) },
                texts: plans.map { "\(HTML.count($0.distances[level])) (\(HTML.percent(share($0, level))))" })
        }
        let chart = SVGBarChart(bars: bars, series: series.count > 1 ? series : [], scaleMaximum: 1, caption: l.distanceMix)
        var header = [l.distance]
        let two = series.count > 1
        for name in series { header += [l.pairs + (two ? " (\(name))" : ""), l.share + (two ? " (\(name))" : "")] }
        let rows = (0..<4).map { level in
            [l.distance(level)] + plans.flatMap { [HTML.count($0.distances[level]), HTML.percent(share($0, level))] }
        }
        return "<h2>\(HTML.escape(l.distanceMix))</h2>\n" + chart.svg + "\n"
            + table(header: header, rows: rows, numeric: Set(1..<header.count))
    }

    // MARK: tables

    /// An HTML table; every cell is escaped; `numeric` columns are right-aligned; a header of
    /// blank cells is left out.
    static func table(header: [String], rows: [[String]], numeric: Set<Int>) -> String {
        var out = "<table>\n"
        if header.contains(where: { !$0.isEmpty }) {
            out += "<tr>" + header.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr>\n"
        }
        for row in rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                out += numeric.contains(i) ? "<td class=\"n\">" : "<td>"
                out += HTML.escape(cell) + "</td>"
            }
            out += "</tr>\n"
        }
        return out + "</table>\n"
    }
}
