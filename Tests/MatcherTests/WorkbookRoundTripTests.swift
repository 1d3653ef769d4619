import Foundation
import Testing
@testable import Matcher

/// Workbooks through whole runs: a roll saved as .xlsx by openpyxl pairs to the same files as
/// the same roll as CSV; a plan written as .xlsx by libxlsxwriter reads back to the same pairs
/// and the same rows; export by place splits the whole list without losing or repeating a row.
@Suite struct WorkbookRoundTripTests {
    static let fixture = WorkbookReaderTests.fixture

    /// Runs `match pair` in the library on `households` and `helpers` into a fresh directory.
    static func pair(
        _ households: String, _ helpers: String, in dir: TemporaryDirectory, _ name: String,
        format: Presentation.Format = .csv, language: Presentation.Language = .en, previous: String? = nil
    ) throws -> (YearlyPairing.Outcome, String) {
        var options = YearlyPairing.Options(households: households, helpers: helpers, outputDirectory: dir.file(name))
        options.presentation = Presentation(language: language, format: format)
        options.previous = previous
        options.publicNotice = true
        return (try YearlyPairing.run(options), dir.file(name))
    }

    static func bytes(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }

    @Test func aRollSavedAsWorkbooksPairsToTheSameFilesAsTheSameRollAsCSV() throws {
        let dir = TemporaryDirectory("xlsx-roll")
        defer { dir.remove() }
        let (fromCSV, csvOut) = try Self.pair(
            Self.fixture("roll-households.csv"), Self.fixture("roll-helpers.csv"), in: dir, "csv")
        let (fromXLSX, xlsxOut) = try Self.pair(
            Self.fixture("roll-households.xlsx"), Self.fixture("roll-helpers.xlsx"), in: dir, "xlsx")
        #expect(fromCSV.result.helperOf == fromXLSX.result.helperOf)
        #expect(fromCSV.summary.pairs > 100)
        for file in ["pairs.csv", "unpaired.csv", "public.csv"] {
            let a = Self.bytes(csvOut + "/" + file), b = Self.bytes(xlsxOut + "/" + file)
            #expect(!a.isEmpty && a == b, "\(file) differs")
        }
    }

