import Foundation
import GRDB

extension OfficeStore {
    /// Stores a new session; only the SHA-256 of its token is kept.
    func createSession(userId: Int64, key: String, csrfToken: String, lifetime: TimeInterval) async throws {
        let now = Date()
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM session WHERE expires_at < ?", arguments: [now.timeIntervalSince1970])
            try db.execute(
                sql: "INSERT INTO session (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [key, userId, csrfToken, Clock.stamp(now), now.addingTimeInterval(lifetime).timeIntervalSince1970])
        }
    }

    /// The user of a live session of an enabled account, or nil.
    func caller(sessionKey key: String) async throws -> Caller? {
        let now = Date().timeIntervalSince1970
        return try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT user.id, user.name, user.role, user.scope_district, user.scope_street, session.csrf_token
                    FROM session JOIN user ON user.id = session.user_id
                    WHERE session.token_hash = ? AND session.expires_at > ? AND user.disabled = 0
                    """,
                arguments: [key, now]
            ).flatMap { row in
                guard let role = Role(rawValue: row["role"]) else { return nil }
                return Caller(
                    userId: row["id"], name: row["name"], role: role,
                    // An administrator covers the whole city whatever scope was recorded.
                    scope: role == .admin ? .city : PlaceScope(district: row["scope_district"], street: row["scope_street"]),
                    sessionKey: key, csrfToken: row["csrf_token"])
            }
        }
    }

    func deleteSession(key: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM session WHERE token_hash = ?", arguments: [key])
        }
    }

    // MARK: Failed sign-ins (kept in the database, so a restart does not reset the throttle)

    func recordSignInFailure(name: String, address: String) async throws {
        let now = Date().timeIntervalSince1970
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM sign_in_failure WHERE at < ?", arguments: [now - 86_400])
            try db.execute(
                sql: "INSERT INTO sign_in_failure (name, address, at) VALUES (?, ?, ?)", arguments: [name, address, now])
        }
    }

    /// Failures for `name` and from `address` since `since`, and the oldest of each.
    func signInFailures(name: String, address: String, since: Double) async throws
        -> (byName: Int, oldestByName: Double?, byAddress: Int, oldestByAddress: Double?)
    {
        try await pool.read { db in
            let n = try Row.fetchOne(
                db, sql: "SELECT COUNT(*) AS c, MIN(at) AS m FROM sign_in_failure WHERE name = ? AND at >= ?",
                arguments: [name, since])
            let a = try Row.fetchOne(
                db, sql: "SELECT COUNT(*) AS c, MIN(at) AS m FROM sign_in_failure WHERE address = ? AND at >= ?",
                arguments: [address, since])
            return (n?["c"] ?? 0, n?["m"], a?["c"] ?? 0, a?["m"])
        }
    }

    func clearSignInFailures(name: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM sign_in_failure WHERE name = ?", arguments: [name])
        }
    }
}
