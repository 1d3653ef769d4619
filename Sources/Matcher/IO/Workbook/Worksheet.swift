/// The first worksheet of an .xlsx workbook (Office Open XML, ECMA-376 Part 1 §18) as rows of
/// cell texts, with each cell's row number and column as the sheet shows them.
///
/// The way to it: `_rels/.rels` names the workbook part (usually `xl/workbook.xml`); its
/// `<sheets>` list the sheets in tab order, each with a relationship id; the workbook's own
/// relationships give each id's part, and the shared-string table. The first visible
/// worksheet (not a chart sheet) is read; the `<dimension>` it declares is not trusted, as
/// generators write it wrong or not at all.
///
/// Cells (§18.3.1.4): `t="s"` indexes the shared strings; `t="inlineStr"` carries its text in
/// `<is>` (WPS and many generators write these); `t="str"` is a formula's text; `t="b"` a
/// boolean; `t="e"` an error such as `#N/A`; otherwise a number. Rich text is the
/// concatenation of its runs' `<t>`, without the phonetic `<rPh>` runs. `_xHHHH_` escapes
/// (§22.9.2.19) are decoded. Rows and cells without an `r` reference follow the previous one.
///
/// The mapping from cells to table rows is written here by hand because it is where the
/// product's rules live (which texts a number cell gives, where a problem is reported), and
/// no maintained Swift package reads worksheets on Linux.
struct Worksheet {
    struct Cell: Equatable, Sendable {
        /// 1-based column (A = 1).
        var column: Int
        var text: String
        /// A number cell (as opposed to a text, boolean or error cell).
        var isNumber: Bool
    }

    struct Row: Equatable, Sendable {
        /// 1-based row number as the sheet shows it.
        var number: Int
        var cells: [Cell]
    }

    /// Why a workbook cannot be read.
    enum Failure: Error, Equatable {
        case archive(WorkbookArchive.Failure)
        /// A part that is missing or not XML this reader takes; `part` is its path.
        case part(String, reason: String)
    }

    /// Excel's limits: 1,048,576 rows, 16,384 columns (XFD).
    static let maximumRow = 1_048_576
    static let maximumColumn = 16_384

    var name: String
    var rows: [Row] = []

    /// Reads the first visible worksheet of the workbook in `bytes` (or the worksheet at
    /// `sheetIndex` in tab order, for tests and tools).
    init(workbook bytes: [UInt8], budget: MemoryBudget, sheetIndex: Int? = nil) throws(Failure) {
        let archive: WorkbookArchive
        do { archive = try WorkbookArchive(bytes: bytes, budget: budget) } catch { throw .archive(error) }
        let workbookPath = archive.officeDocumentPath() ?? "xl/workbook.xml"
        let sheetList = try Self.parse(archive, workbookPath) { xml throws(XMLScanner.Failure) in try Self.sheets(&xml) }
        let relsPath = Relationships.partPath(for: workbookPath)
        let rels = try Self.parse(archive, relsPath) { xml throws(XMLScanner.Failure) in
            try Relationships(xml.bytes, base: Relationships.folder(of: workbookPath))
        }
        let worksheets = sheetList.compactMap { sheet -> (entry: SheetEntry, path: String)? in
            guard let r = rels.target(id: sheet.relationship), r.type.hasSuffix("/worksheet") else { return nil }
            return (sheet, r.target)
        }
        let chosen = sheetIndex.map { worksheets.indices.contains($0) ? worksheets[$0] : nil }
            ?? worksheets.first(where: { !$0.entry.hidden }) ?? worksheets.first
        guard let first = chosen else {
            throw .part(workbookPath, reason: "it lists no worksheet")
        }
        name = first.entry.name
        let stringsPath = rels.first(ofType: "/sharedStrings")
        let parts = [first.path] + (stringsPath.map { [$0] } ?? [])
        do { try archive.checkBudget(parts) } catch { throw .archive(error) }
        trace("workbook opened")
        var strings: [String] = []
        if let stringsPath, archive.contains(stringsPath) {
            strings = try Self.parse(archive, stringsPath) { xml throws(XMLScanner.Failure) in try Self.sharedStrings(&xml) }
        }
        trace("shared strings read")
        rows = try Self.parse(archive, first.path) { xml throws(XMLScanner.Failure) in
            trace("sheet unpacked")
            if let rows = Self.rowsInTwoHalves(xml.bytes, strings: strings) { return rows }
            return try Self.rows(&xml, strings: strings)
        }
        trace("sheet rows read")
    }

