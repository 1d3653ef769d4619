import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Builds the office server's router: every route of ``Route`` registered by its
/// controller behind the access-policy table. One function, so tests drive the same router
/// in-process that `match serve` runs.
func buildRouter(_ office: Office) -> Router<OfficeRequestContext> {
    let router = Router(context: OfficeRequestContext.self)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: UnknownRouteMiddleware())
    let routes = RouteRegistry(router: router, office: office)
    AuthController(office: office).register(routes)
    RoundController(office: office).register(routes)
    RoundInputController(office: office).register(routes)
    PlanController(office: office).register(routes)
    AuditController(office: office).register(routes)
    RoundOperationsController(office: office).register(routes)
    OpenAPIController().register(routes)
    // Pages (issue 19, part B)
    SignInPages(office: office).register(routes)
    HomePage(office: office).register(routes)
    RoundPages(office: office).register(routes)
    PolicyPages(office: office).register(routes)
    SolvePages(office: office).register(routes)
    ReviewPages(office: office).register(routes)
    PublishPages(office: office).register(routes)
    AuditPage(office: office).register(routes)
    PairsPage(office: office).register(routes)
    HouseholdPage(office: office).register(routes)
    ChangesPages(office: office).register(routes)
    WhatIfPages(office: office).register(routes)
    return router
}

/// The office server: opens (or creates and migrates) the database in the data folder,
/// turns rounds left `solving` by a stopped process back into `draft`, and serves.
public func buildApplication(
    _ settings: ServerSettings, logger: Logger = Logger(label: "match.serve"),
    onServerRunning: @escaping @Sendable (String) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let store = try OfficeStore(directory: settings.dataDirectory)
    let interrupted = try store.recoverInterruptedSolves()
    if !interrupted.isEmpty {
        logger.notice("rounds \(interrupted.map(String.init).joined(separator: ", ")) were solving when the server stopped; they are back to draft")
    }
    let office = try Office(store: store, settings: settings, logger: logger)
    return Application(
        router: buildRouter(office),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "match"),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? settings.port
            await onServerRunning("http://\(settings.host):\(port)")
        },
        logger: logger)
}

/// Headers every answer carries: no caching of personal lists, no sniffing, no framing.
struct SecurityHeadersMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: OfficeRequestContext, next: (Request, OfficeRequestContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.cacheControl] = "no-store"
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        return response
    }
}
