import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MatchServer
import Matcher

/// The round operations of issue 19 (part A) through the JSON API, on the fixture's round 1.
@Suite struct RoundOperationsTests {
    static func json(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
    }

    static func rows(_ page: [String: Any]) -> [[String: Any]] { page["rows"] as? [[String: Any]] ?? [] }

    @Test func pairListIsScopedSearchedFilteredAndPaged() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            try await client.prepareRounds(admin)
            let all = try Self.json(try await client.call(.get, "/api/rounds/1/pair-list", as: admin))
            #expect(all["total"] as? Int == 5)
            #expect(Self.rows(all).map { $0["household_id"] as? String } == ["h4", "h5", "h3", "h1", "h2"])  // 中山区 before 西岗区, as the lists
            #expect(Self.rows(all).allSatisfy { ($0["id_number"] as? String)?.contains("*") == false })

            // A clerk sees its street only, with whole identity numbers; a viewer its district, masked.
            let clerk = try #require(try await client.login(.clerkInScope))
            let mine = try Self.json(try await client.call(.get, "/api/rounds/1/pair-list", as: clerk))
            #expect(Set(Self.rows(mine).compactMap { $0["household_id"] as? String }) == ["h1", "h2"])
            #expect(Self.rows(mine).allSatisfy { ($0["id_number"] as? String)?.hasPrefix("210202199001") == true })
            let viewer = try #require(try await client.login(.viewer))
            let district = try Self.json(try await client.call(.get, "/api/rounds/1/pair-list", as: viewer))
            #expect(district["total"] as? Int == 3)
            #expect(Self.rows(district).allSatisfy { ($0["id_number"] as? String) == "2102**********" + String(($0["id_number"] as? String ?? "").suffix(4)) })
            // Another street's place is refused.
            let refused = try await client.call(.get, "/api/rounds/1/pair-list?place=%E4%B8%AD%E5%B1%B1%E5%8C%BA", as: clerk)
            #expect(refused.status == .forbidden)

            // Search by name, id and place; filters; paging; sort.
            func page(_ query: String) async throws -> [String: Any] {
                let response = try await client.call(.get, "/api/rounds/1/pair-list?" + query, as: admin)
                #expect(response.status == .ok, "\(query): \(String(buffer: response.body))")
                return try Self.json(response)
            }
            let byName = try await page("q=" + "三丰".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(Self.rows(byName).map { $0["household_id"] as? String } == ["h1"])
            #expect(try await page("q=H4")["total"] as? Int == 1)
            let street = try await page("q=" + "桂林".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(Set(Self.rows(street).compactMap { $0["household_id"] as? String }) == ["h4", "h5"])
            #expect(try await page("q=%25")["total"] as? Int == 0)  // a literal %, not a wildcard
            let paged = try await page("page_size=2&page=3")
            #expect(paged["total"] as? Int == 5)
            #expect(Self.rows(paged).map { $0["household_id"] as? String } == ["h2"])
            let bySeverity = try await page("sort=severity&desc=true")
            let severities = Self.rows(bySeverity).compactMap { $0["severity"] as? Int }
            #expect(severities == severities.sorted(by: >) && severities.count == 5)
            // Every row is either counted as unpaired or has a helper; the filters partition the roll.
            let unpaired = try await page("status=unpaired")["total"] as? Int ?? -1
            let paired = try await page("status=new")["total"] as? Int ?? -1
            #expect(unpaired + paired == 5)
            let unmet = try await page("unmet=true")["total"] as? Int ?? -1
            let met = try await page("unmet=false")["total"] as? Int ?? -1
            #expect(unmet + met == 5)
            let cadres = try await page("kind=cadre")
            #expect(Self.rows(cadres).allSatisfy { $0["helper_kind"] as? String == "cadre" && $0["kind_words"] as? String == "干部" })
            #expect(try await client.call(.get, "/api/rounds/1/pair-list?sort=shoe", as: admin).status == .badRequest)
            #expect(try await client.call(.get, "/api/rounds/1/pair-list?place=", as: admin).status == .badRequest)
            #expect(try await client.call(.get, "/api/rounds/1/pair-list?lang=fr", as: admin).status == .badRequest)
            #expect(try await client.call(.get, "/api/rounds/1/pair-list?kind=%E5%B9%B2%E9%83%A8", as: admin).status == .ok)  // 干部
            #expect(try await client.call(.get, "/api/rounds/1/pair-list?page=0", as: admin).status == .badRequest)
            #expect(try await client.call(.get, "/api/rounds/1/pair-list?page=9223372036854775807", as: admin).status == .badRequest)
            let farAway = try await page("page=10000000")
            #expect(Self.rows(farAway).isEmpty && farAway["total"] as? Int == 5)
            // A draft round has no list.
            #expect(try await client.call(.get, "/api/rounds/2/pair-list", as: admin).status == .conflict)
        }
    }
}

