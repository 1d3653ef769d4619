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
    // Pages (issue 19, part B)
    case pageSignIn, pageSignInSubmit, pageSignOut, pageStyle, pageScript
    case pageHome, pageCreateRound, pageRound
    case pageUploadHouseholds, pageUploadHelpers, pagePolicy, pagePolicySubmit
    case pageSolve, pageProgress
    case pageReview, pagePrint
    case pagePublish, pagePublishSubmit, pageAudit
    case pagePairs, pageHousehold, pageAddEdit, pageRemoveEdit, pageChanges, pageCompare
    case pageCancel, pageWhatIf, pageWhatIfPreview, pageWhatIfApply, pageWhatIfDiscard

    struct Policy: Sendable {
        var method: HTTPRequest.Method
        var path: String
        var access: Access
        var success: HTTPResponse.Status
        /// Whether a success is written to the audit log (refusals always are).
        var audited: Bool

        /// A web page (HTML; refusals as pages, sign-in by redirect) rather than the API.
        var isPage: Bool { !path.hasPrefix("/api/") }
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
        // Pages (issue 19, part B): GET pages answer 200; forms answer 303 to the next page.
        case .pageSignIn: Self.page("/login", access: .anyone)
        case .pageSignInSubmit: Self.form("/login", access: .anyone)
        case .pageSignOut: Self.form("/logout", access: .signedIn)
        case .pageStyle: Self.page("/static/style.css", access: .anyone)
        case .pageScript: Self.page("/static/pages.js", access: .anyone)
        case .pageHome: Self.page("/", access: .signedIn)
        case .pageCreateRound: Self.form("/rounds", access: .admin)
        case .pageRound: Self.page("/rounds/{id}", access: .signedIn)
        case .pageUploadHouseholds: Self.form("/rounds/{id}/households", access: .admin)
        case .pageUploadHelpers: Self.form("/rounds/{id}/helpers", access: .admin)
        case .pagePolicy: Self.page("/rounds/{id}/policy", access: .admin)
        case .pagePolicySubmit: Self.form("/rounds/{id}/policy", access: .admin)
        case .pageSolve: Self.form("/rounds/{id}/solve", access: .admin)
        case .pageProgress: Self.page("/rounds/{id}/progress", access: .signedIn)
        case .pageReview: Self.page("/rounds/{id}/review", access: .signedIn)
        case .pagePrint: Self.page("/rounds/{id}/print", access: .signedIn)
        case .pagePublish: Self.page("/rounds/{id}/publish", access: .admin)
        case .pagePublishSubmit: Self.form("/rounds/{id}/publish", access: .admin)
        case .pageAudit: Self.page("/audit", access: .admin)
        case .pagePairs: Self.page("/rounds/{id}/pairs", access: .signedIn)
        case .pageHousehold: Self.page("/rounds/{id}/households/{household}", access: .signedInWithinScope)
        case .pageAddEdit: Self.form("/rounds/{id}/edits", access: .adminOrClerkInScope)
        case .pageRemoveEdit: Self.form("/rounds/{id}/edits/{edit}/remove", access: .adminOrClerkInScope)
        case .pageChanges: Self.page("/rounds/{id}/changes", access: .signedIn)
        case .pageCompare: Self.page("/rounds/{id}/compare", access: .signedIn)
        case .pageCancel: Self.form("/rounds/{id}/cancel", access: .admin)
        case .pageWhatIf: Self.page("/rounds/{id}/whatif", access: .signedIn)
        // The preview is a page answering the form (nothing of the round changes).
        case .pageWhatIfPreview:
            Policy(method: .post, path: "/rounds/{id}/whatif", access: .adminOrClerkInScope, success: .ok, audited: true)
        case .pageWhatIfApply: Self.form("/rounds/{id}/whatif/{preview}/apply", access: .admin)
        case .pageWhatIfDiscard: Self.form("/rounds/{id}/whatif/{preview}/discard", access: .adminOrClerkInScope)
        }
    }

    private static func page(_ path: String, access: Access) -> Policy {
        Policy(method: .get, path: path, access: access, success: .ok, audited: false)
    }

    private static func form(_ path: String, access: Access) -> Policy {
        Policy(method: .post, path: path, access: access, success: .seeOther, audited: true)
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
