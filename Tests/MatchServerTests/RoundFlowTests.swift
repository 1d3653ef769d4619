import Foundation
import Hummingbird
import HummingbirdTesting
import Matcher
import Testing
@testable import MatchServer

/// Rounds through the API: uploads with problems, scope-cut lists, publishing, rules.
@Suite struct RoundFlowTests {
    func json(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
    }

    @Test func uploadWithProblemsIs422WithEveryProblemAndStoresNothing() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            #expect(try await client.call(.post, "/api/rounds", as: admin, body: #"{"name":"r"}"#).status == .created)
            // Line 2: severity 9; line 3: a blank name; line 4: repeats id h1.
            let bad = """
                id,name,district,street,community,severity
                h1,张三,西岗区,白云街道,春柳社区,9
                h2,,西岗区,白云街道,春柳社区,1
                h1,李四,西岗区,白云街道,春柳社区,1

                """
            let refused = try await client.call(.put, "/api/rounds/1/households", as: admin, body: bad, contentType: "text/csv")
            #expect(refused.status == .unprocessableContent)
            let problems = try json(refused)["problems"] as? [[String: Any]] ?? []
            #expect(problems.compactMap { $0["line"] as? Int }.sorted() == [2, 3, 4])
            #expect(problems.allSatisfy { $0["file"] as? String == "households.csv" && $0["column"] is Int })
            // No personal data in the problems: the blank name's row quotes nothing.
            #expect(!String(buffer: refused.body).contains("张三"))
            var round = try json(try await client.call(.get, "/api/rounds/1", as: admin))
            #expect((round["files"] as? [Any])?.isEmpty == true)

            // A good file, then a bad one: the good one stays, byte for byte.
            let good = try await client.call(.put, "/api/rounds/1/households", as: admin, body: Fixture.households, contentType: "text/csv")
            #expect(good.status == .ok)
            let sha = (try json(good)["file"] as? [String: Any])?["sha256"] as? String
            #expect(sha == RoundInputController.sha256(Array(Fixture.households.utf8)))
            #expect(try await client.call(.put, "/api/rounds/1/households", as: admin, body: bad, contentType: "text/csv").status == .unprocessableContent)
            round = try json(try await client.call(.get, "/api/rounds/1", as: admin))
            let files = round["files"] as? [[String: Any]] ?? []
            #expect(files.count == 1 && files.first?["sha256"] as? String == sha && files.first?["rows"] as? Int == 5)

