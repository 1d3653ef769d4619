import Foundation

/// What an input file is, from its first bytes, so that a workbook, a PDF or UTF-16 text
/// given where a CSV table (or the YAML policy) is read is named as such, with what is
/// accepted, instead of being parsed as text into a page of "column missing" lines.
public enum InputFileKind {
    /// What a table file accepts, and how to get it from a spreadsheet program.
    static let csvAccepted =
        "a CSV file is read here (UTF-8 or GB18030); in Excel or WPS choose 另存为 (Save As) → \"CSV UTF-8 (逗号分隔)\" and give that file"
    static let policyAccepted = "the policy is a YAML text file (see samples/xigang/policy.yaml)"

    /// A problem for each file that is recognisably not text (unreadable files are left
    /// to the readers, which say why).
    static func problems(tables: [String], policy: String?) -> [InputProblem] {
        var problems: [InputProblem] = []
        for path in tables {
            if let found = foreignFormat(path) {
                problems.append(InputProblem(file: path, .wrongFormat(found: found, accepted: csvAccepted)))
            }
        }
        if let policy, let found = foreignFormat(policy) {
            problems.append(InputProblem(file: policy, .wrongFormat(found: found, accepted: policyAccepted)))
        }
        return problems
    }

    /// The format `path` starts like, when it is one that no text reader takes; nil for
    /// text (or a file that cannot be opened).
    static func foreignFormat(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 8) else { return nil }
        let bytes = [UInt8](head)
        let lowered = path.lowercased()
        func starts(_ prefix: [UInt8]) -> Bool { bytes.starts(with: prefix) }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            if lowered.hasSuffix(".xlsx") || lowered.hasSuffix(".xlsm") { return "an Excel workbook (.xlsx)" }
            if lowered.hasSuffix(".et") || lowered.hasSuffix(".ods") { return "a WPS or OpenDocument spreadsheet" }
            return "a ZIP archive (an Excel, WPS or OpenDocument file)"
        }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return "an old-style Excel workbook (.xls) or another Office file"
        }
        if starts(Array("%PDF".utf8)) { return "a PDF document" }
        if starts([0xFF, 0xFE]) || starts([0xFE, 0xFF]) {
            return "UTF-16 text (Excel's \"Unicode text\")"
        }
        return nil
    }
}
