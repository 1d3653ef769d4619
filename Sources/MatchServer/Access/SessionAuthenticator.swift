import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Finds the caller of a request from its session cookie, and makes and ends sessions.
///
/// The session token (32 random bytes) lives only in the client's cookie, `HttpOnly` and
/// `SameSite=Strict`; the database keeps its SHA-256, so a copy of the database signs no
/// one in. Each session has a CSRF token, returned at sign-in and kept in a readable cookie:
/// every state-changing call (POST, PUT) of a signed-in user must repeat it in the
/// `X-CSRF-Token` header (the double-submit pattern, checked against the database's copy),
/// which a cross-site form or script cannot do.
struct SessionAuthenticator: Sendable {
    static let sessionCookie = "match_session"
    static let csrfCookie = "match_csrf"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    let store: OfficeStore
    let settings: ServerSettings

    func caller(of request: Request) async throws -> Caller? {
        guard let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty else { return nil }
        return try await store.caller(sessionKey: Self.key(token))
    }

    /// Whether a state-changing request carries the session's CSRF token: in the
    /// `X-CSRF-Token` header, or (a page's form) in its hidden `csrf_token` field.
    static func csrfHolds(_ request: Request, _ caller: Caller, formToken: String? = nil) -> Bool {
        guard let sent = request.headers[csrfHeader] ?? formToken else { return false }
        // Constant-time comparison of the two tokens.
        let a = Array(sent.utf8), b = Array(caller.csrfToken.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    /// Starts a session for `userId`: the cookies to set and the CSRF token.
    func start(userId: Int64) async throws -> (cookies: [Cookie], csrfToken: String) {
        let token = Self.randomToken(), csrf = Self.randomToken()
        try await store.createSession(
            userId: userId, key: Self.key(token), csrfToken: csrf, lifetime: settings.sessionLifetime)
        let maxAge = Int(settings.sessionLifetime)
        return ([
            Cookie(name: Self.sessionCookie, value: token, maxAge: maxAge, path: "/", secure: settings.secureCookies,
                   httpOnly: true, sameSite: .strict),
            Cookie(name: Self.csrfCookie, value: csrf, maxAge: maxAge, path: "/", secure: settings.secureCookies,
                   httpOnly: false, sameSite: .strict),
        ], csrf)
    }

    func end(_ caller: Caller) async throws -> [Cookie] {
        try await store.deleteSession(key: caller.sessionKey)
        return [Self.sessionCookie, Self.csrfCookie].map {
            Cookie(name: $0, value: "", maxAge: 0, path: "/", secure: settings.secureCookies,
                   httpOnly: $0 == Self.sessionCookie, sameSite: .strict)
        }
    }

    static func key(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
