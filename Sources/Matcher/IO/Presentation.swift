/// How files meant for people are written: the format (CSV or an .xlsx workbook), the
/// language of headers and values, and the encoding of CSV (UTF-8 with a byte-order mark by
/// default, so that Excel and WPS on Chinese Windows read it as UTF-8; GB18030 on request).
/// Files written in Chinese read back in: their headers are the aliases the readers accept.
public struct Presentation: Sendable, Equatable {
    public enum Language: String, Sendable, CaseIterable { case en, zh }
    public typealias Format = OutputFormat

    public var language: Language
    public var encoding: TextEncoding
    public var format: Format

    public init(language: Language = .en, encoding: TextEncoding = .utf8, format: Format = .csv) {
        self.language = language
        self.encoding = encoding
        self.format = format
    }

    /// The lists a run writes for people.
    public enum List: Sendable {
        case pairs, unpaired, publicNotice, changes, summary

        /// The file's name without its extension.
        public var baseName: String {
            switch self {
            case .pairs: "pairs"
            case .unpaired: "unpaired"
            case .publicNotice: "public"
            case .changes: "diff"
            case .summary: "summary"
            }
        }
    }

    /// The file name of `list` in this format: `pairs.csv`, `pairs.xlsx`.
    public func fileName(_ list: List) -> String { list.baseName + "." + format.rawValue }

    /// The worksheet name of `list` in the output language.
    public func title(_ list: List) -> String {
        switch list {
        case .pairs: chinese ? "结对名单" : "Pairs"
        case .unpaired: chinese ? "未结对户" : "Unpaired"
        case .publicNotice: chinese ? "结对公示" : "Public notice"
        case .changes: chinese ? "结对变化" : "Changes"
        case .summary: chinese ? "概况" : "Summary"
        }
    }

    /// `table` as the bytes of a file in this format; `summary` rows (label, value) become a
    /// second sheet of a workbook and are left out of CSV.
    public func file(_ table: ListTable, summary: [(String, ListTable.Cell)] = []) throws(WorkbookWriter.Failure) -> [UInt8] {
        switch format {
        case .csv: return csv(table)
        case .xlsx:
            var sheets = [table]
            if !summary.isEmpty {
                var sheet = ListTable(
                    title: title(.summary), header: chinese ? ["项目", "数值"] : ["item", "value"],
                    rows: summary.map { [.text($0.0), $0.1] })
                sheet.layout = .labelsAndValues
                sheets.append(sheet)
            }
            return try WorkbookWriter.workbook(sheets, language: language)
        }
    }

    var chinese: Bool { language == .zh }

    /// Header cells, English and Chinese.
    static let headers: [String: String] = [
        "household_id": "户编号", "household_name": "户主姓名", "district": "区", "street": "街道",
        "community": "社区", "severity": "困难程度", "helper_id": "帮扶人编号", "helper_name": "帮扶人",
        "helper_kind": "帮扶类型", "distance": "距离", "covered_needs": "已满足需求", "unmet_needs": "未满足需求",
        "cost": "成本", "need_cost": "需求成本", "distance_cost": "距离成本",
        "keep_cost": "保持减免", "status": "状态", "unpaired_cost": "未结对成本", "reason": "原因",
    ]

    func header(_ names: [String]) -> [String] {
        chinese ? names.map { Self.headers[$0] ?? $0 } : names
    }

    func kind(_ k: HelperKind) -> String { chinese ? k.chinese : k.english }
    func distance(_ level: Int) -> String { chinese ? Distance.chinese[level] : Distance.english[level] }
    func status(_ s: PairStatus) -> String { chinese ? s.chinese : s.rawValue }
    func reason(_ r: UnpairedReason) -> String { chinese ? r.chinese : r.english }
    func dimension(_ dims: NeedDimensions, _ i: Int) -> String { chinese ? dims.chinese(i) : dims.names[i] }
    var listSeparator: String { chinese ? "；" : "; " }

    /// A CSV writer for this presentation (a BOM only for UTF-8).
    func writer() -> CSVWriter { CSVWriter(byteOrderMark: encoding == .utf8) }

    /// The bytes to write: `csv` as is for UTF-8, converted for GB18030.
    func bytes(_ csv: CSVWriter) -> [UInt8] {
        encoding == .utf8 ? csv.data : TextDecoding.gb18030Bytes(fromUTF8: csv.data)
    }
}