            // A policy with an unknown key and a bad value: 422 with both, line and column.
            let policy = try await client.call(
                .put, "/api/rounds/1/policy", as: admin, body: "distance_penalty: -1\ncolour: blue\n", contentType: "application/yaml")
            #expect(policy.status == .unprocessableContent)
            #expect((try json(policy)["problems"] as? [Any])?.count == 2)
        }
    }

    @Test func listsAreCutToScopeAndIdentityNumbersMaskedOutsideIt() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            try await client.prepareRounds(admin)
            func rows(_ persona: Persona, _ list: String) async throws -> [[String]] {
                let session = try await client.login(persona)
                let response = try await client.call(.get, "/api/rounds/1/\(list)", as: session)
                #expect(response.status == .ok)
                let bytes = Array(response.body.readableBytesView)
                #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
                return CSVRecords(utf8: Array(bytes.dropFirst(3)), file: list).records.map(\.fields)
            }
            // Pairs and unpaired together list every household once, for every persona.
            func households(_ persona: Persona) async throws -> [String: [String]] {
                var out: [String: [String]] = [:]
                for list in ["pairs.csv", "unpaired.csv"] {
                    let table = try await rows(persona, list)
                    #expect(table.first?.last == "id_number")
                    for row in table.dropFirst() { out[row[0]] = row }
                }
                return out
            }
            let all = try await households(.admin)
            #expect(Set(all.keys) == ["h1", "h2", "h3", "h4", "h5"])
            #expect(all["h1"]?.last == "210202199001011234")
            let clerk = try await households(.clerkInScope)
            #expect(Set(clerk.keys) == ["h1", "h2"])
            #expect(clerk["h2"]?.last == "210202199001012345")
            let viewer = try await households(.viewer)
            #expect(Set(viewer.keys) == ["h1", "h2", "h3"])
            #expect(viewer["h3"]?.last == "2102**********3456")
            let other = try await households(.clerkOutOfScope)
            #expect(Set(other.keys) == ["h4", "h5"])
            // The workbooks carry the same pairs as the CSV lists, read back by the library's
            // workbook reader, for every persona.
            for persona in [Persona.admin, .clerkInScope, .viewer, .clerkOutOfScope] {
                let session = try await client.login(persona)
                let response = try await client.call(.get, "/api/rounds/1/pairs.xlsx", as: session)
                #expect(response.status == .ok)
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("pairs-\(UUID().uuidString).xlsx").path
                defer { try? FileManager.default.removeItem(atPath: path) }
                #expect(FileManager.default.createFile(atPath: path, contents: Data(response.body.readableBytesView)))
                var problems: [InputProblem] = []
                let fromWorkbook = PairListReader.readIds(path: path, encoding: nil, problems: &problems)
                #expect(problems.isEmpty, "\(persona): \(problems)")
                let fromCSV = try await rows(persona, "pairs.csv").dropFirst()
                #expect(fromWorkbook.map { [$0.household, $0.helper] } == fromCSV.map { [$0[0], $0[6]] }, "\(persona)")
                #expect(try await client.call(.get, "/api/rounds/1/public.xlsx", as: session).status == .ok)
            }
            // The public list has no identity number and masks names.
            let publicRows = try await rows(.clerkInScope, "public.csv")
            #expect(publicRows.first?.contains("id_number") == false)
            #expect(publicRows.dropFirst().allSatisfy { $0[2] == "白云街道" && !$0[0].contains("三丰") })

            // The summary: the whole plan for the city, the scope's share for a clerk.
            let whole = try json(try await client.call(.get, "/api/rounds/1", as: admin))["summary"] as? [String: Any]
            let session = try await client.login(.clerkInScope)
            let part = try json(try await client.call(.get, "/api/rounds/1", as: session))["summary"] as? [String: Any]
            #expect(whole?["scope"] as? String == "city")
            #expect(part?["scope"] as? String == "西岗区/白云街道")
            #expect(part?["households"] as? Int == 2)
            let pairedInScope = try await rows(.clerkInScope, "pairs.csv").count - 1
            #expect(part?["pairs"] as? Int == pairedInScope)
            #expect((part?["round"] as? [String: Any])?["objective"] as? Int == whole?["objective"] as? Int)
        }
    }

    /// The households file as a workbook is read like the CSV (same profile), and a workbook's
    /// problems name the sheet, row and column; nothing is stored from it.
    @Test func workbookUploadsAreReadAndTheirProblemsNamed() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            #expect(try await client.call(.post, "/api/rounds", as: admin, body: #"{"name":"2027"}"#).status == .created)
            let records = CSVRecords(utf8: Array(Fixture.households.utf8), file: "households.csv").records
            func workbook(_ rows: [[String]]) throws -> [UInt8] {
                try Presentation(format: .xlsx).file(ListTable(
                    title: "低保户", header: records[0].fields, rows: rows.map { $0.map { ListTable.Cell.code($0) } }))
            }
            let sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            let csv = try await client.call(.put, "/api/rounds/1/households", as: admin, body: Fixture.households, contentType: "text/csv")
            let good = try await client.call(
                .put, "/api/rounds/1/households", as: admin, bytes: try workbook(records.dropFirst().map(\.fields)), contentType: sheet)
            #expect(good.status == .ok)
            let csvProfile = try json(csv)["profile"] as? [String: Any]
            let workbookProfile = try json(good)["profile"] as? [String: Any]
            #expect(csvProfile != nil && NSDictionary(dictionary: csvProfile!).isEqual(to: workbookProfile ?? [:]))
            var broken = records.dropFirst().map(\.fields)
            broken[0][0] = ""
            let bad = try await client.call(.put, "/api/rounds/1/households", as: admin, bytes: try workbook(broken), contentType: sheet)
            #expect(bad.status == .unprocessableContent)
            let problems = try json(bad)["problems"] as? [[String: Any]] ?? []
            #expect(problems.contains { ($0["file"] as? String)?.hasPrefix("households.xlsx") == true }, "\(problems)")
        }
    }

    @Test func publishedRoundRefusesEveryChangeWith409() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            try await client.prepareRounds(admin)
            #expect(try await client.call(.post, "/api/rounds/2/publish", as: admin).status == .conflict)  // not solved
            #expect(try await client.call(.post, "/api/rounds/1/publish", as: admin).status == .ok)
            let rule = #"[{"household_id":"h1","helper_id":"g1"}]"#
            let changes: [(HTTPRequest.Method, String, String?, String)] = [
                (.put, "households", Fixture.households, "text/csv"), (.put, "helpers", Fixture.helpers, "text/csv"),
                (.put, "policy", Fixture.policy, "application/yaml"), (.post, "locks", rule, "application/json"),
                (.post, "forbids", rule, "application/json"), (.post, "solve", nil, "application/json"),
                (.post, "publish", nil, "application/json"),
            ]
            for (method, path, body, type) in changes {
                let response = try await client.call(method, "/api/rounds/1/\(path)", as: admin, body: body, contentType: type)
                #expect(response.status == .conflict, "\(path)")
            }
            let clerk = try await client.login(.clerkInScope)
            #expect(try await client.call(.post, "/api/rounds/1/locks", as: clerk, body: rule).status == .conflict)
            // Still readable, and usable as the previous round of a new one.
            #expect(try await client.call(.get, "/api/rounds/1/pairs.csv", as: admin).status == .ok)
            let next = try await client.call(.post, "/api/rounds", as: admin, body: #"{"name":"next","previous":1}"#)
            #expect(next.status == .created)
            // The next round keeps last year's pairs where the optimum allows (keep bonus).
            #expect(try await client.call(.put, "/api/rounds/3/households", as: admin, body: Fixture.households, contentType: "text/csv").status == .ok)
            #expect(try await client.call(.put, "/api/rounds/3/helpers", as: admin, body: Fixture.helpers, contentType: "text/csv").status == .ok)
            #expect(try await client.call(.post, "/api/rounds/3/solve", as: admin).status == .accepted)
            let solved = try await client.waitForSolve(3, as: admin)
            let statuses = (solved["summary"] as? [String: Any])?["status_counts"] as? [String: Int] ?? [:]
            let lastYear = try await client.call(.get, "/api/rounds/1/pairs.csv", as: admin)
            let pairedLastYear = CSVRecords(utf8: Array(Array(lastYear.body.readableBytesView).dropFirst(3)), file: "p").records.count - 1
            #expect(statuses["kept"] == pairedLastYear)
            #expect(try await client.call(.post, "/api/rounds", as: admin, body: #"{"name":"x","previous":2}"#).status == .unprocessableContent)
        }
    }

    @Test func rulesNameOnlyRollIdsAndClerksOnlyTheirHouseholds() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            try await client.prepareRounds(admin)
            let clerk = try await client.login(.clerkInScope)
            // h4 lives in 桂林街道: the whole request is refused, nothing added.
            let mixed = #"[{"household_id":"h1","helper_id":"g1"},{"household_id":"h4","helper_id":"g3"}]"#
            #expect(try await client.call(.post, "/api/rounds/1/forbids", as: clerk, body: mixed).status == .forbidden)
            #expect(try json(try await client.call(.get, "/api/rounds/1", as: admin))["forbids"] as? Int == 0)
            let unknown = #"[{"household_id":"nobody","helper_id":"g1"}]"#
            #expect(try await client.call(.post, "/api/rounds/1/forbids", as: admin, body: unknown).status == .unprocessableContent)
            // A clerk's forbid of its own household drops the plan; the solve honours it.
            let forbid = #"[{"household_id":"h1","helper_id":"g1"}]"#
            let added = try await client.call(.post, "/api/rounds/1/forbids", as: clerk, body: forbid)
            #expect(added.status == .ok)
            #expect(try json(added)["plan_dropped"] as? Bool == true)
            #expect(try json(try await client.call(.post, "/api/rounds/1/forbids", as: clerk, body: forbid))["added"] as? Int == 0)
            #expect(try await client.call(.post, "/api/rounds/1/solve", as: admin).status == .accepted)
            #expect(try await client.waitForSolve(1, as: admin)["status"] as? String == "solved")
            let pairs = try await client.call(.get, "/api/rounds/1/pairs.csv", as: admin)
            let records = CSVRecords(utf8: Array(Array(pairs.body.readableBytesView).dropFirst(3)), file: "p").records
            #expect(!records.contains { $0.fields[0] == "h1" && $0.fields[6] == "g1" })
            // A lock the policy cannot allow: the solve fails and the round is a draft with the error.
            let impossible = #"[{"household_id":"h4","helper_id":"g2"}]"#
            #expect(try await client.call(.post, "/api/rounds/1/locks", as: admin, body: impossible).status == .ok)
            #expect(try await client.call(.post, "/api/rounds/1/solve", as: admin).status == .accepted)
            let failed = try await client.waitForSolve(1, as: admin)
            #expect(failed["status"] as? String == "draft")
            #expect((failed["error"] as? String)?.contains("locks") == true)
        }
    }
}