    @Test(arguments: [Presentation.Language.en, .zh])
    func aPlanWrittenAsAWorkbookReadsBackToTheSamePairsAndRows(language: Presentation.Language) throws {
        let dir = TemporaryDirectory("xlsx-out")
        defer { dir.remove() }
        let (outcome, out) = try Self.pair(
            Self.fixture("roll-households.csv"), Self.fixture("roll-helpers.csv"), in: dir, "out",
            format: .xlsx, language: language)
        for file in ["pairs.xlsx", "unpaired.xlsx", "public.xlsx", "summary.json"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file) missing")
        }
        #expect(!FileManager.default.fileExists(atPath: out + "/pairs.csv"))
        // The pairs read back as a plan: the same helper for every household.
        let helperOf = try ExistingPlan.read(
            pairs: out + "/pairs.xlsx", roll: outcome.model.roll, model: nil, encoding: nil)
        #expect(helperOf == outcome.result.helperOf)
        // Every cell as written: texts as text cells, figures as number cells.
        let writer = PlanWriter(model: outcome.model, result: outcome.result, presentation: Presentation(language: language))
        for (file, table) in [("pairs.xlsx", writer.pairsTable()), ("unpaired.xlsx", writer.unpairedTable()),
                              ("public.xlsx", writer.publicNoticeTable())] {
            let sheet = try Worksheet(workbook: Self.bytes(out + "/" + file), budget: .unlimited)
            #expect(sheet.name == table.title)
            #expect(sheet.rows.first?.cells.map(\.text) == table.header)
            let read = sheet.rows.dropFirst().map { row in row.cells.map { ($0.column, $0.text, $0.isNumber) } }
            let written = table.rows.map { row in
                row.enumerated().compactMap { c, cell -> (Int, String, Bool)? in
                    if case .text(let s) = cell, s.isEmpty { return nil }
                    if case .number = cell { return (c + 1, cell.text, true) }
                    return (c + 1, cell.text, false)
                }
            }
            #expect(read.count == written.count)
            #expect(zip(read, written).allSatisfy { $0.elementsEqual($1, by: ==) }, "\(file) rows differ")
        }
    }

    @Test func thePairsWorkbookCarriesTheSummarySheet() throws {
        let dir = TemporaryDirectory("xlsx-summary")
        defer { dir.remove() }
        let (outcome, out) = try Self.pair(
            Self.fixture("roll-households.csv"), Self.fixture("roll-helpers.csv"), in: dir, "out", format: .xlsx,
            language: .zh)
        let rows = try WorkbookTestReader.sheet(2, of: Self.bytes(out + "/pairs.xlsx"))
        #expect(rows.name == "概况")
        let values = Dictionary(rows.rows.dropFirst().map { ($0.cells[0].text, $0.cells[1].text) }) { a, _ in a }
        #expect(values["结对户数"] == String(outcome.summary.pairs))
        #expect(values["未结对户数"] == String(outcome.summary.unpaired))
        #expect(values["方案总成本"] == String(outcome.summary.objective))
    }

    @Test(arguments: [PlaceExport.Level.street, .district], [Presentation.Format.csv, .xlsx])
    func exportByPlaceSplitsTheWholeListOnce(level: PlaceExport.Level, format: Presentation.Format) throws {
        let dir = TemporaryDirectory("xlsx-export")
        defer { dir.remove() }
        let (_, out) = try Self.pair(Self.fixture("roll-households.csv"), Self.fixture("roll-helpers.csv"), in: dir, "out")
        var options = PublicExport.Options(
            households: Self.fixture("roll-households.csv"), helpers: Self.fixture("roll-helpers.csv"),
            pairs: out + "/pairs.csv", output: dir.file("by"))
        options.by = level
        options.publicNotice = false
        options.presentation = Presentation(format: format)
        let written = try PublicExport.write(options)
        #expect(written.files.count > (level == .street ? 1 : 0))  // the roll has one district
        #expect(Set(written.files).count == written.files.count)
        // The places' pairs, read back and put together, are the whole pairs list in order.
        let whole = try CSVRecords(utf8: TextDecoding.utf8Bytes(Self.bytes(out + "/pairs.csv"), encoding: nil, file: "p"), file: "p")
            .records.map(\.fields)
        var together: [[String]] = []
        for file in written.files.sorted() {
            let rows: [[String]]
            if format == .csv {
                rows = try CSVRecords(utf8: TextDecoding.utf8Bytes(Self.bytes(file), encoding: nil, file: file), file: file)
                    .records.map(\.fields)
            } else {
                let sheet = try Worksheet(workbook: Self.bytes(file), budget: .unlimited)
                rows = sheet.rows.map { row in
                    var fields = [String](repeating: "", count: whole[0].count)
                    for cell in row.cells { fields[cell.column - 1] = cell.text }
                    return fields
                }
            }
            #expect(rows.first == whole.first)
            let street = rows.dropFirst().map { $0[level == .street ? 3 : 2] }
            #expect(Set(street).count <= 1, "\(file) holds more than one place")
            if let name = street.first {
                #expect(URL(fileURLWithPath: file).lastPathComponent.contains(name))
            }
            together += rows.dropFirst()
        }
        #expect(together.sorted { $0[0] < $1[0] } == whole.dropFirst().sorted { $0[0] < $1[0] })
    }
}

/// Reads any sheet of a workbook (the product reads only the first visible one).
enum WorkbookTestReader {
    static func sheet(_ n: Int, of bytes: [UInt8]) throws -> Worksheet {
        try Worksheet(workbook: bytes, budget: .unlimited, sheetIndex: n - 1)
    }
}
