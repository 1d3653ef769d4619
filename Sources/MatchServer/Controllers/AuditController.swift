import Hummingbird

/// The audit log, newest first (`GET /api/audit?limit=N&before=ID`).
struct AuditController {
    let office: Office

    func register(_ routes: RouteRegistry) {
        routes.on(.audit) { request, _, _ in
            let query = request.uri.queryParameters
            let limit = query["limit"] == nil ? 100 : query.get("limit", as: Int.self) ?? 0
            guard (1...1000).contains(limit) else { throw APIError.badRequest("limit must be between 1 and 1000") }
            let before = query.get("before", as: Int64.self)
            if query["before"] != nil && before == nil { throw APIError.badRequest("before must be an entry id") }
            return try Reply.json(["entries": try await office.store.auditEntries(limit: limit, before: before)])
        }
    }
}
