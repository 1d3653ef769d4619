import Foundation

/// What the policy file is, from its first bytes, so that a workbook, a PDF or UTF-16 text
/// given where the YAML policy is read is named as such, with what is accepted, instead of
/// being parsed into a page of YAML errors. (Table files name such formats themselves, as
/// they read workbooks too: ``InputFormat``.)
public enum InputFileKind {
    static let policyAccepted = "the policy is a YAML text file (see samples/xigang/policy.yaml)"

    /// A problem when the policy file is recognisably not text (an unreadable file is left
    /// to the reader, which says why).
    static func problems(policy: String?) -> [InputProblem] {
        guard let policy, let found = foreignFormat(policy) else { return [] }
        return [InputProblem(file: policy, .wrongFormat(found: found, accepted: policyAccepted))]
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
