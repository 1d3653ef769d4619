/// The template workbooks an office starts its roll from: the households and helpers
/// files with their Chinese headers (the aliases ``RollReader`` accepts) and one example
/// row each, identity numbers and phones as text cells. Each template read back by the
/// roll reader is a valid one-row file.
public enum RollTemplate {
    public enum File: String, Sendable, CaseIterable {
        case households, helpers
    }

    /// The six standard dimensions in SPEC's order.
    static let dimensions = ["material", "emotional", "policy", "employment", "education", "medical"]

    /// The template's sheet: Chinese headers and one example row.
    public static func table(_ file: File) -> ListTable {
        let chineseDimension = { (name: String) in NeedDimensions.chineseNames[name] ?? name }
        switch file {
        case .households:
            return ListTable(
                title: "低保户名册",
                header: ["户编号", "户主姓名", "区", "街道", "社区", "人口", "困难程度"] + dimensions.map(chineseDimension)
                    + ["身份证号", "电话"],
                rows: [[
                    .code("H0001"), .text("张三"), .text("西岗区"), .text("白云街道"), .text("春柳社区"), .number(3),
                    .number(4), .number(2), .number(1), .number(1), .number(0), .number(0), .number(2),
                    .code("210202198001011234"), .code("13800000000"),
                ]])
        case .helpers:
            return ListTable(
                title: "帮扶人名册",
                header: ["编号", "名称", "类型", "帮扶户数", "区", "街道", "社区"] + dimensions.map(chineseDimension) + ["单位"],
                rows: [[
                    .code("G0001"), .text("李四"), .text(HelperKind.cadre.chinese), .number(2), .text("西岗区"),
                    .text("白云街道"), .text(""), .number(2), .number(1), .number(2), .number(0), .number(0), .number(1),
                    .text("西岗区民政局"),
                ]])
        }
    }

    /// The template as an .xlsx workbook.
    public static func workbook(_ file: File) throws(WorkbookWriter.Failure) -> [UInt8] {
        try Presentation(language: .zh, format: .xlsx).file(table(file))
    }
}
