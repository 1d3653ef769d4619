/// A table read from the first worksheet of an .xlsx workbook: the same records a CSV file
/// gives (the first non-blank row is the header, blank rows are skipped), each record's line
/// the sheet's row number and each field a column from A, so that a problem is reported as
/// `households.xlsx:低保户!C7`.
extension Table {
    /// Columns that must hold text cells: a number cell there has lost digits already.
    static let textOnlyColumns = ["id_number", "phone"]

    init(workbook bytes: [UInt8], file path: String, aliases: [String: String], budget: MemoryBudget) {
        file = path
        let worksheet: Worksheet
        do {
            worksheet = try Worksheet(workbook: bytes, budget: budget)
        } catch {
            problems.append(InputProblem(file: path, Self.kind(error)))
            return
        }
        sheet = worksheet.name
        guard let headerIndex = worksheet.rows.firstIndex(where: { $0.cells.contains { !Self.trimmed($0.text).isEmpty } }) else {
            problems.append(InputProblem(file: path, sheet: sheet, line: 1, column: 1, .emptyFile))
            return
        }
        let first = worksheet.rows[headerIndex]
        // The table is as wide as its header; cells right of it belong to no column.
        let width = first.cells.last { !Self.trimmed($0.text).isEmpty }!.column
        readHeader(CSVRecords.Record(line: first.number, fields: Self.fields(first, width: width)), aliases: aliases)
        let textOnly = Self.textOnlyColumns.compactMap { columnOf[$0] }
        for row in worksheet.rows[(headerIndex + 1)...] {
            let fields = Self.fields(row, width: width)
            if fields.allSatisfy({ Self.trimmed($0).isEmpty }) { continue }
            for cell in row.cells where cell.isNumber && textOnly.contains(cell.column - 1) {
                let name = Self.textOnlyColumns.first { columnOf[$0] == cell.column - 1 }!
                problems.append(InputProblem(
                    file: path, sheet: sheet, line: row.number, column: cell.column, .numberCell(column: name)))
            }
            records.append(CSVRecords.Record(line: row.number, fields: fields))
        }
        if records.isEmpty { problems.append(InputProblem(file: path, sheet: sheet, line: first.number, column: 1, .noRows)) }
    }

    /// The row's texts in columns A … `width` ("" for empty cells).
    private static func fields(_ row: Worksheet.Row, width: Int) -> [String] {
        var fields = [String](repeating: "", count: width)
        for cell in row.cells where cell.column <= width { fields[cell.column - 1] = cell.text }
        return fields
    }

    private static func kind(_ failure: Worksheet.Failure) -> InputProblem.Kind {
        switch failure {
        case .archive(.corrupt(let reason)): .badWorkbook(reason: reason)
        case .archive(.notAWorkbook(let what)): .notATable(what: what)
        case .archive(.tooLarge(let part, let bytes, let limit)): .workbookTooLarge(part: part, bytes: bytes, limit: limit)
        case .part(let part, let reason): .badWorkbook(reason: "\(part): \(reason)")
        }
    }
}
