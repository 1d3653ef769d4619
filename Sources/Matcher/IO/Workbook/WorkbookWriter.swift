import CXLSXWriter
import Foundation

/// Writes lists as an .xlsx workbook with Debian's libxlsxwriter, laid out for a street
/// office that filters, reads and prints them: a bold header row, frozen, with filters;
/// columns as wide as their longest text (a Chinese character counts twice); identifiers and
/// identity numbers as text cells (never numbers that lose digits), figures as numbers; and
/// for printing, the list's title on top and the header row on every page, A4 one page wide
/// (landscape when the columns are too wide for portrait), numbered pages.
///
/// The library writes to a file; the workbook is written to a private temporary file, read
/// back and removed, so that the caller writes the bytes with ``AtomicFile`` like every other
/// output (whole or not at all). All C pointers live inside ``workbook(_:language:)``.
public enum WorkbookWriter {
    /// Why a workbook could not be built, in libxlsxwriter's words.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { "cannot build the workbook (\(reason))" }
    }

    /// Column widths in Excel's character units: at least the header's, at most this.
    static let maximumWidth = 60.0
    /// A4 in Excel's paper codes.
    static let paperA4: UInt8 = 9
    /// Widest table (in character units) printed portrait on A4; wider ones go landscape.
    static let portraitWidth = 100.0

    /// The bytes of a workbook with one sheet per table, in order.
    public static func workbook(_ tables: [ListTable], language: Presentation.Language) throws(Failure) -> [UInt8] {
        let temporary = FileManager.default.temporaryDirectory.path
            + "/.match-\(getpid())-\(UInt32.random(in: .min ... .max)).xlsx"
        PendingFiles.add(temporary)
        defer {
            unlink(temporary)
            PendingFiles.remove(temporary)
        }
        guard let workbook = workbook_new(temporary) else {
            throw Failure(reason: "libxlsxwriter could not start a workbook in \(FileManager.default.temporaryDirectory.path)")
        }
        // Reproducible files: a fixed creation time instead of the clock's.
        var properties = lxw_doc_properties()
        properties.created = 0
        _ = workbook_set_properties(workbook, &properties)
        let formats = Formats(workbook)
        var failure: Failure? = nil
        var usedNames: Set<String> = []
        for table in tables {
            let name = sheetName(table.title, avoiding: usedNames)
            usedNames.insert(name.lowercased())
            guard let sheet = workbook_add_worksheet(workbook, name) else {
                failure = Failure(reason: "could not add the sheet \(name)")
                break
            }
            if let error = write(table, to: sheet, formats: formats, language: language) {
                failure = error
                break
            }
        }
        let closed = workbook_close(workbook)  // frees the workbook, also after a failure
        if let failure { throw failure }
        if closed != LXW_NO_ERROR { throw Failure(reason: String(cString: lxw_strerror(closed))) }
        guard let data = FileManager.default.contents(atPath: temporary) else {
            throw Failure(reason: "the workbook written to \(temporary) cannot be read back")
        }
        return [UInt8](data)
    }

    /// The cell formats, owned by the workbook.
    private struct Formats {
        let header: UnsafeMutablePointer<lxw_format>
        let text: UnsafeMutablePointer<lxw_format>
        let number: UnsafeMutablePointer<lxw_format>
        /// A figure in a labels-and-values table, aligned with the texts beside it.
        let value: UnsafeMutablePointer<lxw_format>

        init(_ workbook: UnsafeMutablePointer<lxw_workbook>) {
            header = workbook_add_format(workbook)
            format_set_bold(header)
            format_set_bg_color(header, 0xDDEBF7)
            format_set_border(header, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_align(header, UInt8(LXW_ALIGN_CENTER.rawValue))
            format_set_align(header, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
            // "@" is Excel's Text format: an id typed over stays text.
            text = workbook_add_format(workbook)
            format_set_num_format(text, "@")
            number = workbook_add_format(workbook)
            format_set_num_format(number, "0")
            format_set_align(number, UInt8(LXW_ALIGN_CENTER.rawValue))
            value = workbook_add_format(workbook)
            format_set_num_format(value, "0")
            format_set_align(value, UInt8(LXW_ALIGN_LEFT.rawValue))
        }
    }

    private static func write(
        _ table: ListTable, to sheet: UnsafeMutablePointer<lxw_worksheet>, formats: Formats,
        language: Presentation.Language
    ) -> Failure? {
        func check(_ error: lxw_error) -> Failure? {
            error == LXW_NO_ERROR ? nil : Failure(reason: String(cString: lxw_strerror(error)))
        }
        let columns = table.header.count
        var widths = table.header.map { displayWidth($0) + 4 }  // room for the filter button
        for (c, title) in table.header.enumerated() {
            if let e = check(worksheet_write_string(sheet, 0, lxw_col_t(c), title, formats.header)) { return e }
        }
        for (r, row) in table.rows.enumerated() {
            let line = lxw_row_t(r + 1)
            for (c, cell) in row.enumerated() {
                let error: lxw_error
                switch cell {
                case .text(let s):
                    if s.isEmpty { continue }
                    error = worksheet_write_string(sheet, line, lxw_col_t(c), s, nil)
                case .code(let s):
                    error = worksheet_write_string(sheet, line, lxw_col_t(c), s, formats.text)
                case .number(let n):
                    let format = table.layout == .list ? formats.number : formats.value
                    error = worksheet_write_number(sheet, line, lxw_col_t(c), Double(n), format)
                }
                if let e = check(error) { return e }
                if c < widths.count { widths[c] = max(widths[c], displayWidth(cell.text) + 2) }
            }
        }
        for c in 0..<columns {
            let width = min(maximumWidth, widths[c])
            if let e = check(worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), width, nil)) { return e }
        }
        guard columns > 0 else { return nil }
        worksheet_freeze_panes(sheet, 1, 0)
        if table.layout == .list {
            if let e = check(worksheet_autofilter(sheet, 0, 0, lxw_row_t(table.rows.count), lxw_col_t(columns - 1))) { return e }
        }
        if let e = check(worksheet_repeat_rows(sheet, 0, 0)) { return e }
        if widths.reduce(0, { $0 + min(maximumWidth, $1) }) > portraitWidth {
            worksheet_set_landscape(sheet)
        } else {
            worksheet_set_portrait(sheet)
        }
        worksheet_set_paper(sheet, paperA4)
        worksheet_fit_to_pages(sheet, 1, 0)
        worksheet_set_margins(sheet, 0.4, 0.4, 0.6, 0.6)
        // "&&" prints one "&" (the codes are Excel's: &C centre, &B bold, &P page, &N pages).
        let title = table.title.replacingOccurrences(of: "&", with: "&&")
        if let e = check(worksheet_set_header(sheet, "&C&B\(title)")) { return e }
        let footer = language == .zh ? "&C\(title)　第 &P 页，共 &N 页" : "&C\(title) — page &P of &N"
        return check(worksheet_set_footer(sheet, footer))
    }

    /// Width of `text` in Excel's character units: East Asian wide characters count two.
    static func displayWidth(_ text: String) -> Double {
        var width = 0.0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
                 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                width += 2
            default:
                width += 1
            }
        }
        return width
    }

    /// `title` as Excel allows a sheet name: at most 31 characters, none of `[]:*?/\`, not
    /// used already (Excel compares names without case).
    static func sheetName(_ title: String, avoiding used: Set<String>) -> String {
        let forbidden = Set("[]:*?/\\")
        var base = String(title.map { forbidden.contains($0) ? "_" : $0 }.prefix(31))
        if base.isEmpty { base = "Sheet" }
        var name = base, n = 2
        while used.contains(name.lowercased()) {
            let suffix = " (\(n))"
            name = String(base.prefix(31 - suffix.count)) + suffix
            n += 1
        }
        return name
    }
}
