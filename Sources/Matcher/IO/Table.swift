import Foundation

/// A CSV file or the first worksheet of an .xlsx workbook read into records with a header
/// mapped to canonical column names, collecting every problem it meets instead of stopping at
/// the first. What the file is comes from its bytes, not its name (``InputFormat``).
struct Table {
    let file: String
    /// The worksheet's name when the file is a workbook: records' lines are then the sheet's
    /// row numbers, fields its columns from A.
    var sheet: String? = nil
    /// Canonical name of each header cell (nil for unknown columns, which are ignored).
    var columnOf: [String: Int] = [:]
    /// Raw header cells, lowercased and trimmed.
    var header: [String] = []
    /// Line of the header record.
    var headerLine = 1
    var records: [CSVRecords.Record] = []
    var problems: [InputProblem] = []

    /// Reads `path`; `aliases` maps each accepted header text (lowercase) to its canonical name.
    init(path: String, encoding: TextEncoding?, aliases: [String: String]) {
        let bytes: [UInt8]
        do {
            bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            self.init(file: path, unreadable: Self.reason(error))
            return
        }
        self.init(bytes: bytes, file: path, encoding: encoding, aliases: aliases)
    }

    private init(file: String, unreadable reason: String) {
        self.init(file: file, problem: .unreadable(reason: reason))
    }

    /// A file that yields no records, for `kind`.
    init(file: String, problem kind: InputProblem.Kind) {
        self.file = file
        problems = [InputProblem(file: file, kind)]
    }

    /// Reads a file's `bytes` (named `path` in messages): a workbook when they are one, CSV
    /// text otherwise; anything else (a PDF, an old .xls) is named for what it is.
    /// `budget` bounds what a workbook may unpack to.
    init(
        bytes: [UInt8], file path: String, encoding: TextEncoding?, aliases: [String: String],
        budget: MemoryBudget = .standard()
    ) {
        switch InputFormat(sniffing: bytes) {
        case .text: self.init(csv: bytes, file: path, encoding: encoding, aliases: aliases)
        case .zip: self.init(workbook: bytes, file: path, aliases: aliases, budget: budget)
        case .other(let what): self.init(file: path, problem: .notATable(what: what))
        }
    }

    /// Reads CSV `bytes`.
    private init(csv bytes: [UInt8], file path: String, encoding: TextEncoding?, aliases: [String: String]) {
        file = path
        let text: [UInt8]
        do {
            text = try TextDecoding.utf8Bytes(bytes, encoding: encoding, file: path)
        } catch {
            problems.append(error)
            return
        }
        let parsed = CSVRecords(utf8: text, file: path)
        problems += parsed.problems
        guard let first = parsed.records.first else {
            if parsed.problems.isEmpty { problems.append(InputProblem(file: path, line: 1, column: 1, .emptyFile)) }
            return
        }
        readHeader(first, aliases: aliases)
        for record in parsed.records.dropFirst() {
            if record.fields.count != header.count {
                // Column: the first field missing, or the first one too many.
                problems.append(InputProblem(
                    file: path, line: record.line, column: min(header.count, record.fields.count) + 1,
                    .wrongFieldCount(expected: header.count, found: record.fields.count)))
            } else {
                records.append(record)
            }
        }
        if parsed.records.count == 1 && parsed.problems.isEmpty {
            problems.append(InputProblem(file: path, line: first.line, column: 1, .noRows))
        }
    }

    /// Maps the header record's cells to canonical names; a name given twice is a problem.
    mutating func readHeader(_ first: CSVRecords.Record, aliases: [String: String]) {
        headerLine = first.line
        header = first.fields.map { Self.trimmed($0).lowercased() }
        for (i, cell) in header.enumerated() {
            guard let name = aliases[cell] ?? Self.dynamicName(cell) else { continue }
            if let earlier = columnOf[name] {
                problems.append(InputProblem(
                    file: file, sheet: sheet, line: first.line, column: i + 1,
                    .duplicateColumn(name, firstAt: earlier + 1)))
            } else {
                columnOf[name] = i
            }
        }
    }

    /// need_X and offer_X columns keep their own names.
    private static func dynamicName(_ cell: String) -> String? {
        cell.hasPrefix("need_") || cell.hasPrefix("offer_") ? cell : nil
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
           let posix = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(posix.rawValue))
        }
        return ns.localizedDescription
    }

    /// Reports each required column that is missing; true when all are present.
    mutating func require(_ names: [String], shownAs shown: [String: String] = [:]) -> Bool {
        var ok = true
        for name in names where columnOf[name] == nil {
            problems.append(InputProblem(
                file: file, sheet: sheet, line: headerLine, column: 1, .missingColumn(shown[name] ?? name)))
            ok = false
        }
        return ok
    }

    /// The trimmed text of `name` in `record`, or "" when the column is absent.
    func text(_ record: CSVRecords.Record, _ name: String) -> String {
        guard let c = columnOf[name] else { return "" }
        return Self.trimmed(record.fields[c])
    }

    /// `field` without spaces or tabs at either end; the common untrimmed case costs two
    /// byte comparisons (Foundation's `trimmingCharacters` bridges every string).
    static func trimmed(_ field: String) -> String {
        let bytes = field.utf8
        func blank(_ b: UInt8?) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
        if !blank(bytes.first) && !blank(bytes.last) { return field }
        let body = bytes.drop(while: { blank($0) }).reversed().drop(while: { blank($0) }).reversed()
        return String(decoding: Array(body), as: UTF8.self)
    }

    /// A required, non-blank text value.
    mutating func required(_ record: CSVRecords.Record, _ name: String) -> String? {
        let value = text(record, name)
        if value.isEmpty {
            problems.append(problem(record, name, .blank(column: name)))
            return nil
        }
        return value
    }

    /// An id: required, and without blanks around it.
    mutating func identifier(_ record: CSVRecords.Record, _ name: String) -> String? {
        guard let c = columnOf[name] else { return nil }
        let raw = record.fields[c]
        // Byte checks (Foundation's trimming costs more than the whole CSV parse).
        let bytes = raw.utf8
        func edge(_ b: UInt8?) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        if bytes.allSatisfy({ edge($0) }) {
            problems.append(problem(record, name, .blank(column: name)))
            return nil
        }
        if edge(bytes.first) || edge(bytes.last) {
            problems.append(problem(record, name, .blanksAroundId(column: name)))
            return nil
        }
        return raw
    }

    /// An integer in `range`, `fallback` when blank or absent.
    mutating func integer(
        _ record: CSVRecords.Record, _ name: String, default fallback: Int, range: ClosedRange<Int>
    ) -> Int? {
        let value = text(record, name)
        if value.isEmpty { return fallback }
        guard let n = Int(value) else {
            problems.append(problem(record, name, .notAnInteger(column: name, value: String(value.prefix(20)))))
            return nil
        }
        guard range.contains(n) else {
            problems.append(problem(record, name, .outOfRange(column: name, value: n, range: range)))
            return nil
        }
        return n
    }

    func problem(_ record: CSVRecords.Record, _ name: String, _ kind: InputProblem.Kind) -> InputProblem {
        InputProblem(file: file, sheet: sheet, line: record.line, column: columnOf[name].map { $0 + 1 }, kind)
    }
}
