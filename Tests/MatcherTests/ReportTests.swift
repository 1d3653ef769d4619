import Foundation
import Testing
@testable import Matcher

/// A small roll in two streets, with personal data, shared by the report and export tests.
struct SmallRoll {
    let households: String, helpers: String

    init(_ dir: TemporaryDirectory) {
        households = dir.write("households.csv", """
            id,name,district,street,community,severity,need_material,need_medical,need_education,id_number,phone
            H1,张晓华,西岗区,北京街道,新华社区,3,0,2,1,210202195001011234,13912345678
            H2,李四,西岗区,北京街道,新华社区,2,1,1,0,21020219600202432X,13887654321
            H3,欧阳明华,西岗区,北京街道,长春社区,1,0,0,2,210202197003035555,15011112222
            H4,赵<b>&amp;,西岗区,白云街道,<i>社区</i>,4,3,0,0,210202198004046666,13700001111
            H5,钱五,西岗区,白云街道,<i>社区</i>,1,1,0,0,210202199005057777,13600002222

            """)
        helpers = dir.write("helpers.csv", """
            id,name,kind,capacity,district,street,community,offer_material,offer_medical,offer_education,organization
            G1,王建国,cadre,1,西岗区,北京街道,,0,2,1,民政局
            G2,大连港务有限公司,enterprise,2,西岗区,,,3,1,2,大连港务有限公司
            G3,孙志愿,volunteer,1,西岗区,白云街道,<i>社区</i>,1,0,0,

            """)
    }

    var options: YearlyPairing.Options {
        YearlyPairing.Options(households: households, helpers: helpers, outputDirectory: "")
    }

    /// Every piece of personal data in the roll: id numbers, phones, and the full names of
    /// households and of helpers who are people.
    static let secrets = [
        "210202195001011234", "21020219600202432X", "210202197003035555", "210202198004046666", "210202199005057777",
        "13912345678", "13887654321", "15011112222", "13700001111", "13600002222",
        "张晓华", "李四", "欧阳明华", "钱五", "王建国", "孙志愿",
    ]
}

@Suite struct ReportTests {
    static func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    /// Runs `match pair` on the small roll with a report.
    func pair(_ dir: TemporaryDirectory, _ configure: (inout YearlyPairing.Options) -> Void = { _ in })
        throws -> (YearlyPairing.Outcome, SmallRoll)
    {
        let roll = SmallRoll(dir)
        var options = roll.options
        options.outputDirectory = dir.file("out")
        options.report = true
        configure(&options)
        return (try YearlyPairing.run(options), roll)
    }

