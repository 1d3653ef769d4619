import Foundation
import GRDB
import Matcher

/// A round as the API lists it.
struct RoundListing: Sendable, Encodable {
    var id: Int64
    var name: String
    var status: String
    var previous: Int64?

    func encode(to encoder: any Encoder) throws {
        enum Keys: String, CodingKey { case id, name, status, previous }
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(status, forKey: .status)
        try c.encode(previous, forKey: .previous)  // null when there is none
    }
}

/// One stored input file's record (never its content).
struct StoredFile: Sendable, Encodable {
    var role: String
    var sha256: String
    var bytes: Int
    var rows: Int
    var uploadedAt: String
    var uploadedBy: String

    enum CodingKeys: String, CodingKey {
        case role, sha256, bytes, rows
        case uploadedAt = "uploaded_at", uploadedBy = "uploaded_by"
    }
}

/// A round in full, but for its plan's summary.
struct RoundDetail: Sendable {
    var listing: RoundListing
    var error: String?
    var createdAt: String
    var createdBy: String
    var publishedAt: String?
    var files: [StoredFile]
    var locks: Int
    var forbids: Int
}

extension OfficeStore {
    func rounds() async throws -> [RoundListing] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, status, previous_id FROM round ORDER BY id").map(Self.listing)
        }
    }

    private static func listing(_ row: Row) -> RoundListing {
        RoundListing(id: row["id"], name: row["name"], status: row["status"], previous: row["previous_id"])
    }

    func createRound(name: String, previous: Int64?, by user: String) async throws -> RoundListing {
        try await pool.write { db in
            if let previous {
                let status = try String.fetchOne(db, sql: "SELECT status FROM round WHERE id = ?", arguments: [previous])
                guard status == "published" else { throw RoundRefusal.previousNotPublished(previous) }
            }
            try db.execute(
                sql: "INSERT INTO round (name, status, previous_id, created_at, created_by) VALUES (?, 'draft', ?, ?, ?)",
                arguments: [name, previous, Clock.stamp(), user])
            return RoundListing(id: db.lastInsertedRowID, name: name, status: "draft", previous: previous)
        }
    }

    func round(_ id: Int64) async throws -> RoundDetail {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM round WHERE id = ?", arguments: [id]) else {
                throw RoundRefusal.noSuchRound(id)
            }
            let files = try Row.fetchAll(
                db,
                sql: "SELECT role, sha256, size, rows, uploaded_at, uploaded_by FROM round_file WHERE round_id = ? ORDER BY role",
                arguments: [id]
            ).map {
                StoredFile(
                    role: $0["role"], sha256: $0["sha256"], bytes: $0["size"], rows: $0["rows"],
                    uploadedAt: $0["uploaded_at"], uploadedBy: $0["uploaded_by"])
            }
            let counts = try Row.fetchAll(
                db, sql: "SELECT kind, COUNT(*) AS n FROM round_rule WHERE round_id = ? GROUP BY kind", arguments: [id])
            let count = { (kind: String) -> Int in counts.first { $0["kind"] == kind }?["n"] ?? 0 }
            return RoundDetail(
                listing: Self.listing(row), error: row["error"], createdAt: row["created_at"],
                createdBy: row["created_by"], publishedAt: row["published_at"], files: files,
                locks: count("lock"), forbids: count("forbid"))
        }
    }

    /// Checks that round `id` exists and may change: not published, not being solved.
    static func requireEditable(_ db: Database, _ id: Int64) throws {
        switch try String.fetchOne(db, sql: "SELECT status FROM round WHERE id = ?", arguments: [id]) {
        case nil: throw RoundRefusal.noSuchRound(id)
        case "published": throw RoundRefusal.published(id)
        case "solving": throw RoundRefusal.solving(id)
        default: break
        }
    }

    /// An input changed: the plan no longer follows from the inputs, so it is dropped.
    ///
    /// The plan's pairs are kept in `last_plan` first, so that the next solve can say what
    /// moved against it.
    static func dropPlan(_ db: Database, _ id: Int64) throws -> Bool {
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM plan_household WHERE round_id = ? LIMIT 1", arguments: [id]) == true {
            try db.execute(sql: "DELETE FROM last_plan WHERE round_id = ?", arguments: [id])
            try db.execute(
                sql: """
                    INSERT INTO last_plan (round_id, household_id, name, district, street, helper_id, helper_name)
                    SELECT round_id, household_id, name, district, street, helper_id, helper_name
                    FROM plan_household WHERE round_id = ?
                    """,
                arguments: [id])
        }
        try db.execute(sql: "DELETE FROM plan WHERE round_id = ?", arguments: [id])
        let dropped = db.changesCount > 0
        try db.execute(sql: "UPDATE round SET status = 'draft', error = NULL WHERE id = ?", arguments: [id])
        return dropped
    }

    /// Stores an input file as received (with its SHA-256) and, for the roll's files, the
    /// index of ids and places that scope checks use. Returns whether a plan was dropped.
    func storeFile(
        round id: Int64, role: String, content: [UInt8], sha256: String, rows: Int, by user: String,
        households: [(id: String, district: String, street: String)] = [], helpers: [String] = []
    ) async throws -> Bool {
        try await pool.write { db in
            try Self.requireEditable(db, id)
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO round_file (round_id, role, content, sha256, size, rows, uploaded_at, uploaded_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id, role, Data(content), sha256, content.count, rows, Clock.stamp(), user])
            if role == "households" {
                try db.execute(sql: "DELETE FROM round_household WHERE round_id = ?", arguments: [id])
                let insert = try db.makeStatement(
                    sql: "INSERT INTO round_household (round_id, household_id, district, street) VALUES (?, ?, ?, ?)")
                for h in households { try insert.execute(arguments: [id, h.id, h.district, h.street]) }
            }
            if role == "helpers" {
                try db.execute(sql: "DELETE FROM round_helper WHERE round_id = ?", arguments: [id])
                let insert = try db.makeStatement(sql: "INSERT INTO round_helper (round_id, helper_id) VALUES (?, ?)")
                for g in helpers { try insert.execute(arguments: [id, g]) }
            }
            return try Self.dropPlan(db, id)
        }
    }

    /// Adds locks or forbids (`kind` is `lock` or `forbid`); pairs given twice are kept once.
    /// A caller with a scope may name only households of its scope. Returns the number
    /// added and whether a plan was dropped.
    func addRules(
        round id: Int64, kind: String, pairs: [RoundPairing.Pair], scope: PlaceScope, by user: String
    ) async throws -> (added: Int, planDropped: Bool) {
        try await pool.write { db in
            try Self.requireEditable(db, id)
            var unknown: [String] = []
            var outside = 0
            let household = try db.makeStatement(
                sql: "SELECT district, street FROM round_household WHERE round_id = ? AND household_id = ?")
            let helper = try db.makeStatement(sql: "SELECT 1 FROM round_helper WHERE round_id = ? AND helper_id = ?")
            for (i, pair) in pairs.enumerated() {
                if let place = try Row.fetchOne(household, arguments: [id, pair.household]) {
                    if !scope.covers(district: place["district"], street: place["street"]) { outside += 1 }
                } else {
                    unknown.append("item \(i + 1): household_id names no household of this round")
                }
                if try Bool.fetchOne(helper, arguments: [id, pair.helper]) != true {
                    unknown.append("item \(i + 1): helper_id names no helper of this round")
                }
            }
            // Scope first: a clerk learns nothing about households outside its scope.
            if outside > 0 { throw RoundRefusal.outOfScope(households: outside) }
            if !unknown.isEmpty { throw RoundRefusal.unknownIds(unknown) }
            let insert = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO round_rule (round_id, kind, household_id, helper_id, added_by, added_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            var added = 0
            let now = Clock.stamp()
            for pair in pairs {
                try insert.execute(arguments: [id, kind, pair.household, pair.helper, user, now])
                added += db.changesCount
            }
            let dropped = added > 0 ? try Self.dropPlan(db, id) : false
            return (added, dropped)
        }
    }

    /// Marks the round `solving` and returns its inputs, in one transaction.
    func beginSolve(round id: Int64) async throws -> RoundPairing.Inputs {
        try await pool.write { db in
            try Self.requireEditable(db, id)
            let inputs = try Self.solveInputs(db, id)
            _ = try Self.dropPlan(db, id)
            try db.execute(sql: "UPDATE round SET status = 'solving' WHERE id = ?", arguments: [id])
            return inputs
        }
    }

    /// Round `id`'s inputs as a solve takes them: files, policy, locks, forbids and the
    /// previous round's pairs.
    static func solveInputs(_ db: Database, _ id: Int64) throws -> RoundPairing.Inputs {
        func file(_ role: String) throws -> RoundPairing.File? {
            try Row.fetchOne(
                db, sql: "SELECT content FROM round_file WHERE round_id = ? AND role = ?", arguments: [id, role]
            ).map { RoundPairing.File(name: role == "policy" ? "policy.yaml" : role + ".csv", bytes: Array(($0["content"] as Data))) }
        }
        guard let households = try file("households") else { throw RoundRefusal.missingInput("households") }
        guard let helpers = try file("helpers") else { throw RoundRefusal.missingInput("helpers") }
        var inputs = RoundPairing.Inputs(households: households, helpers: helpers)
        inputs.policy = try file("policy")
        let rules = try Row.fetchAll(
            db, sql: "SELECT kind, household_id, helper_id FROM round_rule WHERE round_id = ? ORDER BY id",
            arguments: [id])
        for rule in rules {
            let pair = RoundPairing.Pair(household: rule["household_id"], helper: rule["helper_id"])
            if rule["kind"] == "lock" { inputs.locks.append(pair) } else { inputs.forbids.append(pair) }
        }
        if let previous = try Int64.fetchOne(db, sql: "SELECT previous_id FROM round WHERE id = ?", arguments: [id]) {
            inputs.previous = try Row.fetchAll(
                db,
                sql: "SELECT household_id, helper_id FROM plan_row WHERE round_id = ? AND list = 'pairs' ORDER BY ordinal",
                arguments: [previous]
            ).map { RoundPairing.Pair(household: $0["household_id"], helper: $0["helper_id"]) }
        }
        return inputs
    }

    /// The solve failed: the round goes back to `draft` with the reason.
    func failSolve(round id: Int64, error: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "DELETE FROM plan WHERE round_id = ? AND (SELECT status FROM round WHERE id = ?) = 'solving'",
                arguments: [id, id])
            try db.execute(
                sql: "UPDATE round SET status = 'draft', error = ? WHERE id = ? AND status = 'solving'",
                arguments: [error, id])
        }
    }

    func publish(round id: Int64) async throws {
        try await pool.write { db in
            switch try String.fetchOne(db, sql: "SELECT status FROM round WHERE id = ?", arguments: [id]) {
            case nil: throw RoundRefusal.noSuchRound(id)
            case "published": throw RoundRefusal.published(id)
            case "solving": throw RoundRefusal.solving(id)
            case "draft": throw RoundRefusal.notSolved(id)
            default: break
            }
            try db.execute(
                sql: "UPDATE round SET status = 'published', published_at = ? WHERE id = ?", arguments: [Clock.stamp(), id])
        }
    }
}
