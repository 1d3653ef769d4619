/// Reads a pairs file (a previous plan, a baseline, locks or forbids): columns
/// `household_id` (户编号) and `helper_id` (帮扶人编号); other columns are ignored, so one
/// run's pairs.csv is the next run's input.
public enum PairListReader {
    public struct Entry: Sendable, Equatable {
        public var household: Int
        public var helper: Int
        public var line: Int
        /// The worksheet when the file is a workbook (then `line` is its row).
        public var sheet: String? = nil
        /// Columns of household_id and helper_id (1-based), for messages about the pair.
        public var householdColumn: Int? = nil
        public var helperColumn: Int? = nil
    }

    static let aliases: [String: String] = [
        "household_id": "household_id", "户编号": "household_id",
        "helper_id": "helper_id", "帮扶人编号": "helper_id",
    ]

    /// Reads `path` against `roll`; problems are appended to `problems`.
    public static func read(
        path: String, roll: Roll, householdIndex: [String: Int], helperIndex: [String: Int],
        encoding: TextEncoding?, problems: inout [InputProblem]
    ) -> [Entry] {
        var table = Table(path: path, encoding: encoding, aliases: aliases)
        var entries: [Entry] = []
        let unreadable = table.problems.contains(where: \.makesFileUnreadable)
        if !unreadable && table.require(["household_id", "helper_id"]) {
            for record in table.records {
                let h = table.identifier(record, "household_id")
                let g = table.identifier(record, "helper_id")
                guard let h, let g else { continue }
                let hi = householdIndex[h], gi = helperIndex[g]
                if hi == nil {
                    table.problems.append(table.problem(record, "household_id", .unknownId(column: "household_id", table: "households")))
                }
                if gi == nil {
                    table.problems.append(table.problem(record, "helper_id", .unknownId(column: "helper_id", table: "helpers")))
                }
                if let hi, let gi {
                    entries.append(Entry(
                        household: hi, helper: gi, line: record.line, sheet: table.sheet,
                        householdColumn: table.problem(record, "household_id", .noRows).column,
                        helperColumn: table.problem(record, "helper_id", .noRows).column))
                }
            }
        }
        // A pairs file may legitimately be empty of rows (no locks this year).
        problems += table.problems.filter { $0.kind != .noRows }
        return entries
    }
}