/// Hand edits through the API: kept by a re-solve, the plan proven given them, the changes
/// reported, scope refusals.
@Suite struct HandEditTests {
    @Test func aHandEditSurvivesReSolvingAndThePlanStaysProven() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            try await client.prepareRounds(admin)
            func pairOf(_ household: String) async throws -> [String: Any] {
                let detail = try RoundOperationsTests.json(
                    try await client.call(.get, "/api/rounds/1/pair-list/\(household)", as: admin))
                return detail["pair"] as? [String: Any] ?? [:]
            }
            let before = try await pairOf("h2")
            // Move h2 to a helper it does not have now (g1 or g2, both within reach).
            let target = before["helper_id"] as? String == "g1" ? "g2" : "g1"
            let clerk = try #require(try await client.login(.clerkInScope))
            let moved = try await client.call(
                .post, "/api/rounds/1/edits", as: clerk,
                body: #"{"kind":"move","household_id":"h2","helper_id":"\#(target)","note":"住得近"}"#)
            #expect(moved.status == .created, "\(String(buffer: moved.body))")
            // The same move again renews the note; it is still one edit.
            let again = try await client.call(
                .post, "/api/rounds/1/edits", as: clerk,
                body: #"{"kind":"move","household_id":"h2","helper_id":"\#(target)","note":"住得近"}"#)
            #expect(again.status == .created, "\(String(buffer: again.body))")
            // The plan is dropped until the round is solved again.
            #expect(try await client.call(.get, "/api/rounds/1/pair-list", as: admin).status == .conflict)
            // Out of scope: 桂林街道's clerk may not lock h1, nor remove the move.
            let outsider = try #require(try await client.login(.clerkOutOfScope))
            #expect(try await client.call(
                .post, "/api/rounds/1/edits", as: outsider, body: #"{"kind":"lock","household_id":"h1","helper_id":"g1"}"#
            ).status == .forbidden)
            let edits = try JSONSerialization.jsonObject(
                with: Data(buffer: try await client.call(.get, "/api/rounds/1/edits", as: admin).body)) as? [[String: Any]] ?? []
            let editId = try #require(edits.first?["id"] as? Int)
            #expect(edits.count == 1 && edits[0]["kind"] as? String == "move" && edits[0]["note"] as? String == "住得近")
            #expect(try await client.call(.delete, "/api/rounds/1/edits/\(editId)", as: outsider).status == .forbidden)
            let outsiderEdits = try JSONSerialization.jsonObject(
                with: Data(buffer: try await client.call(.get, "/api/rounds/1/edits", as: outsider).body)) as? [Any]
            #expect(outsiderEdits?.isEmpty == true)
            // A lock the solve could not keep is refused before it is stored: h3 to 中山区's enterprise is too far.
            let far = try await client.call(
                .post, "/api/rounds/1/edits", as: admin, body: #"{"kind":"lock","household_id":"h3","helper_id":"g3"}"#)
            #expect(far.status == .unprocessableContent, "\(String(buffer: far.body))")
            #expect(try await client.call(.post, "/api/rounds/1/solve", as: admin).status == .accepted)
            let round = try await client.waitForSolve(1, as: admin)
            #expect(round["status"] as? String == "solved")
            // The edit is kept, and the plan is proven optimal given it (the certificate was checked).
            let after = try await pairOf("h2")
            #expect(after["helper_id"] as? String == target)
            #expect(after["locked"] as? Bool == true)
            let changes = try RoundOperationsTests.json(try await client.call(.get, "/api/rounds/1/changes", as: admin))
            #expect(changes["proof"] as? String == "proven_optimal")
            #expect(changes["has_last_plan"] as? Bool == true)
            let entries = changes["entries"] as? [[String: Any]] ?? []
            #expect(entries.contains { $0["household_id"] as? String == "h2" && $0["to_helper_id"] as? String == target })
            let counted = ["kept", "moved", "newly_paired", "newly_unpaired", "still_unpaired", "joined"]
                .map { changes[$0] as? Int ?? 0 }.reduce(0, +)
            #expect(counted == 5)
            #expect(entries.count == ["moved", "newly_paired", "newly_unpaired", "joined", "left"].map { changes[$0] as? Int ?? 0 }.reduce(0, +))
            // The store's plan row says the same: the proof column and the lock.
            let store = try OfficeStore(directory: office.directory)
            let proof = try await store.pool.read { db in try String.fetchOne(db, sql: "SELECT proof FROM plan WHERE round_id = 1") }
            #expect(proof == "proven_optimal")
            // A clerk's view of the changes holds its street only.
            let clerkChanges = try RoundOperationsTests.json(try await client.call(.get, "/api/rounds/1/changes", as: clerk))
            #expect((clerkChanges["entries"] as? [[String: Any]] ?? []).allSatisfy { $0["street"] as? String == "白云街道" })
            // The audit log names the edit by ids, never its note.
            let audit = try await store.auditEntries(limit: 100, before: nil)
            #expect(audit.contains { $0.action == "addEdit" && $0.status == 201 })
            #expect(!audit.contains { $0.detail.contains("住得近") })
            // A published round keeps its edits: adding or removing one is 409.
            #expect(try await client.call(.post, "/api/rounds/1/publish", as: admin).status == .ok)
            #expect(try await client.call(
                .post, "/api/rounds/1/edits", as: admin, body: #"{"kind":"forbid","household_id":"h1","helper_id":"g2"}"#
            ).status == .conflict)
            #expect(try await client.call(.delete, "/api/rounds/1/edits/\(editId)", as: admin).status == .conflict)
        }
    }
}

