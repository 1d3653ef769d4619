import Foundation
import Testing
@testable import Matcher

/// Workbooks through the `match` executable: `--format xlsx` on pair, whatif and export,
/// `export --by street`, and a file that is not a table.
@Suite(.serialized) struct WorkbookCLITests {
    static let households = WorkbookReaderTests.fixture("roll-households.xlsx")
    static let helpers = WorkbookReaderTests.fixture("roll-helpers.xlsx")

    @Test func pairWhatIfAndExportWriteWorkbooks() throws {
        let dir = TemporaryDirectory("cli-xlsx")
        defer { dir.remove() }
        let inputs = ["--households", Self.households, "--helpers", Self.helpers]
        let pair = try CLITests.match(["pair"] + inputs + ["--out", dir.file("out"), "--format", "xlsx", "--lang", "zh", "--public"], in: dir)
        #expect(pair.status == 0, "\(pair.stderr)")
        #expect(pair.stdout.contains("/out/pairs.xlsx"))
        for name in ["pairs.xlsx", "unpaired.xlsx", "public.xlsx", "summary.json"] {
            #expect(FileManager.default.fileExists(atPath: dir.file("out/" + name)), "\(name)")
        }
        let pairs = try Worksheet(workbook: CLITests.bytes(dir.file("out/pairs.xlsx")), budget: .unlimited)
        #expect(pairs.name == "结对名单")
        // A what-if against the workbook plan, itself written as workbooks.
        let firstHelper = pairs.rows[1].cells.first { $0.column == 7 }!.text
        let whatif = try CLITests.match(
            ["whatif"] + inputs + ["--baseline", dir.file("out/pairs.xlsx"), "--remove-helper", firstHelper,
                                  "--out", dir.file("whatif"), "--format", "xlsx"], in: dir)
        #expect(whatif.status == 0, "\(whatif.stderr)")
        let diff = try Worksheet(workbook: CLITests.bytes(dir.file("whatif/diff.xlsx")), budget: .unlimited)
        #expect(diff.name == "Changes")
        #expect(diff.rows.count >= 2)
        // One file per street, named after it.
        let export = try CLITests.match(
            ["export"] + inputs + ["--pairs", dir.file("out/pairs.xlsx"), "--by", "street", "--format", "xlsx",
                                  "--out", dir.file("streets")], in: dir)
        #expect(export.status == 0, "\(export.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.file("streets")).sorted()
        #expect(files.count > 1 && files.allSatisfy { $0.hasPrefix("西岗区-") && $0.hasSuffix("街道.xlsx") }, "\(files)")
        // Again without --force: nothing is replaced.
        let again = try CLITests.match(
            ["export"] + inputs + ["--pairs", dir.file("out/pairs.xlsx"), "--by", "street", "--out", dir.file("streets"),
                                  "--format", "xlsx"], in: dir)
        #expect(again.status != 0 && again.stderr.contains("already exist"))
    }

    @Test func aFileThatIsNotATableIsNamedForWhatItIs() throws {
        let dir = TemporaryDirectory("cli-pdf")
        defer { dir.remove() }
        let pdf = dir.write("households.xlsx", "%PDF-1.4\n%âãÏÓ\n1 0 obj\n")
        let run = try CLITests.match(["validate", "--households", pdf, "--helpers", Self.helpers], in: dir)
        #expect(run.status != 0)
        #expect(run.stderr.hasPrefix("\(pdf): this file is a PDF document, not a table; give an Excel workbook (.xlsx) or a CSV file"), "\(run.stderr)")
        #expect(!run.stderr.contains("header but no data rows"))
    }
}
