import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MatchServer

/// The office's pages in-process: sign-in by form, uploads with their problems shown per
/// row and column and nothing kept, the policy form's YAML, CSRF on forms, refusals as
/// pages, and the language switch. (The whole flow in a real browser:
/// scripts/browser-walkthrough.sh.)
@Suite struct PageTests {
    static let form = "application/x-www-form-urlencoded"

    @Test func signInByFormThenTheHomePage() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let anonymous = try await client.call(.get, "/rounds/1/review", as: nil)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/login?next=%2Frounds%2F1%2Freview")
            let wrong = try await client.call(
                .post, "/login", as: nil, body: "name=admin&password=nope", contentType: Self.form)
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("用户名或密码不对"))
            let right = try await client.call(
                .post, "/login", as: nil,
                body: "name=admin&password=correct+horse+battery&next=%2Faudit", contentType: Self.form)
            #expect(right.status == .seeOther)
            #expect(right.headers[.location] == "/audit")
            let cookie = right.headers[values: .setCookie].first { $0.hasPrefix("match_session=") }
            #expect(cookie?.contains("HttpOnly") == true)
            // An address of another site is never where a sign-in leads.
            let offsite = try await client.call(
                .post, "/login", as: nil, body: "name=admin&password=correct+horse+battery&next=//evil.example",
                contentType: Self.form)
            #expect(offsite.headers[.location] == "/")
        }
    }

    @Test func brokenUploadListsEveryProblemAndKeepsNothing() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            _ = try await client.call(.post, "/rounds", as: admin, body: "name=r", contentType: Self.form)
            let broken = """
                id,name,district,street,community,severity
                h1,张三,西岗区,白云街道,春柳社区,9
                h2,,西岗区,白云街道,春柳社区,2
                h1,王五,西岗区,白云街道,春柳社区,x

                """
            let response = try await client.call(
                .post, "/rounds/1/households", as: admin, body: Fixture.multipart(broken), contentType: Fixture.multipartType)
            #expect(response.status == .unprocessableContent)
            let page = String(buffer: response.body)
            // Row 2's severity (column F) out of range, row 3's name (B) blank, row 4 a repeated id and a non-number.
            for expected in ["“severity”是 9，应在 1 到 5 之间", "“name”是空的", "与第 2 行重复", "应填整数，现在是“x”",
                             "<td class=\"num\">2</td><td class=\"num\">F</td>", "没有保存任何内容"] {
                #expect(page.contains(expected), "\(expected)")
            }
            let round = try JSONSerialization.jsonObject(
                with: Data(buffer: try await client.call(.get, "/api/rounds/1", as: admin).body)) as? [String: Any]
            #expect((round?["files"] as? [Any])?.isEmpty == true)
            // The clean file is kept and the steps page says so.
            let clean = try await client.call(
                .post, "/rounds/1/households", as: admin, body: Fixture.multipart(Fixture.households),
                contentType: Fixture.multipartType)
            #expect(clean.status == .seeOther)
            let steps = String(buffer: try await client.call(.get, "/rounds/1", as: admin).body)
            #expect(steps.contains("<strong>5</strong>"))
        }
    }

    @Test func formsWithoutTheirTokenAreRefused() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            let noToken = try await client.execute(
                uri: "/rounds", method: .post,
                headers: [.cookie: admin.cookie, .contentType: Self.form], body: ByteBuffer(string: "name=x"))
            #expect(noToken.status == .forbidden)
            #expect(String(buffer: noToken.body).contains("没有权限"))
            let token = admin.csrf.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let withToken = try await client.execute(
                uri: "/rounds", method: .post,
                headers: [.cookie: admin.cookie, .contentType: Self.form], body: ByteBuffer(string: "name=x&csrf_token=\(token)"))
            #expect(withToken.status == .seeOther)
            #expect(withToken.headers[.location] == "/rounds/1")
        }
    }

    @Test func policyFormMakesTheYAMLAndShowsItsProblems() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            _ = try await client.call(.post, "/rounds", as: admin, body: "name=r", contentType: Self.form)
            let bad = try await client.call(
                .post, "/rounds/1/policy", as: admin, body: "distance_penalty=abc&max_distance=2", contentType: Self.form)
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains("distance_penalty"))
            let good = try await client.call(
                .post, "/rounds/1/policy", as: admin,
                body: "weight_material=3&distance_penalty=2&max_distance=1&unpaired_base=12&keep_bonus=2"
                    + "&kind_leader_min_severity=4&kind_volunteer_max_distance=0"
                    + "&coverage_0_level=street&coverage_0_percent=80&org_spread=3",
                contentType: Self.form)
            #expect(good.status == .seeOther)
            let yaml = String(buffer: try await client.call(.get, "/rounds/1/policy", as: admin).body)
            for line in ["material: 3", "distance_penalty: 2", "max_distance: 1", "leader: {min_severity: 4}",
                         "volunteer: {max_distance: 0}", "{level: &quot;street&quot;, min_fraction: 0.8}", "org_spread: 3"] {
                #expect(yaml.contains(line), "\(line)")
            }
            // The form shows the stored values again.
            #expect(yaml.contains(#"name="coverage_0_percent" id="coverage_0_percent" value="80""#))
        }
    }

    @Test func clerkIsRefusedAnotherStreetsPageAsAPage() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            try await client.prepareRounds(admin)
            let clerk = try #require(try await client.login(.clerkInScope))
            let own = try await client.call(.get, "/rounds/1/review", as: clerk)
            #expect(own.status == .ok)
            #expect(String(buffer: own.body).contains("白云街道"))
            #expect(!String(buffer: own.body).contains("桂林街道"))
            let other = try await client.call(.get, "/rounds/1/review?place=%E4%B8%AD%E5%B1%B1%E5%8C%BA/%E6%A1%82%E6%9E%97%E8%A1%97%E9%81%93", as: clerk)
            #expect(other.status == .forbidden)
            #expect(other.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(String(buffer: other.body).contains("不在您的职责或辖区范围内"))
            let print = try await client.call(.get, "/rounds/1/print?place=%E4%B8%AD%E5%B1%B1%E5%8C%BA", as: clerk)
            #expect(print.status == .forbidden)
        }
    }

    @Test func englishOnRequestAndRemembered() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let english = try await client.call(.get, "/login?lang=en", as: nil)
            #expect(String(buffer: english.body).contains("Sign in with the account"))
            let cookie = english.headers[values: .setCookie].first { $0.hasPrefix("match_lang=en") }
            #expect(cookie != nil)
            let again = try await client.execute(uri: "/login", method: .get, headers: [.cookie: "match_lang=en"])
            #expect(String(buffer: again.body).contains("Sign in with the account"))
            let chinese = try await client.call(.get, "/login", as: nil)
            #expect(String(buffer: chinese.body).contains("请用民政局为您开设的账号登录"))
        }
    }

    @Test func handEditAndWhatIfThroughTheirForms() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            try await client.prepareRounds(admin)
            let clerk = try #require(try await client.login(.clerkInScope))
            // The household's page offers its alternatives; the clerk moves it with a note.
            let household = try await client.call(.get, "/rounds/1/households/h2", as: clerk)
            #expect(household.status == .ok)
            #expect(String(buffer: household.body).contains("其他可选的帮扶人"))
            let moved = try await client.call(
                .post, "/rounds/1/edits", as: clerk, body: "kind=lock&household_id=h2&helper_id=g1&note=%E9%82%BB%E5%B1%85",
                contentType: Self.form)
            #expect(moved.status == .seeOther)
            let edits = String(buffer: try await client.call(.get, "/rounds/1/changes", as: clerk).body)
            #expect(edits.contains("邻居") && edits.contains("方案需要重新计算"))
            // A household of another street is refused, as a page.
            let other = try await client.call(
                .post, "/rounds/1/edits", as: clerk, body: "kind=lock&household_id=h4&helper_id=g3&note=x", contentType: Self.form)
            #expect(other.status == .forbidden)
            #expect(String(buffer: other.body).contains("没有权限"))
            // Re-solved, the edit is kept and the plan proven.
            #expect(try await client.call(.post, "/rounds/1/solve", as: admin, body: "", contentType: Self.form).status == .seeOther)
            _ = try await client.waitForSolve(1, as: admin)
            let after = String(buffer: try await client.call(.get, "/rounds/1/households/h2", as: admin).body)
            #expect(after.contains("刘干部（g1）") && after.contains("已锁定"))
            #expect(String(buffer: try await client.call(.get, "/rounds/1/changes", as: admin).body).contains("已证明最优"))
            // What-if: a preview changes nothing; applying makes it the round's plan.
            let preview = try await client.call(
                .post, "/rounds/1/whatif", as: admin, body: "remove_helpers=g2", contentType: Self.form)
            #expect(preview.status == .ok)
            let page = String(buffer: preview.body)
            #expect(page.contains("这只是预览") && page.contains("/whatif/1/apply"))
            #expect(String(buffer: try await client.call(.get, "/api/rounds/1", as: admin).body).contains("\"status\":\"solved\""))
            let applied = try await client.call(.post, "/rounds/1/whatif/1/apply", as: admin, body: "", contentType: Self.form)
            #expect(applied.status == .seeOther)
            #expect(applied.headers[.location] == "/rounds/1/changes")
            let bad = try await client.call(
                .post, "/rounds/1/whatif", as: admin, body: "capacity=g1%3Dmany", contentType: Self.form)
            #expect(bad.status == .unprocessableContent)
        }
    }

    /// Every `{{t.key}}` of the templates and every key the page code looks up is in the
    /// catalogue in both languages, and every route has a name in the audit log's words.
    @Test func catalogueHasEveryWordInBothLanguages() throws {
        var used = Set<String>()
        for (_, text) in try PageRenderer.templateTexts() {
            for match in text.matches(of: /\{\{[#^\/]?t\.([a-z0-9_]+)\}\}/) { used.insert(String(match.1)) }
        }
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/MatchServer")
        for folder in ["Web", "Controllers/Pages"] {
            let directory = sources.appendingPathComponent(folder)
            for file in try FileManager.default.contentsOfDirectory(atPath: directory.path)
            where file.hasSuffix(".swift") && file != "PageWords.swift" {
                let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                for match in text.matches(of: /words(?:\.table)?[\[(]"([a-z0-9_]+)"[\],)]/) { used.insert(String(match.1)) }
            }
        }
        #expect(used.count > 150)
        for route in Route.allCases { used.insert("action_" + route.rawValue) }
        for role in Role.allCases { used.insert("role_" + role.rawValue); used.insert("home_hint_" + role.rawValue) }
        for status in ["draft", "solving", "solved", "published"] { used.insert("status_" + status) }
        for tab in ["steps", "policy", "review", "pairs", "changes", "whatif", "compare", "publish"] { used.insert("tab_" + tab) }
        for sort in PairListQuery.Sort.allCases { used.insert("sort_" + sort.rawValue) }
        for proof in ["proven_optimal", "bound_proven", "not_proven"] { used.insert("proof_" + proof) }
        for note in ["locked", "no_prices"] { used.insert("alternatives_" + note) }
        for change in ["moved", "newly_paired", "newly_unpaired", "joined", "left"] { used.insert("change_" + change) }
        for status in ["kept", "moved", "new", "unpaired"] { used.insert("pair_status_" + status) }
        for change in ["kept", "moved", "newly_paired", "newly_unpaired", "left_roll"] { used.insert("whatif_" + change) }
        for kind in HandEdit.Kind.allCases { used.insert(kind == .move ? "edit_move_kind" : "edit_" + kind.rawValue) }
        for key in used.sorted() {
            let entry = Catalogue.entries[key]
            #expect(entry != nil, "\(key) is not in the catalogue")
            #expect(entry?.zh.isEmpty == false && entry?.en.isEmpty == false, "\(key) lacks a language")
        }
    }
}
