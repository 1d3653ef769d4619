/// One list meant for people (pairs, unpaired households, the public notice, a what-if's
/// changes) as rows of typed cells, built once from the plan and written either as CSV or as a
/// worksheet, so that both formats carry the same rows and columns.
public struct ListTable: Sendable, Equatable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// An identifier or identity number: text in every format, never a number (a
        /// workbook would drop its leading zeros or its digits past the fifteenth).
        case code(String)
        case number(Int)

        /// The cell as CSV writes it.
        public var text: String {
            switch self {
            case .text(let s), .code(let s): s
            case .number(let n): String(n)
            }
        }
    }

    /// How a worksheet lays the table out.
    public enum Layout: Sendable, Equatable {
        /// A list to filter and print: filters on the header, figures centred.
        case list
        /// Labels and values (a summary): no filters, values aligned left.
        case labelsAndValues
    }

    /// The worksheet's name, in the output language (`结对名单`, `Pairs`).
    public var title: String
    public var layout: Layout = .list
    /// Header cells, in the output language.
    public var header: [String]
    public var rows: [[Cell]] = []

    public init(title: String, header: [String], rows: [[Cell]] = []) {
        self.title = title
        self.header = header
        self.rows = rows
    }
}

extension Presentation {
    /// `table` as CSV bytes in this presentation's encoding.
    func csv(_ table: ListTable) -> [UInt8] {
        var csv = writer()
        csv.row(table.header)
        for row in table.rows { csv.row(row.map(\.text)) }
        return bytes(csv)
    }
}
