import Foundation
import GRDB

/// A user as `match user list` shows it (never the password hash).
public struct UserListing: Sendable, Equatable {
    public var name: String
    public var role: Role
    public var scope: PlaceScope
    public var disabled: Bool
    public var createdAt: String
}

/// What sign-in needs of a user.
struct Credentials: Sendable {
    var userId: Int64
    var passwordHash: String
    var disabled: Bool
}

extension OfficeStore {
    public func addUser(name: String, role: Role, scope: PlaceScope, passwordHash: String) throws {
        try pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM user WHERE name = ?", arguments: [name]) == true {
                throw StoreError.nameTaken(name)
            }
            try db.execute(
                sql: """
                    INSERT INTO user (name, role, scope_district, scope_street, password_hash, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [name, role.rawValue, scope.district, scope.street, passwordHash, Clock.stamp()])
        }
    }

    public func users() throws -> [UserListing] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM user ORDER BY name").map { row in
                UserListing(
                    name: row["name"], role: Role(rawValue: row["role"]) ?? .viewer,
                    scope: PlaceScope(district: row["scope_district"], street: row["scope_street"]),
                    disabled: row["disabled"], createdAt: row["created_at"])
            }
        }
    }

    /// Disables (or enables) a user; disabling ends the user's sessions.
    public func setDisabled(_ disabled: Bool, name: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE user SET disabled = ? WHERE name = ?", arguments: [disabled, name])
            if db.changesCount == 0 { throw StoreError.noSuchUser(name) }
            if disabled {
                try db.execute(
                    sql: "DELETE FROM session WHERE user_id = (SELECT id FROM user WHERE name = ?)", arguments: [name])
            }
        }
    }

    /// Sets a new password hash and ends the user's sessions.
    public func setPasswordHash(_ hash: String, name: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE user SET password_hash = ? WHERE name = ?", arguments: [hash, name])
            if db.changesCount == 0 { throw StoreError.noSuchUser(name) }
            try db.execute(
                sql: "DELETE FROM session WHERE user_id = (SELECT id FROM user WHERE name = ?)", arguments: [name])
        }
    }

    func credentials(name: String) async throws -> Credentials? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT id, password_hash, disabled FROM user WHERE name = ?", arguments: [name])
                .map { Credentials(userId: $0["id"], passwordHash: $0["password_hash"], disabled: $0["disabled"]) }
        }
    }
}