    /// Unpacks `path` and runs `body` over its XML, naming the part in any failure.
    private static func parse<T>(
        _ archive: WorkbookArchive, _ path: String, _ body: (inout XMLScanner) throws(XMLScanner.Failure) -> T
    ) throws(Failure) -> T {
        let bytes: [UInt8]?
        do { bytes = try archive.part(path) } catch { throw .archive(error) }
        guard let bytes else { throw .part(path, reason: "the workbook has no such part") }
        var xml = XMLScanner(bytes)
        do { return try body(&xml) } catch { throw .part(path, reason: error.reason) }
    }

    struct SheetEntry {
        var name: String
        var relationship: String
        var hidden: Bool
    }

    /// The `<sheet>` elements of workbook.xml, in tab order.
    private static func sheets(_ xml: inout XMLScanner) throws(XMLScanner.Failure) -> [SheetEntry] {
        var out: [SheetEntry] = []
        while let token = try xml.next() {
            guard case .start(let name, let tag, _) = token, xml.isName(name, "sheet") else { continue }
            guard let id = xml.attribute("id", in: tag, prefixed: true) else { continue }
            let sheetName = try xml.attribute("name", in: tag).map { r throws(XMLScanner.Failure) in try xml.value(r) } ?? ""
            let state = try xml.attribute("state", in: tag).map { r throws(XMLScanner.Failure) in try xml.value(r) } ?? "visible"
            out.append(SheetEntry(name: sheetName, relationship: try xml.value(id), hidden: state != "visible"))
        }
        return out
    }

    /// The shared-string table: one text per `<si>`.
    private static func sharedStrings(_ xml: inout XMLScanner) throws(XMLScanner.Failure) -> [String] {
        var out: [String] = []
        while let token = try xml.next() {
            if case .start(let name, _, let selfClosing) = token, xml.isName(name, "si") {
                out.append(selfClosing ? "" : try richText(&xml))
            }
        }
        return out
    }

    /// The text of a string item (`<si>` or `<is>`, whose start was just read): every `<t>`
    /// outside `<rPh>` runs, up to the item's end tag.
    private static func richText(_ xml: inout XMLScanner) throws(XMLScanner.Failure) -> String {
        var text = ""
        var depth = 1
        var inT = false
        while depth > 0, let token = try xml.next() {
            switch token {
            case .start(let name, _, let selfClosing):
                if selfClosing { continue }
                if xml.isName(name, "rPh") || xml.isName(name, "phoneticPr") {
                    try xml.skipElement()
                    continue
                }
                depth += 1
                inT = xml.isName(name, "t")
            case .end:
                depth -= 1
                inT = false
            case .text(let range, let cdata):
                if inT {
                    let piece = try xml.text(range, cdata: cdata)
                    text = text.isEmpty ? piece : text + piece
                }
            }
        }
        if depth > 0 { throw XMLScanner.Failure(reason: "a string item that is never closed", offset: xml.position) }
        return unescaped(text)
    }

