import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import MatchServer

/// Every route as every persona: admin, clerk in scope, clerk out of scope, viewer and
/// anonymous, each against a fresh office with a solved round (1) and a draft round (2).
/// The expected status comes from the one access-policy table (``Route/policy``); a second
/// test pins that table to SPEC's "who" column.
@Suite struct AccessMatrixTests {
    /// The request each route is tried with: round 1 for reads and publishing, round 2 for
    /// changes; locks and forbids name household h1 of 白云街道.
    static func request(_ route: Route) -> (uri: String, body: String?, contentType: String) {
        let policy = route.policy
        let changesDraft: Set<Route> = [
            .uploadHouseholds, .uploadHelpers, .uploadPolicy, .solve, .addLocks, .addForbids, .addEdit, .removeEdit,
            .pageUploadHouseholds, .pageUploadHelpers, .pagePolicySubmit, .pageSolve, .pageAddEdit, .pageRemoveEdit,
        ]
        let uri = policy.path.replacingOccurrences(of: "{id}", with: changesDraft.contains(route) ? "2" : "1")
            .replacingOccurrences(of: "{household}", with: "h1").replacingOccurrences(of: "{edit}", with: "1")
            .replacingOccurrences(of: "{preview}", with: "1")
        let form = "application/x-www-form-urlencoded"
        switch route {
        case .pageCreateRound: return (uri, "name=2028+%E5%B9%B4%E5%BA%A6", form)
        case .pageUploadHouseholds: return (uri, Fixture.multipart(Fixture.households), Fixture.multipartType)
        case .pageUploadHelpers: return (uri, Fixture.multipart(Fixture.helpers), Fixture.multipartType)
        case .pagePolicySubmit: return (uri, "distance_penalty=2&unpaired_base=12&max_distance=2", form)
        case .pagePublishSubmit: return (uri, "confirm=yes", form)
        case .pageWhatIfPreview: return (uri, "remove_households=h1", form)
        case .pageAddEdit: return (uri, "kind=lock&household_id=h1&helper_id=g1&note=known+family", form)
        case .pageSignOut, .pageSolve, .pageRemoveEdit, .pageCancel, .pageWhatIfApply, .pageWhatIfDiscard: return (uri, "", form)
        case .createRound: return (uri, #"{"name":"2028 年度结对"}"#, "application/json")
        case .uploadHouseholds: return (uri, Fixture.households, "text/csv")
        case .uploadHelpers: return (uri, Fixture.helpers, "text/csv")
        case .uploadPolicy: return (uri, Fixture.policy, "application/yaml")
        case .addLocks, .addForbids: return (uri, #"[{"household_id":"h1","helper_id":"g1"}]"#, "application/json")
        case .previewWhatIf: return (uri, #"{"remove_households":["h1"]}"#, "application/json")
        case .addEdit: return (uri, #"{"kind":"lock","household_id":"h1","helper_id":"g1","note":"知根知底"}"#, "application/json")
        default: return (uri, nil, "application/json")
        }
    }

    static func expected(_ route: Route, _ persona: Persona) -> HTTPResponse.Status {
        // Signing in is open to anyone; "anonymous" tries a wrong password.
        if route == .login { return persona == .anonymous ? .unauthorized : .ok }
        // The sign-in form: a wrong password shows the form again (401); a right one goes on.
        if route == .pageSignInSubmit { return persona == .anonymous ? .unauthorized : .seeOther }
        // The sign-in page sends the signed-in on to the start page.
        if route == .pageSignIn { return persona == .anonymous ? .ok : .seeOther }
        let caller = persona.role.map {
            Caller(userId: 0, name: persona.rawValue, role: $0, scope: persona.scope, sessionKey: "", csrfToken: "")
        }
        switch route.admits(caller) {
        // A page sends the browser to the sign-in page.
        case .signInNeeded: return route.policy.isPage ? .seeOther : .unauthorized
        case .forbidden: return .forbidden
        case .admitted:
            let scoped: Set<Access> = [.adminOrClerkInScope, .signedInWithinScope]
            if scoped.contains(route.policy.access) && persona == .clerkOutOfScope { return .forbidden }
            // Round 1 is solved, not solving: there is nothing to cancel (a cancel is tested on its own).
            if route == .cancelSolve || route == .pageCancel { return .unprocessableContent }
            return route.policy.success
        }
    }

    @Test(arguments: Route.allCases, Persona.allCases)
    func routeAsPersona(_ route: Route, _ persona: Persona) async throws {
        let office = try TestOffice()
        defer { office.remove() }
        let expected = Self.expected(route, persona)
        try await office.app().test(.router) { client in
            let admin = try #require(try await client.login(.admin))
            try await client.prepareRounds(admin)
            if route == .removeEdit || route == .pageRemoveEdit {
                // Edit 1 of round 2: a lock of household h1 (白云街道).
                let added = try await client.call(
                    .post, "/api/rounds/2/edits", as: admin, body: #"{"kind":"lock","household_id":"h1","helper_id":"g1"}"#)
                #expect(added.status == .created)
            }
            if [.applyWhatIf, .discardWhatIf, .pageWhatIfApply, .pageWhatIfDiscard].contains(route) {
                // What-if 1 of round 1: household h1 (白云街道) leaves.
                let preview = try await client.call(.post, "/api/rounds/1/whatif", as: admin, body: #"{"remove_households":["h1"]}"#)
                #expect(preview.status == .ok, "\(String(buffer: preview.body))")
            }
            let (uri, body, contentType) = Self.request(route)
            let response: TestResponse
            if route == .login || route == .pageSignInSubmit {
                let password = persona == .anonymous ? "wrong password!" : Fixture.password
                let name = persona == .anonymous ? "admin" : persona.rawValue
                response = route == .login
                    ? try await client.call(.post, uri, as: nil, body: #"{"name":"\#(name)","password":"\#(password)"}"#)
                    : try await client.call(
                        .post, uri, as: nil, body: "name=\(name)&password=\(password.replacingOccurrences(of: " ", with: "+"))",
                        contentType: "application/x-www-form-urlencoded")
            } else {
                let session = try await client.login(persona)
                response = try await client.call(route.policy.method, uri, as: session, body: body, contentType: contentType)
            }
            #expect(response.status == expected, "\(route) as \(persona): \(String(buffer: response.body))")
            if (route == .solve && response.status == .accepted) || (route == .pageSolve && response.status == .seeOther) {
                _ = try await client.waitForSolve(2, as: admin)
            }
        }
        // Every refusal is in the audit log, with the route's action.
        // (A page's "sign in first" is a redirect to the sign-in page, logged as the 401 it is.)
        let signInFirst = route.policy.isPage && persona == .anonymous && route.policy.access != .anyone
        if expected == .unauthorized || expected == .forbidden || signInFirst {
            let logged = signInFirst ? HTTPResponse.Status.unauthorized : expected
            let entries = try await OfficeStore(directory: office.directory).auditEntries(limit: 1000, before: nil)
            #expect(entries.contains { $0.action == route.rawValue && $0.status == Int(logged.code) })
        }
    }

    /// SPEC's API table, "who" column, written out independently of ``Route/policy``.
    @Test func policyTableFollowsSpec() {
        let spec: [Route: Access] = [
            .login: .anyone, .logout: .signedIn, .listRounds: .signedIn, .createRound: .admin, .showRound: .signedIn,
            .uploadHouseholds: .admin, .uploadHelpers: .admin, .uploadPolicy: .admin, .solve: .admin,
            .addLocks: .adminOrClerkInScope, .addForbids: .adminOrClerkInScope,
            .pairsCSV: .signedIn, .pairsXLSX: .signedIn, .unpairedCSV: .signedIn, .unpairedXLSX: .signedIn,
            .publicCSV: .signedIn, .publicXLSX: .signedIn, .publish: .admin, .audit: .admin, .openAPI: .anyone,
            // Round operations (issue 19, part A): reads by scope, hand edits like locks.
            .pairList: .signedIn, .householdDetail: .signedInWithinScope, .listEdits: .signedIn,
            .addEdit: .adminOrClerkInScope, .removeEdit: .adminOrClerkInScope, .planChanges: .signedIn,
            .roundProfile: .signedIn, .compareWithPrevious: .signedIn, .householdsTemplate: .signedIn,
            .helpersTemplate: .signedIn, .previewWhatIf: .adminOrClerkInScope, .applyWhatIf: .admin,
            .discardWhatIf: .adminOrClerkInScope, .solveStatus: .signedIn, .cancelSolve: .admin,
        ]
        let api = Route.allCases.filter { !$0.policy.isPage }
        for route in api { #expect(route.policy.access == spec[route], "\(route)") }
        #expect(spec.count == api.count)
    }
}
