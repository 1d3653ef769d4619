import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MatchServer

/// A round left `solving` by a stopped process comes back as a draft that can be solved.
/// (The kill -9 check on a real process is scripts/server-crash-check.sh.)
@Suite struct RecoveryTests {
    @Test func interruptedSolveGoesBackToDraftAndRunsAgain() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            try await client.prepareRounds(admin)
        }
        // As a process killed mid-solve leaves it: status solving, no plan.
        let store = try OfficeStore(directory: office.directory)
        _ = try await store.beginSolve(round: 2)
        #expect(try await store.round(2).listing.status == "solving")
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            let round = try JSONSerialization.jsonObject(
                with: Data(buffer: try await client.call(.get, "/api/rounds/2", as: admin).body)) as? [String: Any]
            #expect(round?["status"] as? String == "draft")
            #expect((round?["error"] as? String)?.contains("stopped during the solve") == true)
            // Round 1's plan is untouched.
            #expect(try await client.call(.get, "/api/rounds/1/pairs.csv", as: admin).status == .ok)
            #expect(try await client.call(.post, "/api/rounds/2/solve", as: admin).status == .accepted)
            #expect(try await client.waitForSolve(2, as: admin)["status"] as? String == "solved")
        }
    }

    @Test func backupIsAConsistentCopy() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            try await client.prepareRounds(admin)
        }
        let file = office.directory + "/backup.sqlite"
        let store = try OfficeStore(directory: office.directory)
        try store.backup(to: file)
        #expect(throws: StoreError.exists(file)) { try store.backup(to: file) }
        let copy = try DatabaseQueue(path: file)
        let (rounds, rows) = try await copy.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM round") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM plan_row WHERE round_id = 1") ?? 0)
        }
        #expect(rounds == 2)
        #expect(rows > 0)
    }
}
