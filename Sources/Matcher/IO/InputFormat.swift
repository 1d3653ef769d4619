/// What an input file is, told from its first bytes (never from its name: offices rename
/// files, and a server receives bytes without one).
enum InputFormat: Equatable {
    /// Text, read as CSV (UTF-8 or GB18030).
    case text
    /// A ZIP archive: an .xlsx workbook, or else named by ``WorkbookArchive``.
    case zip
    /// Something that is not a table: what it most likely is, in the user's words.
    case other(String)

    init(sniffing bytes: [UInt8]) {
        func starts(_ magic: [UInt8]) -> Bool { bytes.starts(with: magic) }
        if WorkbookArchive.looksLikeZIP(bytes) {
            self = .zip
        } else if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // The compound-file container of Office 97–2003, which password-protected .xlsx
            // files use too.
            self = .other("an Excel 97–2003 workbook (.xls), a password-protected workbook or another old Office file")
        } else if starts(Array("%PDF".utf8)) {
            self = .other("a PDF document")
        } else if starts([0x89, 0x50, 0x4E, 0x47]) || starts([0xFF, 0xD8, 0xFF]) || starts(Array("GIF8".utf8)) {
            self = .other("an image")
        } else if starts([0xFF, 0xFE]) || starts([0xFE, 0xFF]) {
            self = .other("UTF-16 text (Excel's \"Unicode text\")")
        } else if starts([0x1F, 0x8B]) || starts(Array("Rar!".utf8)) || starts([0x37, 0x7A, 0xBC, 0xAF]) {
            self = .other("a compressed archive")
        } else if bytes.prefix(8192).contains(0) {
            self = .other("a binary file")
        } else {
            self = .text
        }
    }
}
