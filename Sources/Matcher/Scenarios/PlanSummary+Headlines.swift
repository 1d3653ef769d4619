/// The headline figures of a plan as (label, value) rows, for the summary sheet of a
/// workbook: what an office reads before the list itself.
extension PlanSummary {
    public func headlines(_ p: Presentation) -> [(String, ListTable.Cell)] {
        let zh = p.language == .zh
        var rows: [(String, ListTable.Cell)] = [
            (zh ? "低保户数" : "households", .number(households)),
            (zh ? "帮扶人数" : "helpers", .number(helpers)),
            (zh ? "帮扶名额" : "helper places", .number(capacity)),
            (zh ? "结对户数" : "pairs", .number(pairs)),
            (zh ? "未结对户数" : "unpaired", .number(unpaired)),
            (zh ? "锁定结对" : "locked pairs", .number(locked)),
            (zh ? "方案总成本" : "plan cost (objective)", .number(objective)),
            (zh ? "已证明下界" : "proven lower bound", .number(bound)),
            (zh ? "相对差距" : "gap", .text(gap == 0 ? (zh ? "0（最优）" : "0 (optimal)") : String(format: "%.4f", gap))),
            (zh ? "求解方法" : "solver", .text(solver)),
        ]
        for status in [PairStatus.new, .kept, .moved] {
            if let n = statusCounts[status.rawValue], n > 0 {
                rows.append(((zh ? "状态：" + status.chinese : "status: " + status.rawValue), .number(n)))
            }
        }
        for kind in HelperKind.allCases {
            if let n = pairsByKind[kind.english], n > 0 {
                rows.append(((zh ? "帮扶类型：" + kind.chinese : "kind: " + kind.english), .number(n)))
            }
        }
        for (name, n) in unmetNeedByDimension.sorted(by: { $0.key < $1.key }) where n > 0 {
            let label = zh ? (NeedDimensions.chineseNames[name] ?? name) : name
            rows.append(((zh ? "未满足需求：" : "unmet need: ") + label, .number(n)))
        }
        rows.append((zh ? "程序版本" : "version", .text(version)))
        return rows
    }
}