    @Test func reportFiguresAgreeWithThePairsFile() throws {
        let dir = TemporaryDirectory("report")
        defer { dir.remove() }
        let (outcome, _) = try pair(dir)
        let data = ReportData(model: outcome.model, result: outcome.result, source: "test", provenOptimal: true)
        let rows = try CLITests.rows(dir.file("out/pairs.csv"))
        #expect(data.pairs == rows.count && data.pairs == outcome.summary.pairs)
        #expect(data.unpaired + data.pairs == 5)
        #expect(data.objective == outcome.summary.objective && data.bound == outcome.summary.bound)
        // Coverage by street and community, counted from the file's place columns.
        for street in data.streets {
            #expect(street.paired == rows.filter { $0[3] == street.street }.count, "\(street)")
        }
        for community in data.communities {
            #expect(community.paired == rows.filter { $0[3] == community.street && $0[4] == community.community }.count)
        }
        #expect(data.communities.map(\.households).reduce(0, +) == 5)
        // Distance mix from the distance words, kinds from the kind column.
        for level in 0..<4 {
            #expect(data.distances[level] == rows.filter { $0[9] == Distance.english[level] }.count)
        }
        for k in data.kinds { #expect(k.pairs == rows.filter { $0[8] == k.kind.english }.count) }
        #expect(data.kinds.first { $0.kind == .enterprise }?.capacity == 2)
        // Unmet need agrees with the summary's independent count.
        for need in data.needs { #expect(need.unmet == outcome.summary.unmetNeedByDimension[need.dimension]) }
        #expect(data.needs.first { $0.dimension == "material" }?.need == 5)
    }

    @Test func reportIsSelfContainedEscapedAndFreeOfPersonalData() throws {
        let dir = TemporaryDirectory("report")
        defer { dir.remove() }
        _ = try pair(dir)
        let html = try Self.text(dir.file("out/report.html"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 5, "five charts")
        #expect(html.contains("<rect"))
        for external in ["<script", "<link", "<img", "http:", "https:", "url(", "@import", "src="] {
            #expect(!html.contains(external), "the page loads something: \(external)")
        }
        #expect(html.contains("&lt;i&gt;社区&lt;/i&gt;"), "a place name is escaped")
        #expect(!html.contains("<i>"))
        for secret in SmallRoll.secrets + ["H1", "G1", "赵"] {
            #expect(!html.contains(secret), "the report shows \(secret)")
        }
        #expect(html.contains("Coverage by street") && html.contains("lang=\"en\""))
    }

    @Test func chineseReportHasChineseLabels() throws {
        let dir = TemporaryDirectory("report")
        defer { dir.remove() }
        _ = try pair(dir) { $0.presentation = Presentation(language: .zh, encoding: .gb18030) }
        let html = try Self.text(dir.file("out/report.html"))
        for label in ["结对帮扶报告", "各街道结对覆盖率", "各社区结对覆盖率", "各维度需求与未满足需求", "各类帮扶人结对数",
                      "结对距离构成", "企业", "医疗", "同街道", "lang=\"zh-CN\"", "charset=\"utf-8\""] {
            #expect(html.contains(label), "missing \(label)")
        }
        for english in ["Coverage by street", "enterprise", "medical", "same street"] {
            #expect(!html.contains(english), "English left in the Chinese page: \(english)")
        }
    }

    @Test func comparisonShowsBothPlansAndTheChange() throws {
        let dir = TemporaryDirectory("report")
        defer { dir.remove() }
        let (outcome, _) = try pair(dir)
        let before = ReportData(model: outcome.model, result: outcome.result, source: "baseline", provenOptimal: true)
        // The same plan with one pair undone.
        var helperOf = outcome.result.helperOf
        let h = helperOf.firstIndex { $0 >= 0 }!
        helperOf[h] = -1
        let worse = ExistingPlan.result(helperOf, model: outcome.model, bound: outcome.result.bound)
        let after = ReportData(model: outcome.model, result: worse, source: "what-if", provenOptimal: false)
        #expect(after.pairs == before.pairs - 1)
        #expect(after.objective > before.objective && !after.provenOptimal)
        let html = ReportPage.comparison(before: before, after: after, language: .en)
        #expect(html.contains(">before<") && html.contains(">after<"), "legend of both series")
        #expect(html.contains("<td class=\"n\">-1</td>"), "pairs change by -1")
        #expect(html.contains("\(HTML.count(before.pairs)) → \(HTML.count(after.pairs))"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 5)
        // Two bars per row: twice as many bars as the one-plan page.
        let single = ReportPage.html(before)
        #expect(html.components(separatedBy: "<rect").count > single.components(separatedBy: "<rect").count)
    }

    /// With more places than a chart holds, the chart shows the lowest-covered ones, says so,
    /// and the table still lists every place.
    @Test func largeRollsChartTheLowestCoveredPlaces() {
        let streets = (0..<70).map { i in
            ReportData.PlaceCoverage(district: "D\(i % 3)", street: "S\(i)", community: "", households: 100, paired: 100 - i)
        }
        let communities = streets.map { var c = $0; c.community = "C" + c.street; return c }
        let data = ReportData(
            households: 7_000, helpers: 10, capacity: 10, pairs: 10, unpaired: 6_990, locked: 0, objective: 1, bound: 1,
            gap: 0, provenOptimal: true, source: "test", streets: streets, communities: communities, needs: [],
            kinds: [], distances: [10, 0, 0, 0])
        let html = ReportPage.html(data)
        #expect(html.contains("The 60 streets with the lowest coverage (of 70"))
        #expect(html.contains("The 30 communities with the lowest coverage (of 70"))
        let charts = html.components(separatedBy: "<svg").dropFirst()
        #expect(charts.first!.contains(">D0 S69<") && !charts.first!.contains(">D0 S0<"), "lowest first, highest left out")
        #expect(charts.first!.components(separatedBy: "<rect").count - 1 == 60)
        #expect(html.contains("<td>S0</td>") && html.contains("<td>CS0</td>"), "the tables keep every place")
    }

    @Test func barLengthsAreProportionalToValues() {
        let chart = SVGBarChart(
            bars: [.init(label: "a", values: [0.25], texts: ["25%"]), .init(label: "b", values: [1], texts: ["100%"]),
                   .init(label: "c", values: [0], texts: ["0%"])],
            series: [], scaleMaximum: 1, caption: "test")
        let widths = chart.svg.components(separatedBy: "<rect ").dropFirst().compactMap { rect -> Double? in
            guard let start = rect.range(of: "width=\"") else { return nil }
            return Double(rect[start.upperBound...].prefix { $0 != "\"" })
        }
        #expect(widths.count == 3)
        #expect(widths[1] > 100 && abs(widths[0] * 4 - widths[1]) < 0.5 && widths[2] == 0)
        #expect(HTML.count(4002) == "4,002" && HTML.count(-1234567) == "-1,234,567" && HTML.count(12) == "12")
        #expect(HTML.percent(0.8525) == "85.3%" && HTML.percent(1) == "100.0%")
        #expect(SVGBarChart.number(12.345) == "12.3" && SVGBarChart.number(7) == "7")
    }

    @Test func costPartsAddUpToTheCost() throws {
        let dir = TemporaryDirectory("report")
        defer { dir.remove() }
        let (first, _) = try pair(dir)
        // Next year with this plan as the previous one: kept pairs earn the keep bonus.
        let (outcome, _) = try pair(dir) { $0.previous = dir.file("out/pairs.csv"); $0.outputDirectory = dir.file("again") }
        let model = outcome.model
        var kept = 0
        for h in 0..<model.roll.households.count {
            for g in 0..<model.roll.helpers.count {
                let parts = model.costParts(h, g)
                #expect(parts.total == model.cost(h, g))
                #expect(parts.distance == model.distance(h, g) && parts.need >= 0)
                if first.result.helperOf[h] == Int32(g) { kept += 1; #expect(parts.keep == -2) } else { #expect(parts.keep == 0) }
            }
        }
        #expect(kept == first.summary.pairs)
        let rows = try CLITests.rows(dir.file("again/pairs.csv"))
        for row in rows {
            #expect(Int(row[12]) == Int(row[13])! + Int(row[14])! + Int(row[15])!, "\(row)")
            #expect(row[16] == "kept" && row[15] == "-2")
        }
    }
}
