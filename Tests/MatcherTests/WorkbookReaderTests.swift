import Foundation
import Testing
@testable import Matcher

/// Reading .xlsx workbooks: fixtures written by openpyxl (an independent writer, see
/// scripts/make-workbook-fixtures.py), workbooks built cell by cell with ``ZipBuilder``, and
/// every way a file can be refused, each with its exact place and kind.
@Suite struct WorkbookReaderTests {
    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
            .appendingPathComponent("workbooks/" + name).path
    }

    static let helpersCSV = Array((RollReaderTests.helperHeader + "\n" + RollReaderTests.helper("G1") + "\n").utf8)

    /// The problems of households `bytes` (read against a one-helper CSV), as messages.
    static func problems(_ bytes: [UInt8], file: String = "households.xlsx") -> [String] {
        do {
            _ = try RollReader.parse(households: bytes, helpers: helpersCSV, householdsFile: file)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    /// A households workbook: the header row, then `rows` (XML of `<row>` elements).
    static func households(_ rows: String, strings: [String]? = nil) -> [UInt8] {
        let header = ["id", "name", "district", "street", "community", "members", "id_number"].enumerated().map {
            "<c r=\"\(InputProblem.columnName($0.offset + 1))1\" t=\"inlineStr\"><is><t>\($0.element)</t></is></c>"
        }.joined()
        return ZipBuilder.workbook(sheet: "低保户", rows: "<row r=\"1\">\(header)</row>" + rows, strings: strings).bytes
    }

    static func text(_ ref: String, _ s: String) -> String { "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(s)</t></is></c>" }
    static func place(_ row: Int) -> String { text("C\(row)", "西岗区") + text("D\(row)", "白云街道") + text("E\(row)", "春柳社区") }

    @Test func sharedStringsRichTextAndTextIdentityNumbers() throws {
        let roll = try RollReader.read(
            households: Self.fixture("households-shared-strings.xlsx"), helpers: Self.fixture("helpers.xlsx"))
        let hs = roll.households
        #expect(hs.ids == ["H001", "H002", "H003"])
        #expect(hs.names == ["张晓华", "欧阳明华", "李四"])  // H002's name is two rich-text runs
        #expect(hs.members == [3, 1, 2])  // H001's 3.0 is 3
        #expect(hs.severity == [4, 2, 5])
        #expect(hs.needs == [2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0])
        #expect(hs.idNumbers == ["210203198001011234", "21020319851231002X", ""])
        #expect(hs.phones == ["13800000001", "", "13800000003"])
        #expect(hs.lines == [2, 3, 5])  // row 4 is blank
        // helpers.xlsx: its first sheet is hidden; the visible 帮扶人 sheet is read.
        #expect(roll.helpers.ids == ["G01", "G02"])
        #expect(roll.helpers.capacity == [2, 1])
        #expect(roll.helpers.kinds == [.cadre, .partyBranch])
    }

    @Test func inlineStringsWithoutReferencesPhoneticRunsAndOddPaths() throws {
        let shared = try RollReader.read(
            households: Self.fixture("households-shared-strings.xlsx"), helpers: Self.fixture("helpers.xlsx"))
        let inline = try RollReader.read(
            households: Self.fixture("households-inline-strings.xlsx"), helpers: Self.fixture("helpers.xlsx"))
        // The phonetic run of 张晓华 is not read; rows without numbers count from 1.
        #expect(inline.households.names == shared.households.names)
        #expect(inline.households.ids == shared.households.ids)
        #expect(inline.households.needs == shared.households.needs)
        #expect(inline.households.idNumbers == shared.households.idNumbers)
        // Row 4 holds only formatted empty cells: a blank row, as in the shared-strings file.
        #expect(inline.households.lines == [2, 3, 5])
    }

    @Test func numberCellsInIdentityColumnsAreRefusedWithTheirCell() {
        let file = Self.fixture("households-number-id.xlsx")
        #expect(throws: InputProblems.self) {
            _ = try RollReader.read(households: file, helpers: Self.fixture("helpers.xlsx"))
        }
        do {
            _ = try RollReader.read(households: file, helpers: Self.fixture("helpers.xlsx"))
        } catch {
            #expect(error.problems.map(\.description) == [
                "\(file):低保户!J2: " + InputProblem(file: "", .numberCell(column: "id_number")).message,
                "\(file):低保户!F3: 'members' must be a whole number, not '3.5'",
            ])
            // No digits of the refused number in any message.
            #expect(!error.description.contains("2102031980"))
        }
    }

    @Test func cellsAndRowsWithoutReferencesEmptyCellsAndEscapes() throws {
        let rows = "<row>" + Self.text("A2", "H1") + "<c t=\"s\"><v>0</v></c>" + Self.place(2)
            + "<c r=\"F2\"><v>2.0</v></c><c r=\"G2\"/></row>"
            + "<row><c t=\"inlineStr\"><is><t>H2</t></is></c><c t=\"s\"><v>1</v></c>"
            + "<c t=\"inlineStr\"><is><t>西岗区</t></is></c><c t=\"inlineStr\"><is><t>白云街道</t></is></c>"
            + "<c t=\"inlineStr\"><is><t>春柳社区</t></is></c><c><v>1.5E+0</v></c></row>"
        let strings = ["<r><t>王</t></r><r><t xml:space=\"preserve\">_x0041_二</t></r><rPh><t>wang</t></rPh>", "<t>李&amp;三</t>"]
        let problems = Self.problems(Self.households(rows, strings: strings))
        #expect(problems == ["households.xlsx:低保户!F3: 'members' must be a whole number, not '1.5'"])
        var table = Table(
            bytes: Self.households(rows, strings: strings), file: "h.xlsx", encoding: nil,
            aliases: RollReader.householdAliases)
        #expect(table.problems.isEmpty)
        #expect(table.records.map(\.line) == [2, 3])
        #expect(table.text(table.records[0], "name") == "王A二")
        #expect(table.text(table.records[1], "name") == "李&三")
        #expect(table.integer(table.records[0], "members", default: 1, range: 1...99) == 2)
    }

    @Test func problemsNameSheetRowAndColumnLetters() {
        let rows = "<row r=\"7\">" + Self.text("A7", "H1") + Self.text("B7", "张三") + Self.place(7)
            + "<c r=\"F7\"><v>0</v></c></row>"
            + "<row r=\"9\">" + Self.text("A9", "H1") + Self.text("B9", "李四") + Self.place(9) + "</row>"
        #expect(Self.problems(Self.households(rows)) == [
            "households.xlsx:低保户!F7: 'members' is 0; it must be between 1 and 99",
            "households.xlsx:低保户!A9: 'id' repeats the id on row 7; ids must be unique",
        ])
    }

    @Test func filesThatAreNotTablesAreNamed() {
        let cases: [([UInt8], String)] = [
            (Array("%PDF-1.7\n".utf8), "a PDF document"),
            ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "an Excel 97–2003 workbook (.xls)"),
            ([0xFF, 0xFE, 0x69, 0x00], "UTF-16 text"),
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A], "an image"),
            ({ var z = ZipBuilder(); z.add("word/document.xml", "<w/>"); return z.bytes }(), "a Word document"),
        ]
        for (bytes, what) in cases {
            let problems = Self.problems(bytes)
            #expect(problems.count == 1)
            #expect(problems.first?.hasPrefix("households.xlsx: this file is \(what)") == true, "\(problems)")
        }
    }

    @Test func partsAreFoundWhateverTheirCaseOrSlash() throws {
        var zip = ZipBuilder.workbook(
            rows: "<row>" + Self.text("A1", "id") + "</row>", sheetPath: "XL\\Worksheets\\SHEET1.xml")
        zip.entries.removeAll { $0.name == "_rels/.rels" }  // and without the package's relationships
        let sheet = try Worksheet(workbook: zip.bytes, budget: .unlimited)
        #expect(sheet.rows == [Worksheet.Row(number: 1, cells: [.init(column: 1, text: "id", isNumber: false)])])
    }

    @Test func documentTypeDeclarationsAreRefused() {
        let laughs = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
            """
        let bytes = ZipBuilder.workbook(rows: "", workbookPrefix: laughs).bytes
        let problems = Self.problems(bytes)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("xl/workbook.xml: a document type declaration") == true, "\(problems)")
        // An entity that nothing declares is refused too.
        let undeclared = ZipBuilder.workbook(rows: "<row>" + Self.text("A1", "&lol;") + "</row>").bytes
        #expect(Self.problems(undeclared).first?.contains("an entity that is not defined") == true)
    }

    @Test func partsBeyondTheMemoryBudgetAreRefusedBeforeUnpacking() {
        let row = "<row>" + Self.text("A1", String(repeating: "x", count: 4_000)) + "</row>"
        let zip = ZipBuilder.workbook(rows: row)
        let size = zip.entries.first { $0.name == "xl/worksheets/sheet1.xml" }!.data.count
        let budget = MemoryBudget(bytes: 10_000, source: "test")
        #expect(throws: Worksheet.Failure.archive(.tooLarge(part: "xl/worksheets/sheet1.xml", bytes: size, limit: 2_500))) {
            _ = try Worksheet(workbook: zip.bytes, budget: budget)
        }
        let table = Table(bytes: zip.bytes, file: "h.xlsx", encoding: nil, aliases: [:], budget: budget)
        #expect(table.problems.map(\.kind) == [.workbookTooLarge(part: "xl/worksheets/sheet1.xml", bytes: size, limit: 2_500)])
    }

    @Test func aPartThatUnpacksBeyondItsDeclaredSizeIsRefused() {
        var zip = ZipBuilder.workbook(rows: "<row>" + Self.text("A1", "id") + "</row>")
        let i = zip.entries.firstIndex { $0.name == "xl/worksheets/sheet1.xml" }!
        zip.entries[i].declaredSize = 40
        let problems = Self.problems(zip.bytes)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("the workbook cannot be read") == true, "\(problems)")
    }

    @Test func brokenWorkbooksSayWhatIsWrong() {
        let cases: [(ZipBuilder, String)] = [
            (ZipBuilder.workbook(rows: "<row><c t=\"s\"><v>5</v></c></row>", strings: ["<t>a</t>"]),
             "xl/worksheets/sheet1.xml: a cell that names a shared string the workbook does not have"),
            (ZipBuilder.workbook(rows: "<row><c r=\"1A\"><v>1</v></c></row>"),
             "xl/worksheets/sheet1.xml: a cell reference that is not a column and row such as C7"),
            (ZipBuilder.workbook(rows: "<row><c><v>1</v></row>"),
             "xl/worksheets/sheet1.xml: an end tag that closes no open element of its name"),
            (ZipBuilder.workbook(rows: "<row><c><v>1</v></c>"),
             "xl/worksheets/sheet1.xml: an end tag that closes no open element of its name"),
            ({ var z = ZipBuilder.workbook(rows: ""); z.entries.removeAll { $0.name.hasSuffix("sheet1.xml") }; return z }(),
             "xl/worksheets/sheet1.xml: the workbook has no such part"),
        ]
        for (zip, reason) in cases {
            let problems = Self.problems(zip.bytes)
            #expect(problems.count == 1)
            #expect(problems.first?.hasPrefix("households.xlsx: the workbook cannot be read: " + reason) == true, "\(problems)")
        }
        #expect(Self.problems(Array("PK\u{3}\u{4}broken".utf8)).first?.contains("not a ZIP archive that can be opened") == true)
    }

    /// A large sheet is read in two halves at once; whatever lies across the cut, the rows
    /// are those of one pass.
    @Test(arguments: ["plain", "comment across the middle", "rows without numbers", "element across the middle"])
    func largeSheetsReadInTwoHalvesGiveTheRowsOfOnePass(shape: String) throws {
        let count = 12_000
        var rows: [String] = []
        var expected: [Worksheet.Row] = []
        for r in 1...count {
            let number = shape == "rows without numbers" ? "" : " r=\"\(r)\""
            rows.append("<row\(number)><c r=\"A\(r)\" t=\"inlineStr\"><is><t>行\(r)</t></is></c><c r=\"C\(r)\"><v>\(r).0</v></c></row>")
            expected.append(Worksheet.Row(number: r, cells: [
                .init(column: 1, text: "行\(r)", isNumber: false), .init(column: 3, text: String(r), isNumber: true),
            ]))
        }
        var xml = rows.joined()
        if shape == "comment across the middle" {
            // A comment that holds row tags, spanning the cut: its rows are not rows.
            let middle = rows[..<(count / 2 - 10)].joined().count
            let index = xml.index(xml.startIndex, offsetBy: middle)
            xml.insert(contentsOf: "<!--" + rows[0..<20].joined() + "-->", at: index)
        }
        if shape == "element across the middle" {
            xml = "<extra>" + xml + "</extra>"  // rows inside another element: not sheetData's rows
        }
        let zip = ZipBuilder.workbook(rows: xml)
        #expect(zip.entries.first { $0.name.hasSuffix("sheet1.xml") }!.data.count > Worksheet.twoHalvesFrom)
        let sheet = try Worksheet(workbook: zip.bytes, budget: .unlimited)
        let part = zip.entries.first { $0.name.hasSuffix("sheet1.xml") }!.data
        switch shape {
        case "plain": #expect(Worksheet.rowsInTwoHalves(part, strings: [])?.count == count)  // two halves were read
        case "rows without numbers", "element across the middle": #expect(Worksheet.rowsInTwoHalves(part, strings: []) == nil)
        default: break
        }
        if shape == "element across the middle" {
            // Rows outside <sheetData> are not the sheet's rows, in one pass or two.
            #expect(sheet.rows.count == 0)
            return
        }
        let same = sheet.rows == expected  // (not printed whole when it fails)
        #expect(sheet.rows.count == expected.count)
        #expect(same)
    }
}
