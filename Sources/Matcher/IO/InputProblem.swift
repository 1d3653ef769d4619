/// One problem found in an input file, with where it is and what to fix.
///
/// Personal data never appears in a message: a problem names the line and column, and
/// quotes a value only from columns that hold no personal data (numbers, kinds, places).
public struct InputProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// The worksheet's name when the file is a workbook (then `line` is the sheet's row
    /// number and `column` its column, shown as letters: `households.xlsx:低保户!C7`).
    public var sheet: String?
    /// 1-based physical line where the record starts (nil for problems of the whole file).
    public var line: Int?
    /// 1-based field number in the record, or the character column for syntax problems.
    public var column: Int?
    public var kind: Kind

    public init(file: String, sheet: String? = nil, line: Int? = nil, column: Int? = nil, _ kind: Kind) {
        self.file = file
        self.sheet = sheet
        self.line = line
        self.column = column
        self.kind = kind
    }

    public enum Kind: Sendable, Equatable {
        /// The file could not be opened or read.
        case unreadable(reason: String)
        /// A file that is not a table at all (a PDF, an old .xls, an image …): what it is.
        case notATable(what: String)
        /// A workbook (.xlsx) that cannot be read: what is wrong with it.
        case badWorkbook(reason: String)
        /// A workbook whose parts unpack to more than the memory budget allows.
        case workbookTooLarge(part: String, bytes: Int, limit: Int)
        /// A number cell in a column that must hold text (identity and phone numbers).
        case numberCell(column: String)
        /// Bytes that are neither UTF-8 nor GB18030 (or not the encoding named).
        case badEncoding(expected: String)
        /// The file has no header row.
        case emptyFile
        /// The file has a header but no data rows.
        case noRows
        /// A required column is absent from the header.
        case missingColumn(String)
        /// Two header cells name the same column.
        case duplicateColumn(String, firstAt: Int)
        /// A quoted field that never closes.
        case unterminatedQuote
        /// A `"` inside a field that does not start with one.
        case quoteInUnquotedField
        /// Characters between a closing quote and the next comma or line end.
        case textAfterClosingQuote
        /// A record with a different number of fields than the header.
        case wrongFieldCount(expected: Int, found: Int)
        /// A required value is blank.
        case blank(column: String)
        /// An identifier with spaces before or after it.
        case blanksAroundId(column: String)
        /// A value that must be a whole number.
        case notAnInteger(column: String, value: String)
        /// A whole number outside its allowed range.
        case outOfRange(column: String, value: Int, range: ClosedRange<Int>)
        /// A helper kind that is not one of the six.
        case unknownKind(String)
        /// An id used twice in one file.
        case duplicateId(column: String, firstLine: Int)
        /// A street (or community) given without the level above it.
        case placeWithoutParent(level: String, missing: String)
        /// A pairs, lock or forbid file that names an id not in the households or helpers.
        case unknownId(column: String, table: String)
        /// A household locked to two helpers.
        case lockedTwice(firstLine: Int)
        /// A locked pair that is also forbidden.
        case lockForbidden
        /// A locked pair that the policy does not allow.
        case lockIneligible(reason: String)
        /// More locked pairs on one helper than its capacity.
        case locksOverCapacity(capacity: Int, locks: Int)
        /// A household paired twice in a plan's pairs file.
        case pairedTwice(firstLine: Int)
        /// More households on one helper in a plan than its capacity.
        case planOverCapacity(capacity: Int, pairs: Int)
        /// A pair of a plan that the policy does not allow.
        case pairNotAllowed(reason: String)
        /// A YAML syntax error.
        case yamlSyntax(String)
        /// A policy key that is not known.
        case unknownKey(String)
        /// A policy value of the wrong type or range.
        case invalidValue(key: String, expected: String)
        /// Weights so large that costs could overflow 64-bit integers.
        case costOverflow(largestCost: String)
        /// A file of another format (a workbook, a PDF, UTF-16 text) where a text table or
        /// policy is read: what it is, and what is accepted.
        case wrongFormat(found: String, accepted: String)
    }

    public var description: String { "\(place): \(message)" }

    /// Where the problem is: `file:line:column`, or `file:Sheet!C7` in a workbook.
    public var place: String {
        var place = file
        if let sheet {
            place += ":\(sheet)!" + (column.map(Self.columnName) ?? "") + (line.map(String.init) ?? "")
        } else {
            if let line { place += ":\(line)" }
            if let column { place += ":\(column)" }
        }
        return place
    }

    /// 1 → A, 27 → AA: a column as spreadsheets name it.
    public static func columnName(_ column: Int) -> String {
        var n = column, letters: [Character] = []
        while n > 0 {
            letters.append(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8((n - 1) % 26))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// True for problems after which nothing of the file can be read (the file itself, its
    /// encoding or container, or its header).
    public var makesFileUnreadable: Bool {
        switch kind {
        case .unreadable, .badEncoding, .emptyFile, .notATable, .badWorkbook, .workbookTooLarge: true
        default: false
        }
    }

    /// "line" in a text file, "row" in a worksheet.
    private var lineWord: String { sheet == nil ? "line" : "row" }

    public var message: String {
        switch kind {
        case .unreadable(let reason): "cannot read the file (\(reason))"
        case .notATable(let what):
            "this file is \(what), not a table; give an Excel workbook (.xlsx) or a CSV file (UTF-8 or GB18030) — in Excel or WPS use Save As (另存为) and choose .xlsx or CSV"
        case .badWorkbook(let reason):
            "the workbook cannot be read: \(reason); open it in Excel or WPS and save it again as .xlsx"
        case .workbookTooLarge(let part, let bytes, let limit):
            "the workbook's part \(part) unpacks to \(MemoryBudget.format(bytes)), more than the \(MemoryBudget.format(limit)) the memory limit allows; split the roll, or set MATCH_MEMORY_LIMIT on a machine with more memory"
        case .numberCell(let c):
            "'\(c)' is a number cell; identity and phone numbers must be text cells (Excel keeps only 15 digits of a number, so an 18-digit 身份证号 is already damaged): format the column as Text (文本) and type the numbers again"
        case .badEncoding(let expected):
            "bytes that are not valid \(expected); save the file as UTF-8 (or GB18030) and try again"
        case .emptyFile: "the file is empty; it needs a header row and at least one data row"
        case .noRows: "the file has a header but no data rows"
        case .missingColumn(let c): "required column '\(c)' is missing from the header"
        case .duplicateColumn(let c, let first):
            "column '\(c)' appears twice (first as column \(first)); remove one"
        case .unterminatedQuote: "a quoted field is never closed; add the closing \" or remove the opening one"
        case .quoteInUnquotedField: "a \" inside an unquoted field; quote the whole field and double the inner \""
        case .textAfterClosingQuote: "text after a closing quote; put the whole field inside the quotes"
        case .wrongFieldCount(let expected, let found):
            "this row has \(found) fields but the header has \(expected); check for a missing or extra comma"
        case .blank(let c): "'\(c)' is blank; it is required"
        case .blanksAroundId(let c): "'\(c)' has spaces before or after it; remove them"
        case .notAnInteger(let c, let v): "'\(c)' must be a whole number, not \(Self.shown(v))"
        case .outOfRange(let c, let v, let r):
            "'\(c)' is \(Self.shown(v)); it must be between \(r.lowerBound) and \(r.upperBound)"
        case .unknownKind(let k):
            "unknown kind \(Self.shown(k)); use one of leader 领导干部, cadre 干部, party_branch 党支部, military_unit 部队, enterprise 企业, volunteer 志愿者"
        case .duplicateId(let c, let first): "'\(c)' repeats the id on \(lineWord) \(first); ids must be unique"
        case .placeWithoutParent(let level, let missing):
            "a \(level) is given without a \(missing); fill in the \(missing) or blank the \(level)"
        case .unknownId(let c, let table): "'\(c)' names no row of the \(table) file"
        case .lockedTwice(let first): "this household is already locked on \(lineWord) \(first)"
        case .lockForbidden: "this pair is both locked and forbidden; remove it from one of the files"
        case .lockIneligible(let reason): "this locked pair is not allowed: \(reason)"
        case .locksOverCapacity(let cap, let locks):
            "this helper has \(locks) locked households but capacity \(cap)"
        case .pairedTwice(let first): "this household is already paired on \(lineWord) \(first); a household has one helper"
        case .planOverCapacity(let cap, let pairs):
            "this helper has \(pairs) households in the plan but capacity \(cap)"
        case .pairNotAllowed(let reason): "this pair is not allowed: \(reason)"
        case .yamlSyntax(let m): "YAML syntax error: \(m)"
        case .unknownKey(let k): "unknown key '\(k)'"
        case .invalidValue(let k, let expected): "'\(k)' must be \(expected)"
        case .costOverflow(let c): "weights so large that costs could overflow (largest cost \(c)); use smaller weights"
        case .wrongFormat(let found, let accepted): "this is \(found); \(accepted)"
        }
    }
}

/// Every problem found in the inputs of one run (never empty).
public struct InputProblems: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [InputProblem]
    public init(_ problems: [InputProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
