/// The words of a report page, in English or Chinese.
struct ReportLabels {
    let chinese: Bool

    init(_ language: Presentation.Language) { chinese = language == .zh }

    private func t(_ en: String, _ zh: String) -> String { chinese ? zh : en }

    var htmlLanguage: String { t("en", "zh-CN") }
    var title: String { t("Pairing report", "结对帮扶报告") }
    var comparisonTitle: String { t("What-if: before and after", "方案调整前后对比") }
    var headline: String { t("Headline", "总体情况") }
    var households: String { t("Households", "低保户") }
    var helpers: String { t("Helpers", "帮扶人") }
    var places: String { t("Places offered", "可帮扶户数") }
    var pairs: String { t("Pairs", "结对数") }
    var unpaired: String { t("Unpaired", "未结对") }
    var locked: String { t("Locked pairs", "锁定结对") }
    var objective: String { t("Objective (total cost)", "目标值（总成本）") }
    var bound: String { t("Proven lower bound", "已证明下界") }
    var gap: String { t("Gap", "差距") }
    var source: String { t("Plan", "方案来源") }
    var proven: String { t("proven optimal", "已证明最优") }
    var notProven: String { t("not proven optimal", "未证明最优") }
    var coverageByStreet: String { t("Coverage by street", "各街道结对覆盖率") }
    var coverageByCommunity: String { t("Coverage by community", "各社区结对覆盖率") }
    /// The note over a chart that shows only the lowest-covered places (`level` 1 street, 2 community).
    func lowest(_ n: Int, of total: Int, level: Int) -> String {
        level == 1
            ? t("The \(n) streets with the lowest coverage (of \(total); all in the table below)",
                "覆盖率最低的 \(n) 个街道（共 \(total) 个，全部见下表）")
            : t("The \(n) communities with the lowest coverage (of \(total); all in the table below)",
                "覆盖率最低的 \(n) 个社区（共 \(total) 个，全部见下表）")
    }
    var needByDimension: String { t("Need and unmet need by dimension", "各维度需求与未满足需求") }
    var needSeries: String { t("need", "需求") }
    var unmetSeries: String { t("unmet", "未满足") }
    var pairsByKind: String { t("Pairs by helper kind", "各类帮扶人结对数") }
    var distanceMix: String { t("Distance between household and helper", "结对距离构成") }
    var table: String { t("Table", "明细表") }
    var district: String { t("District", "区") }
    var street: String { t("Street", "街道") }
    var community: String { t("Community", "社区") }
    var paired: String { t("Paired", "已结对") }
    var coverage: String { t("Coverage", "覆盖率") }
    var dimension: String { t("Dimension", "维度") }
    var need: String { t("Need (levels)", "需求（级）") }
    var unmet: String { t("Unmet (levels)", "未满足（级）") }
    var kind: String { t("Kind", "类型") }
    var distance: String { t("Distance", "距离") }
    var share: String { t("Share", "占比") }
    var before: String { t("before", "调整前") }
    var after: String { t("after", "调整后") }
    var change: String { t("change", "变化") }
    var footer: String {
        t("Written by 结对 Matcher. Counts only: no names, id numbers or phone numbers.",
          "由结对 Matcher 生成。仅含统计数字，不含姓名、身份证号或电话。")
    }
    func of(_ part: String, _ whole: String) -> String { t("\(part) of \(whole)", "\(part) / \(whole)") }
    func placesUsed(_ pairs: String, _ capacity: String) -> String {
        t("\(pairs) of \(capacity) places", "\(pairs) / \(capacity) 户")
    }

    func kind(_ k: HelperKind) -> String { chinese ? k.chinese : String(k.english.map { $0 == "_" ? " " : $0 }) }
    func distance(_ level: Int) -> String { chinese ? Distance.chinese[level] : Distance.english[level] }
    func dimension(_ name: String) -> String { chinese ? NeedDimensions.chineseNames[name] ?? name : name }
}