/// The profile before solving, the comparison with last year, and the template workbooks.
@Suite struct RoundProfileAndComparisonTests {
    @Test func profileCountsTheRollAndCutsStreetsToTheScope() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            try await client.prepareRounds(admin)
            let profile = try RoundOperationsTests.json(try await client.call(.get, "/api/rounds/2/profile", as: admin))
            #expect(profile["households"] as? Int == 5 && profile["helpers"] as? Int == 3)
            #expect(profile["capacity"] as? Int == 4 && profile["spare"] as? Int == -1)
            let needs = profile["need_against_offer"] as? [[String: Any]] ?? []
            let material = try #require(needs.first { $0["dimension"] as? String == "material" })
            // Fixture: material needs 2, 1, 3, 2, 0; offers 2×2, 3×1, 2×1.
            #expect(material["households_in_need"] as? Int == 4 && material["need_levels"] as? Int == 8)
            #expect(material["helpers_offering"] as? Int == 3 && material["places_offering"] as? Int == 4)
            #expect(material["offer_levels"] as? Int == 9 && material["words"] as? String == "物质")
            let kinds = profile["helpers_by_kind"] as? [[String: Any]] ?? []
            #expect(kinds.first { $0["kind"] as? String == "cadre" }?["capacity"] as? Int == 2)
            let clerk = try #require(try await client.login(.clerkInScope))
            let mine = try RoundOperationsTests.json(try await client.call(.get, "/api/rounds/2/profile", as: clerk))
            #expect((mine["households_by_street"] as? [[String: Any]])?.map { $0["street"] as? String } == ["白云街道"])
            // Without a helpers file there is no profile yet.
            #expect(try await client.call(.post, "/api/rounds", as: admin, body: #"{"name":"empty"}"#).status == .created)
            #expect(try await client.call(.get, "/api/rounds/3/profile", as: admin).status == .conflict)
        }
    }

    @Test func comparisonWithLastYearCountsByStreet() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            try await client.prepareRounds(admin)
            let lastYear = try RoundOperationsTests.json(try await client.call(.get, "/api/rounds/1/pair-list", as: admin))
            let h5Paired = RoundOperationsTests.rows(lastYear).first { $0["household_id"] as? String == "h5" }?["helper_id"] != nil
            #expect(try await client.call(.post, "/api/rounds/1/publish", as: admin).status == .ok)
            #expect(try await client.call(.post, "/api/rounds", as: admin, body: #"{"name":"next","previous":1}"#).status == .created)
            // This year h5 has left the roll.
            let households = Fixture.households.split(separator: "\n").filter { !$0.hasPrefix("h5,") }.joined(separator: "\n") + "\n"
            #expect(try await client.call(.put, "/api/rounds/3/households", as: admin, body: households, contentType: "text/csv").status == .ok)
            #expect(try await client.call(.put, "/api/rounds/3/helpers", as: admin, body: Fixture.helpers, contentType: "text/csv").status == .ok)
            #expect(try await client.call(.post, "/api/rounds/3/solve", as: admin).status == .accepted)
            #expect(try await client.waitForSolve(3, as: admin)["status"] as? String == "solved")
            let compared = try RoundOperationsTests.json(try await client.call(.get, "/api/rounds/3/compare", as: admin))
            #expect(compared["previous"] as? Int == 1)
            let total = compared["total"] as? [String: Any] ?? [:]
            #expect(["kept", "moved", "new", "unpaired"].map { total[$0] as? Int ?? 0 }.reduce(0, +) == 4)
            #expect(total["left"] as? Int == (h5Paired ? 1 : 0))
            #expect((total["kept"] as? Int ?? 0) >= 1)
            let guilin = (compared["streets"] as? [[String: Any]] ?? []).first { $0["street"] as? String == "桂林街道" }
            #expect(guilin?["left"] as? Int == (h5Paired ? 1 : 0))
            // The same counts as the pair list's status filter.
            let kept = try RoundOperationsTests.json(try await client.call(.get, "/api/rounds/3/pair-list?status=kept", as: admin))
            #expect(kept["total"] as? Int == total["kept"] as? Int)
            // A clerk sees its street only.
            let clerk = try #require(try await client.login(.clerkInScope))
            let mine = try RoundOperationsTests.json(try await client.call(.get, "/api/rounds/3/compare", as: clerk))
            #expect((mine["streets"] as? [[String: Any]])?.allSatisfy { $0["street"] as? String == "白云街道" } == true)
        }
    }

    @Test func templateWorkbooksReadBackAsARoll() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let viewer = try #require(try await client.login(.viewer))
            let households = try await client.call(.get, "/api/templates/households.xlsx", as: viewer)
            let helpers = try await client.call(.get, "/api/templates/helpers.xlsx", as: viewer)
            #expect(households.status == .ok && helpers.status == .ok)
            let roll = try RollReader.parse(
                households: Array(Data(buffer: households.body)), helpers: Array(Data(buffer: helpers.body)),
                householdsFile: "households.xlsx", helpersFile: "helpers.xlsx")
            #expect(roll.households.ids == ["H0001"] && roll.helpers.ids == ["G0001"])
            #expect(roll.households.idNumbers == ["210202198001011234"])
            #expect(roll.helpers.kinds == [.cadre] && roll.helpers.capacity == [2])
            #expect(roll.dimensions.names == ["material", "emotional", "policy", "employment", "education", "medical"])
            #expect(try await client.call(.get, "/api/templates/helpers.xlsx", as: nil).status == .unauthorized)
        }
    }
}

