import Foundation
import Hummingbird

/// What a handler hands back: the response and, for the audit log, the round concerned
/// and a detail of ids and counts (never personal data).
struct Reply: Sendable {
    var response: Response
    var detail: String = ""
    /// The user to record when the request had no session (a sign-in).
    var actor: (name: String, role: String)? = nil
}

/// Registers the routes of ``Route`` on the router, each behind its access rule from the
/// one policy table: the caller is found from the session cookie, refused with 401 or 403
/// before the handler runs, CSRF is checked on state-changing calls, and the outcome is
/// written to the audit log (every refusal; successes of audited routes).
struct RouteRegistry {
    let router: Router<OfficeRequestContext>
    let office: Office

    typealias Handler = @Sendable (Request, OfficeRequestContext, Caller?) async throws -> Reply

    func on(_ route: Route, _ handler: @escaping Handler) {
        let policy = route.policy
        let office = office
        router.on(RouterPath(policy.path), method: policy.method) { request, context in
            var context = context
            let address = office.clientAddress(request, context)
            let roundId = context.parameters.get("id", as: Int64.self)
            var caller: Caller? = nil
            do {
                caller = try await office.sessions.caller(of: request)
                switch route.admits(caller) {
                case .signInNeeded: throw APIError.unauthorized("sign in first")
                case .forbidden: throw APIError.forbidden("your role may not do this")
                case .admitted: break
                }
                if policy.isPage && policy.method == .post {
                    context.form = try await FormBody.parse(request, limit: office.settings.maxFileSize)
                }
                if let caller, policy.access != .anyone, policy.method != .get,
                   !SessionAuthenticator.csrfHolds(request, caller, formToken: context.form?["csrf_token"]) {
                    throw APIError.forbidden("missing or wrong X-CSRF-Token header; send the csrf_token given at sign-in")
                }
                if policy.path.contains("{id}") && roundId == nil {
                    throw APIError.notFound("no such round")
                }
                let reply = try await handler(request, context, caller)
                if policy.audited {
                    try await office.store.audit(AuditEntry(
                        at: Clock.stamp(), user: caller?.name ?? reply.actor?.name,
                        role: caller?.role.rawValue ?? reply.actor?.role, address: address, action: route.rawValue,
                        round: roundId, status: reply.response.status.code, detail: reply.detail))
                }
                return reply.response
            } catch let error as APIError {
                try? await office.audit(route, caller, address, roundId, error.status.code, error.auditDetail)
                return policy.isPage ? office.refusalPage(error, request, caller) : error.response
            } catch let refusal as RoundRefusal {
                let error = APIError(refusal)
                try? await office.audit(route, caller, address, roundId, error.status.code, error.auditDetail)
                return policy.isPage ? office.refusalPage(error, request, caller) : error.response
            } catch {
                // The error's text may quote data; the log gets its type only.
                context.logger.error("\(route.rawValue) failed: \(type(of: error))")
                try? await office.audit(route, caller, address, roundId, 500, "internal error")
                return policy.isPage ? office.refusalPage(.internalError, request, caller) : APIError.internalError.response
            }
        }
    }
}

extension Office {
    func audit(_ route: Route, _ caller: Caller?, _ address: String, _ round: Int64?, _ status: Int, _ detail: String)
        async throws
    {
        try await store.audit(AuditEntry(
            at: Clock.stamp(), user: caller?.name, role: caller?.role.rawValue, address: address,
            action: route.rawValue, round: round, status: status, detail: detail))
    }
}
