import HTTPTypes
import Hummingbird

/// Answers requests that match no route in JSON: 405 with `Allow` when the path is one of
/// ``Route``'s with another method, 404 otherwise.
struct UnknownRouteMiddleware: RouterMiddleware {
    func handle(
        _ request: Request, context: OfficeRequestContext,
        next: (Request, OfficeRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = Self.methods(for: request.uri.path)
            guard !allowed.isEmpty else { return APIError.notFound("no such route").response }
            var response = APIError.methodNotAllowed("this path answers \(allowed.joined(separator: ", "))").response
            response.headers[.allow] = allowed.joined(separator: ", ")
            return response
        }
    }

    /// The methods ``Route`` serves on `path` (a `{parameter}` matching any segment).
    static func methods(for path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return Route.allCases.compactMap { route -> String? in
            let pattern = route.policy.path.split(separator: "/", omittingEmptySubsequences: false)
            guard pattern.count == segments.count,
                  zip(pattern, segments).allSatisfy({ $0.hasPrefix("{") || $0 == $1 }) else { return nil }
            return route.policy.method.rawValue
        }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }
}