/// What-if previews change nothing; apply makes them the round's; discard closes them.
@Suite struct WhatIfTests {
    /// Everything of round 1 a preview must leave alone.
    static func snapshot(_ office: TestOffice) async throws -> [String] {
        let store = try OfficeStore(directory: office.directory)
        return try await store.pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT household_id || ':' || COALESCE(helper_id, '-') || ':' || status FROM plan_household WHERE round_id = 1
                UNION ALL SELECT role || ':' || sha256 FROM round_file WHERE round_id = 1
                UNION ALL SELECT status || ':' || COALESCE(error, '') FROM round WHERE id = 1
                UNION ALL SELECT solved_at || ':' || objective FROM plan WHERE round_id = 1
                UNION ALL SELECT COUNT(*) FROM round_rule WHERE round_id = 1
                """)
        }
    }

    @Test func previewChangesNothingAndApplyMakesItTheRounds() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            try await client.prepareRounds(admin)
            let before = try await Self.snapshot(office)
            let response = try await client.call(.post, "/api/rounds/1/whatif", as: admin, body: #"{"remove_helpers":["g1"]}"#)
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            let preview = try RoundOperationsTests.json(response)
            #expect(try await Self.snapshot(office) == before)
            // g1's households (if any) move or lose their pair, each because its helper left.
            let list = try RoundOperationsTests.json(try await client.call(.get, "/api/rounds/1/pair-list", as: admin))
            let withG1 = RoundOperationsTests.rows(list).filter { $0["helper_id"] as? String == "g1" }.compactMap { $0["household_id"] as? String }
            let entries = preview["entries"] as? [[String: Any]] ?? []
            for h in withG1 {
                let entry = entries.first { $0["household_id"] as? String == h }
                #expect(entry?["reason"] as? String == "helperLeft", "\(h): \(String(describing: entry))")
            }
            let counts = preview["counts"] as? [String: Int] ?? [:]
            // Every household paired before or after is counted once (one unpaired in both is not).
            let pairedBefore = RoundOperationsTests.rows(list).filter { $0["helper_id"] != nil }.count
            #expect(counts.values.reduce(0, +) >= pairedBefore && counts.values.reduce(0, +) <= 5)
            #expect(counts["kept"].map { $0 + entries.count } == counts.values.reduce(0, +))
            let after = preview["after"] as? [String: Any] ?? [:], beforeFigures = preview["before"] as? [String: Any] ?? [:]
            #expect(beforeFigures["pairs"] as? Int == RoundOperationsTests.rows(list).filter { $0["helper_id"] != nil }.count)
            #expect((after["pairs"] as? Int ?? 99) <= 3)  // the helpers left have 2 places
            // A clerk may not ask about another street's households.
            let outsider = try #require(try await client.login(.clerkOutOfScope))
            #expect(try await client.call(.post, "/api/rounds/1/whatif", as: outsider, body: #"{"remove_households":["h1"]}"#).status == .forbidden)
            // A change naming nobody: 422 with the problem.
            #expect(try await client.call(.post, "/api/rounds/1/whatif", as: admin, body: #"{"remove_helpers":["nobody"]}"#).status == .unprocessableContent)

            // Apply: g1 is gone from the round's helpers and plan; the changes match the preview.
            let id = try #require(preview["id"] as? Int)
            let applied = try await client.call(.post, "/api/rounds/1/whatif/\(id)/apply", as: admin)
            #expect(applied.status == .ok, "\(String(buffer: applied.body))")
            let changes = try RoundOperationsTests.json(applied)
            #expect(changes["moved"] as? Int == counts["moved"] && changes["newly_unpaired"] as? Int == counts["newly_unpaired"])
            let now = try RoundOperationsTests.json(try await client.call(.get, "/api/rounds/1/pair-list", as: admin))
            #expect(!RoundOperationsTests.rows(now).contains { $0["helper_id"] as? String == "g1" })
            #expect(now["total"] as? Int == 5)
            let round = try RoundOperationsTests.json(try await client.call(.get, "/api/rounds/1", as: admin))
            #expect(round["status"] as? String == "solved")
            #expect((round["files"] as? [[String: Any]])?.first { $0["role"] as? String == "helpers" }?["rows"] as? Int == 2)
            // Applied once only.
            #expect(try await client.call(.post, "/api/rounds/1/whatif/\(id)/apply", as: admin).status == .conflict)
            // The round solves again from its new files.
            #expect(try await client.call(.post, "/api/rounds/1/solve", as: admin).status == .accepted)
            #expect(try await client.waitForSolve(1, as: admin)["status"] as? String == "solved")

            // Discard: the preview is closed and cannot be applied.
            let second = try RoundOperationsTests.json(
                try await client.call(.post, "/api/rounds/1/whatif", as: admin, body: #"{"capacity":[{"helper_id":"g2","capacity":0}]}"#))
            let secondId = try #require(second["id"] as? Int)
            #expect(try await client.call(.post, "/api/rounds/1/whatif/\(secondId)/discard", as: admin).status == .ok)
            #expect(try await client.call(.post, "/api/rounds/1/whatif/\(secondId)/apply", as: admin).status == .conflict)
        }
    }
}

/// Progress and cancel of solves.
@Suite struct SolveProgressTests {
    static func csv(_ rows: [[String]]) -> String {
        var writer = CSVWriter(byteOrderMark: false)
        for row in rows { writer.row(row) }
        return String(decoding: writer.data, as: UTF8.self)
    }

    @Test func aQueuedSolveIsCancelledAndNothingIsKept() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        // A district (the xigang preset) solves long enough to keep the fixture's solve queued behind it.
        var generator = Generator(preset: .xigang, seed: 7)
        let tables = generator.generate()
        let (households, helpers) = (Self.csv(tables.households), Self.csv(tables.helpers))
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            try await client.prepareRounds(admin)  // round 1 solved, round 2 draft (the fixture)
            #expect(try await client.call(.post, "/api/rounds", as: admin, body: #"{"name":"xigang"}"#).status == .created)
            #expect(try await client.call(.put, "/api/rounds/3/households", as: admin, body: households, contentType: "text/csv").status == .ok)
            #expect(try await client.call(.put, "/api/rounds/3/helpers", as: admin, body: helpers, contentType: "text/csv").status == .ok)
            #expect(try await client.call(.post, "/api/rounds/3/solve", as: admin).status == .accepted)
            #expect(try await client.call(.post, "/api/rounds/2/solve", as: admin).status == .accepted)
            let queued = try RoundOperationsTests.json(try await client.call(.get, "/api/rounds/2/progress", as: admin))
            #expect(queued["status"] as? String == "solving")
            #expect(queued["state"] as? String == "queued")
            // Only an admin cancels.
            let clerk = try #require(try await client.login(.clerkInScope))
            #expect(try await client.call(.post, "/api/rounds/2/cancel", as: clerk).status == .forbidden)
            #expect(try await client.call(.post, "/api/rounds/2/cancel", as: admin).status == .ok)
            let running = try RoundOperationsTests.json(try await client.call(.get, "/api/rounds/3/progress", as: admin))
            #expect(running["state"] as? String == "running" || running["status"] as? String == "solved")
            if running["state"] != nil { #expect((running["seconds"] as? Double ?? -1) >= 0) }
            let round2 = try await client.waitForSolve(2, as: admin)
            #expect(round2["status"] as? String == "draft")
            #expect((round2["error"] as? String)?.contains("cancelled by admin") == true)
            #expect(round2["summary"] is NSNull || round2["summary"] == nil)
            #expect(try await client.call(.get, "/api/rounds/2/pair-list", as: admin).status == .conflict)
            // The district's solve goes on to its plan, and a finished solve has nothing to cancel.
            #expect(try await client.waitForSolve(3, as: admin)["status"] as? String == "solved")
            #expect(try await client.call(.post, "/api/rounds/3/cancel", as: admin).status == .unprocessableContent)
            // Round 2 solves again when asked.
            #expect(try await client.call(.post, "/api/rounds/2/solve", as: admin).status == .accepted)
            #expect(try await client.waitForSolve(2, as: admin)["status"] as? String == "solved")
        }
    }
}
