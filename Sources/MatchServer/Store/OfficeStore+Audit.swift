import Foundation
import GRDB

/// One entry of the audit log: who, when, from where, what. `detail` holds ids and counts,
/// never personal data.
struct AuditEntry: Sendable, Encodable {
    var id: Int64? = nil
    var at: String
    var user: String?
    var role: String?
    var address: String
    var action: String
    var round: Int64?
    var status: Int
    var detail: String
}

extension OfficeStore {
    func audit(_ entry: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO audit (at, user_name, role, address, action, round_id, status, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [entry.at, entry.user, entry.role, entry.address, entry.action, entry.round, entry.status, entry.detail])
        }
    }

    /// The newest entries first, at most `limit`, older than entry `before` when given.
    func auditEntries(limit: Int, before: Int64?) async throws -> [AuditEntry] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?",
                arguments: [before ?? Int64.max, limit]
            ).map {
                AuditEntry(
                    id: $0["id"], at: $0["at"], user: $0["user_name"], role: $0["role"], address: $0["address"],
                    action: $0["action"], round: $0["round_id"], status: $0["status"], detail: $0["detail"])
            }
        }
    }
}
