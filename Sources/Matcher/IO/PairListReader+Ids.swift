extension PairListReader {
    /// A pair as written in the file, by ids.
    public struct IdPair: Sendable, Equatable {
        public var household: String
        public var helper: String
        public var line: Int
    }

    /// Reads `path` without a roll: a what-if's baseline may name households and helpers
    /// that have since left. Problems of the file itself (encoding, columns, blanks, a
    /// household listed twice) are appended to `problems`.
    public static func readIds(path: String, encoding: TextEncoding?, problems: inout [InputProblem]) -> [IdPair] {
        var table = Table(path: path, encoding: encoding, aliases: aliases)
        var pairs: [IdPair] = []
        var firstLine: [String: Int] = [:]
        let unreadable = table.problems.contains(where: \.makesFileUnreadable)
        if !unreadable && table.require(["household_id", "helper_id"]) {
            for record in table.records {
                guard let h = table.identifier(record, "household_id"),
                      let g = table.identifier(record, "helper_id") else { continue }
                if let first = firstLine[h] {
                    table.problems.append(table.problem(record, "household_id", .duplicateId(column: "household_id", firstLine: first)))
                    continue
                }
                firstLine[h] = record.line
                pairs.append(IdPair(household: h, helper: g, line: record.line))
            }
        }
        problems += table.problems.filter { $0.kind != .noRows }
        return pairs
    }
}
