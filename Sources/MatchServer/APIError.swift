import Foundation
import Hummingbird
import Matcher

/// Every answer other than success, with its status and JSON body: `{"error": "..."}` or,
/// for input files, `{"problems": [{"file", "line", "column", "message"}]}`.
enum APIError: Error {
    /// 401: no session, or a wrong name or password (the same answer for both).
    case unauthorized(String)
    /// 403: outside the caller's role or scope, or a missing CSRF token.
    case forbidden(String)
    case notFound(String)
    /// 405: a known path with a method it does not answer.
    case methodNotAllowed(String)
    /// 409: the round is published, being solved, or not solved yet.
    case conflict(String)
    case badRequest(String)
    /// 415: a body of the wrong type.
    case unsupportedMediaType(String)
    /// 422: every problem of an input file; nothing was stored.
    case problems([InputProblem])
    /// 422: a request that is well formed but cannot be carried out.
    case unprocessable(String)
    /// 429: too many failed sign-ins; try again after the given seconds.
    case tooManyAttempts(retryAfter: Int)
    case payloadTooLarge(String)
    /// 501: a route whose implementation waits for a library feature.
    case notImplemented(String)
    /// 500: a fault of the server (its details go to no one).
    case internalError

    var status: HTTPResponse.Status {
        switch self {
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .conflict: .conflict
        case .badRequest: .badRequest
        case .unsupportedMediaType: .unsupportedMediaType
        case .problems, .unprocessable: .unprocessableContent
        case .tooManyAttempts: .tooManyRequests
        case .payloadTooLarge: .contentTooLarge
        case .notImplemented: .notImplemented
        case .internalError: .internalServerError
        }
    }

    /// What the audit log says about the refusal (no personal data: messages of input
    /// problems are left out, only their count is kept).
    var auditDetail: String {
        switch self {
        case .problems(let p): "\(p.count) problems"
        case .tooManyAttempts(let s): "throttled for \(s) s"
        case .internalError: "internal error; the server's log says more"
        case .unauthorized(let m), .forbidden(let m), .notFound(let m), .methodNotAllowed(let m), .conflict(let m), .badRequest(let m),
            .unsupportedMediaType(let m), .unprocessable(let m), .payloadTooLarge(let m), .notImplemented(let m):
            m
        }
    }

    var response: Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        let body: [String: Any]
        switch self {
        case .problems(let problems):
            body = ["problems": problems.map { p -> [String: Any] in
                var item: [String: Any] = ["file": p.file, "message": p.message]
                item["line"] = p.line ?? NSNull()
                item["column"] = p.column ?? NSNull()
                return item
            }]
        case .tooManyAttempts(let seconds):
            headers[.retryAfter] = String(seconds)
            body = ["error": "too many failed sign-ins; try again in \(seconds) seconds"]
        default:
            body = ["error": auditDetail]
        }
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    init(_ refusal: RoundRefusal) {
        switch refusal {
        case .noSuchRound(let id): self = .notFound("no round \(id)")
        case .published(let id): self = .conflict("round \(id) is published and read-only")
        case .solving(let id): self = .conflict("round \(id) is being solved; try again when its status is solved or draft")
        case .notSolved(let id): self = .conflict("round \(id) has no plan yet; solve it first")
        case .missingInput(let role): self = .conflict("the round has no \(role) file yet; upload it first")
        case .previousNotPublished(let id): self = .unprocessable("round \(id) is not a published round")
        case .unknownIds(let lines): self = .unprocessable(lines.joined(separator: "; "))
        case .outOfScope(let n): self = .forbidden("\(n) of the households named are outside your scope")
        case .placeOutsideScope: self = .forbidden("that place is outside your scope")
        case .householdOutsideScope: self = .forbidden("that household is outside your scope")
        case .noSuchHousehold(let id): self = .notFound("no household \(id) in this round")
        case .noSuchHelper(let id): self = .unprocessable("no helper \(id) on this round's roll")
        case .noSuchEdit(let id): self = .notFound("no hand edit \(id) in this round")
        case .cannot(let why): self = .unprocessable(why)
        case .noSuchWhatIf(let id): self = .notFound("no what-if \(id) in this round")
        case .whatIfClosed(let id, let state): self = .conflict("what-if \(id) is \(state) already")
        }
    }
}