    /// `_xHHHH_` escapes (characters XML cannot carry, such as `_x000D_` for a carriage return)
    /// decoded; `_x005F_` escapes the underscore itself.
    static func unescaped(_ text: String) -> String {
        // A byte scan: Foundation's `contains` bridged every cell's text.
        var utf8 = text.utf8.makeIterator()
        var found = false, underscore = false
        while let b = utf8.next() {
            if underscore && b == UInt8(ascii: "x") { found = true; break }
            underscore = b == UInt8(ascii: "_")
        }
        guard found else { return text }
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: "_x") {
            out += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            let hex = after.prefix(4)
            if hex.count == 4, after.dropFirst(4).first == "_", let value = UInt32(hex, radix: 16),
               let scalar = Unicode.Scalar(value) {
                out.unicodeScalars.append(scalar)
                rest = after.dropFirst(5)
            } else {
                out += "_x"
                rest = after
            }
        }
        return out + rest
    }

    /// Parts larger than this are read in two halves at once.
    static let twoHalvesFrom = 1 << 20

    /// The rows of a large worksheet read in two halves on two threads (a city's roll: 27 MB
    /// of XML), cut just before a `<row r="…">` tag near the middle; nil when the part is small,
    /// has no such cut, or either half is not what a cut through `<sheetData>` gives (an
    /// element open across the cut other than `worksheet` and `sheetData`, a comment or CDATA
    /// spanning it, any failure): then the caller reads it in one pass, which finds the same
    /// rows or the exact failure.
    static func rowsInTwoHalves(_ bytes: [UInt8], strings: [String]) -> [Row]? {
        guard bytes.count >= twoHalvesFrom, let cut = rowCut(bytes, near: bytes.count / 2) else { return nil }
        let halves = parallelChunks(total: 2, chunks: 2) { part -> [Row]? in
            var xml = XMLScanner(bytes, fragment: part.lowerBound == 0 ? 0..<cut : cut..<bytes.count)
            guard let rows = try? Self.rows(&xml, strings: strings), xml.position == xml.end else { return nil }
            let expected = part.lowerBound == 0 ? (open: ["worksheet", "sheetData"], dangling: [String]())
                : (open: [String](), dangling: ["sheetData", "worksheet"])
            return xml.names(xml.open) == expected.open && xml.names(xml.danglingEnds) == expected.dangling ? rows : nil
        }
        guard let first = halves[0], let second = halves[1] else { return nil }
        return first + second
    }

    /// The offset of the first `<row` tag with an `r` attribute at or after `middle`.
    private static func rowCut(_ bytes: [UInt8], near middle: Int) -> Int? {
        let pattern = Array("<row r=\"".utf8)
        var i = middle
        while i + pattern.count < bytes.count {
            if bytes[i] == UInt8(ascii: "<") && bytes[i..<(i + pattern.count)].elementsEqual(pattern) { return i }
            i += 1
        }
        return nil
    }

    /// The rows of `<sheetData>`, each with its non-empty cells.
    private static func rows(_ xml: inout XMLScanner, strings: [String]) throws(XMLScanner.Failure) -> [Row] {
        var rows: [Row] = []
        var rowNumber = 0
        var cells: [Cell] = []
        var column = 0
        var inRow = false
        var rowNamed = false
        while let token = try xml.next() {
            switch token {
            case .start(let name, let tag, let selfClosing):
                if xml.isName(name, "row") {
                    rowNumber = try xml.attribute("r", in: tag).map { r throws(XMLScanner.Failure) in
                        try number(xml, r, limit: maximumRow, what: "row number")
                    } ?? rowNumber + 1
                    column = 0
                    cells.removeAll(keepingCapacity: true)
                    inRow = !selfClosing
                    rowNamed = xml.attribute("r", in: tag) != nil
                } else if xml.isName(name, "c") {
                    if !inRow {  // a cell outside any row: the row it names, or a new one
                        rowNumber += 1
                        inRow = true
                    }
                    if let r = xml.attribute("r", in: tag) {
                        let at = try reference(xml, r)
                        column = at.column
                        // A row without its own number takes the one its cells name.
                        if !rowNamed, let row = at.row, cells.isEmpty { rowNumber = row; rowNamed = true }
                    } else {
                        column += 1
                    }
                    if column > maximumColumn {
                        throw XMLScanner.Failure(reason: "a cell beyond column XFD", offset: tag.lowerBound)
                    }
                    if selfClosing { continue }
                    if let cell = try cell(&xml, tag: tag, column: column, strings: strings) { cells.append(cell) }
                } else if xml.isName(name, "sheetData") || xml.isName(name, "worksheet") {
                    continue
                } else if !selfClosing {
                    try xml.skipElement()  // columns, merged cells, page setup, extensions …
                }
            case .end(let name):
                if xml.isName(name, "row") {
                    if !cells.isEmpty { rows.append(Row(number: rowNumber, cells: cells)) }
                    inRow = false
                }
            case .text:
                break
            }
        }
        return rows
    }

    /// One cell whose start tag was just read, up to its end tag; nil when it holds nothing.
    private static func cell(
        _ xml: inout XMLScanner, tag: Range<Int>, column: Int, strings: [String]
    ) throws(XMLScanner.Failure) -> Cell? {
        let type = xml.attribute("t", in: tag).map { CellType(xml, $0) } ?? .number
        var value: String? = nil
        var inline: String? = nil
        while let token = try xml.next() {
            switch token {
            case .start(let name, _, let selfClosing):
                if selfClosing { continue }
                if xml.isName(name, "v") {
                    value = try elementText(&xml)
                } else if xml.isName(name, "is") {
                    inline = try richText(&xml)
                } else {
                    try xml.skipElement()  // the formula <f>, extensions
                }
            case .end:
                return try make(type: type, value: value, inline: inline, column: column, strings: strings, xml: xml)
            case .text:
                break
            }
        }
        throw XMLScanner.Failure(reason: "a cell that is never closed", offset: xml.position)
    }

    /// A cell's `t` attribute, compared as bytes (a string per cell cost more than its value).
    private enum CellType {
        case shared, inline, formulaText, error, date, boolean, number

        init(_ xml: XMLScanner, _ range: Range<Int>) {
            if xml.isName(range, "s") { self = .shared }
            else if xml.isName(range, "inlineStr") { self = .inline }
            else if xml.isName(range, "str") { self = .formulaText }
            else if xml.isName(range, "e") { self = .error }
            else if xml.isName(range, "d") { self = .date }
            else if xml.isName(range, "b") { self = .boolean }
            else { self = .number }
        }
    }

    private static func make(
        type: CellType, value: String?, inline: String?, column: Int, strings: [String], xml: XMLScanner
    ) throws(XMLScanner.Failure) -> Cell? {
        switch type {
        case .shared:
            guard let value else { return nil }
            guard let index = Int(value), strings.indices.contains(index) else {
                throw XMLScanner.Failure(reason: "a cell that names a shared string the workbook does not have", offset: xml.position)
            }
            return Cell(column: column, text: strings[index], isNumber: false)
        case .inline:
            guard let text = inline ?? value.map(unescaped) else { return nil }
            return Cell(column: column, text: text, isNumber: false)
        case .formulaText, .error, .date:
            return value.map { Cell(column: column, text: unescaped($0), isNumber: false) }
        case .boolean:
            return value.map { Cell(column: column, text: $0 == "1" ? "TRUE" : "FALSE", isNumber: false) }
        case .number:
            guard let value, !value.isEmpty else { return nil }
            return Cell(column: column, text: numberText(value), isNumber: true)
        }
    }

    /// A number cell's value as the sheet shows it: a whole number without decimals (`3.0`
    /// and `3` read as `3`, `1.5E+3` as `1500`), any other number in its shortest form (`3.5`,
    /// `1.5E+0` as `1.5`), so that a column that wants a whole number reports it as typed.
    static func numberText(_ raw: String) -> String {
        let trimmed = raw.trimmingSpaces()
        if let n = Int(trimmed) { return String(n) }
        guard let x = Double(trimmed), x.isFinite else { return trimmed }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
        return String(x)
    }

    /// The text content of a simple element whose start was just read, up to its end tag.
    private static func elementText(_ xml: inout XMLScanner) throws(XMLScanner.Failure) -> String {
        var text = ""
        while let token = try xml.next() {
            switch token {
            case .text(let range, let cdata):
                let piece = try xml.text(range, cdata: cdata)
                text = text.isEmpty ? piece : text + piece
            case .end: return text
            case .start(_, _, let selfClosing): if !selfClosing { try xml.skipElement() }
            }
        }
        throw XMLScanner.Failure(reason: "a value that is never closed", offset: xml.position)
    }

    private static func number(_ xml: XMLScanner, _ range: Range<Int>, limit: Int, what: String) throws(XMLScanner.Failure) -> Int {
        guard range.count <= 8, let n = Int(try xml.value(range)), (1...limit).contains(n) else {
            throw XMLScanner.Failure(reason: "a \(what) that is not between 1 and \(limit)", offset: range.lowerBound)
        }
        return n
    }

    /// An `A1` reference's column and row.
    private static func reference(_ xml: XMLScanner, _ range: Range<Int>) throws(XMLScanner.Failure) -> (column: Int, row: Int?) {
        var column = 0, row = 0, i = range.lowerBound
        let bytes = xml.bytes
        while i < range.upperBound, i - range.lowerBound < 4 {
            var b = bytes[i]
            if b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") { b -= 32 }
            guard b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(b - UInt8(ascii: "A") + 1)
            i += 1
        }
        if bytes[safe: i] == UInt8(ascii: "$") { i += 1 }
        let digitsStart = i
        while i < range.upperBound, let b = bytes[safe: i], b >= 0x30 && b <= 0x39, i - digitsStart < 8 {
            row = row * 10 + Int(b - 0x30)
            i += 1
        }
        guard column >= 1, column <= maximumColumn, i == range.upperBound else {
            throw XMLScanner.Failure(reason: "a cell reference that is not a column and row such as C7", offset: range.lowerBound)
        }
        return (column, row > 0 ? row : nil)
    }
}

extension Array {
    fileprivate subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\n" || c == "\r" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\n" || c == "\r" { s.removeLast() }
        return String(s)
    }
}
