import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MatchServer

/// Sign-in, sessions, CSRF and the audit log's content.
@Suite struct SessionTests {
    @Test func unknownNameAndWrongPasswordGetTheSameAnswer() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let unknown = try await client.call(.post, "/api/login", as: nil, body: #"{"name":"nobody","password":"x"}"#)
            let wrong = try await client.call(.post, "/api/login", as: nil, body: #"{"name":"admin","password":"x"}"#)
            #expect(unknown.status == .unauthorized && wrong.status == .unauthorized)
            #expect(String(buffer: unknown.body) == String(buffer: wrong.body))
            #expect(unknown.headers[.setCookie] == nil)
        }
    }

    @Test func cookiesAreHttpOnlyAndStrict() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let response = try await client.call(
                .post, "/api/login", as: nil, body: #"{"name":"viewer","password":"\#(Fixture.password)"}"#)
            let cookies = response.headers[values: .setCookie]
            let session = try #require(cookies.first { $0.hasPrefix("match_session=") })
            #expect(session.contains("HttpOnly") && session.contains("SameSite=Strict"))
            let csrf = try #require(cookies.first { $0.hasPrefix("match_csrf=") })
            #expect(!csrf.contains("HttpOnly") && csrf.contains("SameSite=Strict"))
            // Only the token's digest is stored.
            let token = String(session.dropFirst("match_session=".count).prefix { $0 != ";" })
            let stored = try await OfficeStore(directory: office.directory).caller(sessionKey: token)
            #expect(stored == nil)
        }
    }

    @Test func stateChangingCallsNeedTheCSRFToken() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            var forged = admin
            forged.csrf = ""
            #expect(try await client.call(.post, "/api/rounds", as: forged, body: #"{"name":"x"}"#).status == .forbidden)
            forged.csrf = String(admin.csrf.reversed())
            #expect(try await client.call(.post, "/api/rounds", as: forged, body: #"{"name":"x"}"#).status == .forbidden)
            // A form post (not JSON) is refused even with the token.
            #expect(try await client.call(.post, "/api/rounds", as: admin, body: "name=x", contentType: "application/x-www-form-urlencoded").status == .unsupportedMediaType)
            #expect(try await client.call(.post, "/api/rounds", as: admin, body: #"{"name":"x"}"#).status == .created)
            // Reads need no token.
            forged.csrf = ""
            #expect(try await client.call(.get, "/api/rounds", as: forged).status == .ok)
        }
    }

    @Test func signInIsThrottledAfterRepeatedFailures() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            for _ in 0..<5 {
                let r = try await client.call(.post, "/api/login", as: nil, body: #"{"name":"clerkInScope","password":"guess"}"#)
                #expect(r.status == .unauthorized)
            }
            // Now even the right password waits.
            let throttled = try await client.call(
                .post, "/api/login", as: nil, body: #"{"name":"clerkInScope","password":"\#(Fixture.password)"}"#)
            #expect(throttled.status == .tooManyRequests)
            let retry = Int(throttled.headers[.retryAfter] ?? "") ?? 0
            #expect(retry > 0 && retry <= 900)
            // Other names are not affected.
            #expect(try await client.login(.viewer) != nil)
        }
    }

    @Test func sessionsSurviveARestartAndLogoutEndsThem() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        let session = try await office.app().test(.router) { client in try #require(try await client.login(.clerkInScope)) }
        try await office.app().test(.router) { client async throws -> Void in
            #expect(try await client.call(.get, "/api/rounds", as: session).status == .ok)
            #expect(try await client.call(.post, "/api/logout", as: session).status == .ok)
            #expect(try await client.call(.get, "/api/rounds", as: session).status == .unauthorized)
        }
        // Disabling a user ends its sessions at once.
        let viewer = try await office.app().test(.router) { client in try #require(try await client.login(.viewer)) }
        try OfficeStore(directory: office.directory).setDisabled(true, name: "viewer")
        try await office.app().test(.router) { client async throws -> Void in
            #expect(try await client.call(.get, "/api/rounds", as: viewer).status == .unauthorized)
        }
    }

    @Test func auditLogRecordsActionsWithoutPersonalData() async throws {
        let office = try TestOffice()
        defer { office.remove() }
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            try await client.prepareRounds(admin)
            let clerk = try await client.login(.clerkInScope)
            _ = try await client.call(.get, "/api/rounds/1/pairs.csv", as: clerk)
            _ = try await client.call(.post, "/api/rounds/1/publish", as: clerk)
            _ = try await client.call(.post, "/api/login", as: nil, body: #"{"name":"\#(Fixture.password)","password":"x"}"#)
            let response = try await client.call(.get, "/api/audit?limit=1000", as: admin)
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            for secret in ["210202", "张三丰", "李四", Fixture.password, admin.csrf] {
                #expect(!text.contains(secret), "the audit log contains \(secret)")
            }
            let entries = try JSONDecoder().decode(Entries.self, from: Data(buffer: response.body)).entries
            let actions = Set(entries.map(\.action))
            for action in ["login", "createRound", "uploadHouseholds", "uploadHelpers", "solve", "solveFinished", "pairsCSV", "publish"] {
                #expect(actions.contains(action), "\(action)")
            }
            #expect(entries.contains { $0.action == "publish" && $0.status == 403 && $0.user == "clerkInScope" })
            #expect(entries.contains { $0.action == "pairsCSV" && $0.detail.contains("scope 西岗区/白云街道") })
        }
    }

    struct Entries: Decodable {
        struct Entry: Decodable {
            var action: String
            var status: Int
            var user: String?
            var detail: String
        }
        var entries: [Entry]
    }
}
