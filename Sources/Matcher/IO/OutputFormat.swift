/// The file format of the lists written for people (pairs, unpaired, public notice, diff).
/// `csv` is what every command writes today; `xlsx` is reserved for Excel workbooks and is
/// refused with ``YearlyPairing/Failure/unsupported(_:)`` until the workbook writer lands.
public enum OutputFormat: String, Sendable, CaseIterable {
    case csv
    case xlsx
}
