import Matcher

/// An input problem as an office clerk reads it: where (file, sheet, row, column as a
/// spreadsheet letter) and what to fix, in the page's language. English uses the library's
/// own message (the command line's text); Chinese words the common problems itself and
/// falls back to the English text for the rare ones.
enum ProblemWords {
    /// One problem as a table row for the templates: `file`, `row`, `column`, `message`.
    static func row(_ problem: InputProblem, _ words: PageWords) -> [String: Any] {
        [
            "file": problem.file + (problem.sheet.map { " · " + $0 } ?? ""),
            "row": problem.line.map(String.init) ?? "—",
            "column": problem.column.map(InputProblem.columnName) ?? "—",
            "message": message(problem, words),
        ]
    }

    /// The whole problem in one line (where and what).
    static func text(_ problem: InputProblem, _ words: PageWords) -> String {
        var place = problem.file
        if let line = problem.line { place += " " + words("problem_at_row", ["n": line]) }
        if let column = problem.column { place += " " + words("problem_at_column", ["c": InputProblem.columnName(column)]) }
        return place + ": " + message(problem, words)
    }

    static func message(_ problem: InputProblem, _ words: PageWords) -> String {
        guard words.language == .zh else { return problem.message }
        switch problem.kind {
        case .emptyFile: return "文件是空的：需要一行表头和至少一行数据"
        case .noRows: return "只有表头，没有数据行"
        case .missingColumn(let c): return "表头缺少必填列“\(c)”"
        case .duplicateColumn(let c, let first): return "列“\(c)”出现了两次（第一次在第 \(first) 列），请删去一列"
        case .wrongFieldCount(let expected, let found):
            return "这一行有 \(found) 个字段，表头有 \(expected) 个；请检查是否多了或少了逗号"
        case .blank(let c): return "“\(c)”是空的，这一项必须填写"
        case .blanksAroundId(let c): return "“\(c)”前后有空格，请删去"
        case .notAnInteger(let c, let v): return "“\(c)”应填整数，现在是“\(v)”"
        case .outOfRange(let c, let v, let r): return "“\(c)”是 \(v)，应在 \(r.lowerBound) 到 \(r.upperBound) 之间"
        case .unknownKind(let k):
            return "类型“\(k)”不认识；请填 领导干部、干部、党支部、部队、企业 或 志愿者 之一"
        case .duplicateId(let c, let first): return "“\(c)”与第 \(first) 行重复；编号不能重复"
        case .placeWithoutParent(let level, let missing):
            return "填了\(Self.level(level))却没有填\(Self.level(missing))；请补上\(Self.level(missing))或把\(Self.level(level))留空"
        case .numberCell(let c):
            return "“\(c)”是数字格式的单元格；身份证号和电话必须是文本格式（Excel 只保留 15 位数字），请把该列设为“文本”后重新输入"
        case .badEncoding: return "文件编码无法识别；请另存为 UTF-8 或 GB18030 编码的 CSV，或 .xlsx 工作簿"
        case .notATable: return "这不是表格文件；请在 Excel 或 WPS 中“另存为” .xlsx 或 CSV"
        case .badWorkbook: return "工作簿无法读取；请在 Excel 或 WPS 中打开后重新保存为 .xlsx"
        case .unterminatedQuote: return "引号没有闭合；请补上结尾的引号或删去开头的引号"
        case .quoteInUnquotedField, .textAfterClosingQuote: return "引号位置不对；请把整个字段放在一对引号内"
        case .unknownKey(let k): return "不认识的设置项“\(k)”"
        case .invalidValue(let k, let expected): return "设置项“\(k)”的值不对（应为 \(expected)）"
        case .yamlSyntax: return "政策设置的格式有误：" + problem.message
        default: return problem.message
        }
    }

    private static func level(_ english: String) -> String {
        switch english {
        case "district": "区"
        case "street": "街道"
        case "community": "社区"
        default: english
        }
    }
}
