import GRDB

extension OfficeStore {
    /// The streets of round `id`'s roll within `scope` (`DISTRICT/STREET`, sorted): the
    /// choices of the pages' place filters.
    func streets(round id: Int64, scope: PlaceScope) async throws -> [String] {
        try await pool.read { db in
            var sql = "SELECT DISTINCT district, street FROM round_household WHERE round_id = ?"
            var arguments: StatementArguments = [id]
            if let district = scope.district { sql += " AND district = ?"; arguments += [district] }
            if let street = scope.street { sql += " AND street = ?"; arguments += [street] }
            sql += " ORDER BY district, street"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { ($0["district"] as String) + "/" + ($0["street"] as String) }
        }
    }
}
