import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// What every controller shares: the store, the settings, sessions and the solver.
struct Office: Sendable {
    let store: OfficeStore
    let settings: ServerSettings
    let sessions: SessionAuthenticator
    let solver: SolveQueue
    /// The round operations the pages and the JSON API share.
    let operations: RoundOperations
    let decoyHash: String
    let logger: Logger
    let pages: PageRenderer

    init(store: OfficeStore, settings: ServerSettings, logger: Logger) throws {
        pages = try PageRenderer()
        self.store = store
        self.settings = settings
        self.logger = logger
        sessions = SessionAuthenticator(store: store, settings: settings)
        let alternatives = AlternativesCache(store: store)
        solver = SolveQueue(store: store, settings: settings, logger: logger, alternatives: alternatives)
        operations = RoundOperations(store: store, solver: solver, alternatives: alternatives)
        decoyHash = Passwords.decoy(cost: settings.bcryptCost)
    }

    /// The client's address: the peer's, or with `trustForwardedFor` the proxy's last hop.
    func clientAddress(_ request: Request, _ context: OfficeRequestContext) -> String {
        if settings.trustForwardedFor, let forwarded = request.headers[.init("X-Forwarded-For")!],
           let last = forwarded.split(separator: ",").last {
            return last.trimmingCharacters(in: .whitespaces)
        }
        return context.remoteAddress?.ipAddress ?? "local"
    }
}
