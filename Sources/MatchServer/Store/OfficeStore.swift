import Foundation
import GRDB

/// The office's database: one SQLite file in the data folder, opened as a GRDB
/// `DatabasePool` (WAL: readers never wait for the writer), foreign keys on, the schema
/// brought up to date by ``Migrations`` on every start. Every change to the office's data
/// goes through this type, each in one transaction, so a process killed at any moment
/// leaves the last committed state.
public final class OfficeStore: Sendable {
    let pool: DatabasePool
    public let path: String

    public static let fileName = "office.sqlite"

    /// Opens (creating if needed) the database in `directory`.
    public init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/" + Self.fileName
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL with NORMAL sync: a commit survives a killed process (not a power cut
            // between checkpoints, which FULL would add at a cost on every write).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try Migrations.migrator.migrate(pool)
    }

    /// A consistent copy of the whole database, taken online (SQLite's backup API through
    /// GRDB), written to `file` (which must not exist).
    public func backup(to file: String) throws {
        if FileManager.default.fileExists(atPath: file) { throw StoreError.exists(file) }
        let partial = file + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            let copy = try DatabaseQueue(path: partial)
            try pool.backup(to: copy)
            try copy.close()
            try FileManager.default.moveItem(atPath: partial, toPath: file)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    /// Rounds left `solving` by a process that stopped mid-solve go back to `draft`, with an
    /// error saying so, so that the solve can be run again. Returns their ids.
    @discardableResult
    public func recoverInterruptedSolves() throws -> [Int64] {
        try pool.write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM round WHERE status = 'solving' ORDER BY id")
            // A plan half stored when the process stopped goes with it.
            try db.execute(sql: "DELETE FROM plan WHERE round_id IN (SELECT id FROM round WHERE status = 'solving')")
            try db.execute(sql: """
                UPDATE round SET status = 'draft',
                    error = 'the server stopped during the solve; nothing of it was kept; run the solve again'
                WHERE status = 'solving'
                """)
            return ids
        }
    }
}

/// Why a change to the database was refused.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// A user name that is taken.
    case nameTaken(String)
    /// No user of that name.
    case noSuchUser(String)
    /// A backup file that exists already.
    case exists(String)

    public var description: String {
        switch self {
        case .nameTaken(let name): "a user named '\(name)' exists already"
        case .noSuchUser(let name): "no user named '\(name)'"
        case .exists(let file): "\(file) exists already; choose another file"
        }
    }
}

/// Timestamps as the database keeps them: ISO 8601 in UTC, to the second.
enum Clock {
    static func stamp(_ date: Date = Date()) -> String {
        date.formatted(.iso8601)
    }
}
