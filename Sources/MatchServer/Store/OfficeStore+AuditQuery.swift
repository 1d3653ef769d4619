import GRDB

/// What the audit page filters on; every part optional.
struct AuditFilter: Sendable {
    var user: String?
    var action: String?
    var round: Int64?
    /// Only refusals and failures (status 400 and above).
    var refusalsOnly = false
}

extension OfficeStore {
    /// The newest entries matching `filter`, at most `limit`, older than entry `before`.
    func auditEntries(_ filter: AuditFilter, limit: Int, before: Int64?) async throws -> [AuditEntry] {
        try await pool.read { db in
            var sql = "SELECT * FROM audit WHERE id < ?"
            var arguments: StatementArguments = [before ?? Int64.max]
            if let user = filter.user { sql += " AND user_name = ?"; arguments += [user] }
            if let action = filter.action { sql += " AND action = ?"; arguments += [action] }
            if let round = filter.round { sql += " AND round_id = ?"; arguments += [round] }
            if filter.refusalsOnly { sql += " AND status >= 400" }
            sql += " ORDER BY id DESC LIMIT ?"
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                AuditEntry(
                    id: $0["id"], at: $0["at"], user: $0["user_name"], role: $0["role"], address: $0["address"],
                    action: $0["action"], round: $0["round_id"], status: $0["status"], detail: $0["detail"])
            }
        }
    }

    /// The user names and actions that occur in the log (for the filter's choices).
    func auditChoices() async throws -> (users: [String], actions: [String]) {
        try await pool.read { db in
            (try String.fetchAll(db, sql: "SELECT DISTINCT user_name FROM audit WHERE user_name IS NOT NULL ORDER BY 1"),
             try String.fetchAll(db, sql: "SELECT DISTINCT action FROM audit ORDER BY 1"))
        }
    }
}
