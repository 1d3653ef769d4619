import Hummingbird

/// Who may call a route (SPEC "The office server", the API table's "who" column).
enum Access: Sendable, Equatable {
    /// No sign-in needed.
    case anyone
    /// Any signed-in user; what comes back is limited to the caller's place scope.
    case signedIn
    /// Administrators only.
    case admin
    /// Administrators, and clerks for households of their own scope (a clerk naming a
    /// household outside it is refused with 403).
    case adminOrClerkInScope
    /// Any signed-in user, for a household or place of its own scope (403 for one outside
    /// it, checked by the handler on the data).
    case signedInWithinScope
}

/// Every route of the server, with its method, path, access and the status of success:
/// THE access-policy table. The router registers exactly these routes (see
/// ``RouteRegistry``), each guarded by its `access` before its handler runs; the test
/// matrix runs every one of them as every role, in and out of scope, and the OpenAPI
/// description is checked against them.
enum Route: String, CaseIterable, Sendable {
    case login, logout
    case listRounds, createRound, showRound
    case uploadHouseholds, uploadHelpers, uploadPolicy
    case solve, addLocks, addForbids
    case pairsCSV, pairsXLSX, unpairedCSV, unpairedXLSX, publicCSV, publicXLSX
    case publish, audit, openAPI
    // Round operations (issue 19, part A)
    case pairList, householdDetail
    case listEdits, addEdit, removeEdit, planChanges
    case roundProfile, compareWithPrevious, householdsTemplate, helpersTemplate
    case previewWhatIf, applyWhatIf, discardWhatIf
    case solveStatus, cancelSolve

    struct Policy: Sendable {
        var method: HTTPRequest.Method
        var path: String
        var access: Access
        var success: HTTPResponse.Status
        /// Whether a success is written to the audit log (refusals always are).
        var audited: Bool
    }

    var policy: Policy {
        switch self {
        case .login: Policy(method: .post, path: "/api/login", access: .anyone, success: .ok, audited: true)
        case .logout: Policy(method: .post, path: "/api/logout", access: .signedIn, success: .ok, audited: true)
        case .listRounds: Policy(method: .get, path: "/api/rounds", access: .signedIn, success: .ok, audited: false)
        case .createRound: Policy(method: .post, path: "/api/rounds", access: .admin, success: .created, audited: true)
        case .showRound: Policy(method: .get, path: "/api/rounds/{id}", access: .signedIn, success: .ok, audited: false)
        case .uploadHouseholds:
            Policy(method: .put, path: "/api/rounds/{id}/households", access: .admin, success: .ok, audited: true)
        case .uploadHelpers:
            Policy(method: .put, path: "/api/rounds/{id}/helpers", access: .admin, success: .ok, audited: true)
        case .uploadPolicy:
            Policy(method: .put, path: "/api/rounds/{id}/policy", access: .admin, success: .ok, audited: true)
        case .solve: Policy(method: .post, path: "/api/rounds/{id}/solve", access: .admin, success: .accepted, audited: true)
        case .addLocks:
            Policy(method: .post, path: "/api/rounds/{id}/locks", access: .adminOrClerkInScope, success: .ok, audited: true)
        case .addForbids:
            Policy(method: .post, path: "/api/rounds/{id}/forbids", access: .adminOrClerkInScope, success: .ok, audited: true)
        case .pairsCSV: Self.download("pairs.csv")
        case .unpairedCSV: Self.download("unpaired.csv")
        case .publicCSV: Self.download("public.csv")
        case .pairsXLSX: Self.download("pairs.xlsx")
        case .unpairedXLSX: Self.download("unpaired.xlsx")
        case .publicXLSX: Self.download("public.xlsx")
        case .publish: Policy(method: .post, path: "/api/rounds/{id}/publish", access: .admin, success: .ok, audited: true)
        case .audit: Policy(method: .get, path: "/api/audit", access: .admin, success: .ok, audited: false)
        case .openAPI: Policy(method: .get, path: "/api/openapi.yaml", access: .anyone, success: .ok, audited: false)
        // Round operations (issue 19, part A)
        case .pairList:
            Policy(method: .get, path: "/api/rounds/{id}/pair-list", access: .signedIn, success: .ok, audited: true)
        case .householdDetail:
            Policy(
                method: .get, path: "/api/rounds/{id}/pair-list/{household}", access: .signedInWithinScope, success: .ok,
                audited: true)
        case .listEdits: Policy(method: .get, path: "/api/rounds/{id}/edits", access: .signedIn, success: .ok, audited: false)
        case .addEdit:
            Policy(method: .post, path: "/api/rounds/{id}/edits", access: .adminOrClerkInScope, success: .created, audited: true)
        case .removeEdit:
            Policy(
                method: .delete, path: "/api/rounds/{id}/edits/{edit}", access: .adminOrClerkInScope, success: .ok,
                audited: true)
        case .planChanges: Policy(method: .get, path: "/api/rounds/{id}/changes", access: .signedIn, success: .ok, audited: false)
        case .roundProfile: Policy(method: .get, path: "/api/rounds/{id}/profile", access: .signedIn, success: .ok, audited: false)
        case .compareWithPrevious:
            Policy(method: .get, path: "/api/rounds/{id}/compare", access: .signedIn, success: .ok, audited: false)
        case .householdsTemplate:
            Policy(method: .get, path: "/api/templates/households.xlsx", access: .signedIn, success: .ok, audited: false)
        case .helpersTemplate:
            Policy(method: .get, path: "/api/templates/helpers.xlsx", access: .signedIn, success: .ok, audited: false)
        case .previewWhatIf:
            Policy(method: .post, path: "/api/rounds/{id}/whatif", access: .adminOrClerkInScope, success: .ok, audited: true)
        case .applyWhatIf:
            Policy(method: .post, path: "/api/rounds/{id}/whatif/{preview}/apply", access: .admin, success: .ok, audited: true)
        case .discardWhatIf:
            Policy(
                method: .post, path: "/api/rounds/{id}/whatif/{preview}/discard", access: .adminOrClerkInScope,
                success: .ok, audited: true)
        case .solveStatus:
            Policy(method: .get, path: "/api/rounds/{id}/progress", access: .signedIn, success: .ok, audited: false)
        case .cancelSolve:
            Policy(method: .post, path: "/api/rounds/{id}/cancel", access: .admin, success: .ok, audited: true)
        }
    }

    private static func download(_ file: String, success: HTTPResponse.Status = .ok) -> Policy {
        Policy(method: .get, path: "/api/rounds/{id}/" + file, access: .signedIn, success: success, audited: true)
    }

    /// Whether `caller` passes this route's access rule before the handler runs (a clerk's
    /// scope over the households it names is checked by the handler, on the body).
    func admits(_ caller: Caller?) -> Admission {
        let access = policy.access
        if access == .anyone { return .admitted }
        guard let caller else { return .signInNeeded }
        switch (access, caller.role) {
        case (.admin, .admin), (.signedIn, _), (.signedInWithinScope, _), (.adminOrClerkInScope, .admin),
            (.adminOrClerkInScope, .clerk):
            return .admitted
        default:
            return .forbidden
        }
    }

    enum Admission: Equatable { case admitted, signInNeeded, forbidden }
}
