/// The signed-in user behind a request, as its session found it.
struct Caller: Sendable {
    var userId: Int64
    var name: String
    var role: Role
    var scope: PlaceScope
    /// SHA-256 of the session token (the session's key in the database).
    var sessionKey: String
    /// The session's CSRF token, which state-changing calls repeat in `X-CSRF-Token`.
    var csrfToken: String

    /// Whether identity numbers of a household in this place are shown whole.
    func seesIdentityNumbers(district: String, street: String) -> Bool {
        switch role {
        case .admin: true
        case .clerk: scope.covers(district: district, street: street)
        case .viewer: false
        }
    }
}
