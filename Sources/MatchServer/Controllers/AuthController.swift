import Foundation
import Hummingbird

/// Sign-in and sign-out (`POST /api/login`, `POST /api/logout`).
///
/// A wrong name and a wrong password get the same 401, after the same bcrypt work (an
/// unknown name is checked against a decoy hash). After `throttleLimit` failures for one
/// name, or four times as many from one address, within `throttleWindow`, sign-in is
/// refused with 429 and `Retry-After` until the window has passed; failures are kept in
/// the database, so a restart does not reset the count.
struct AuthController {
    let office: Office

    struct Credentials: Decodable {
        var name: String
        var password: String
    }

    struct SignedIn: Encodable {
        var name: String
        var role: String
        var scope: String
        var csrfToken: String
        enum CodingKeys: String, CodingKey { case name, role, scope, csrfToken = "csrf_token" }
    }

    func register(_ routes: RouteRegistry) {
        routes.on(.login) { request, context, _ in try await login(request, context) }
        routes.on(.logout) { _, _, caller in
            guard let caller else { throw APIError.unauthorized("sign in first") }
            var reply = try Reply.json(["signed_out": true])
            for cookie in try await office.sessions.end(caller) { reply.response.setCookie(cookie) }
            return reply
        }
    }

    private func login(_ request: Request, _ context: OfficeRequestContext) async throws -> Reply {
        let credentials = try await request.json(Credentials.self)
        switch try await attempt(credentials, address: office.clientAddress(request, context)) {
        case .failed(let detail, let knownName):
            var reply = Reply(response: APIError.unauthorized("wrong name or password").response)
            reply.detail = detail
            if knownName { reply.actor = (credentials.name, "") }
            return reply
        case .signedIn(let caller):
            var reply = try Reply.json(SignedIn(
                name: caller.name, role: caller.role.rawValue, scope: caller.scope.description, csrfToken: caller.csrfToken))
            for cookie in caller.cookies { reply.response.setCookie(cookie) }
            reply.actor = (caller.name, caller.role.rawValue)
            reply.detail = "signed in"
            return reply
        }
    }

    /// A sign-in attempt's outcome (for the API and the sign-in page alike).
    enum Attempt {
        case signedIn((name: String, role: Role, scope: PlaceScope, csrfToken: String, cookies: [Cookie]))
        /// Refused; `detail` for the audit log, `knownName` when the name is an account's
        /// (a mistyped password in the name field must not reach the log).
        case failed(detail: String, knownName: Bool)
    }

    /// Checks the throttle and the password, records a failure or starts a session.
    func attempt(_ credentials: Credentials, address: String) async throws -> Attempt {
        let settings = office.settings, store = office.store
        let now = Date().timeIntervalSince1970
        let failures = try await store.signInFailures(
            name: credentials.name, address: address, since: now - settings.throttleWindow)
        let nameThrottled = failures.byName >= settings.throttleLimit
        let addressThrottled = failures.byAddress >= settings.throttleLimit * 4
        if nameThrottled || addressThrottled {
            let oldest = (nameThrottled ? failures.oldestByName : failures.oldestByAddress) ?? now
            throw APIError.tooManyAttempts(retryAfter: max(1, Int((oldest + settings.throttleWindow - now).rounded(.up))))
        }
        let account = try await store.credentials(name: credentials.name)
        let matches = await Passwords.verify(credentials.password, hash: account?.passwordHash ?? office.decoyHash)
        guard let account, matches, !account.disabled else {
            try await store.recordSignInFailure(name: credentials.name, address: address)
            return .failed(
                detail: account == nil ? "failed: unknown name" : "failed: wrong password or disabled account",
                knownName: account != nil)
        }
        try await store.clearSignInFailures(name: credentials.name)
        guard let caller = try await startSession(account.userId) else {
            throw APIError.unauthorized("wrong name or password")
        }
        return .signedIn(caller)
    }

    private func startSession(_ userId: Int64) async throws -> (name: String, role: Role, scope: PlaceScope, csrfToken: String, cookies: [Cookie])? {
        let (cookies, csrf) = try await office.sessions.start(userId: userId)
        let token = cookies[0].value
        guard let caller = try await office.store.caller(sessionKey: SessionAuthenticator.key(token)) else { return nil }
        return (caller.name, caller.role, caller.scope, csrf, cookies)
    }
}
