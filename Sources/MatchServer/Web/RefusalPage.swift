import Foundation
import Hummingbird

extension Office {
    /// A page route's refusal as a page: not signed in → 303 to the sign-in page (which
    /// comes back here afterwards); otherwise a friendly page with the status, in the
    /// caller's language (403 outside one's role or scope, 404, 409 …).
    func refusalPage(_ error: APIError, _ request: Request, _ caller: Caller?) -> Response {
        let page = WebPage(request, caller, renderer: pages)
        if case .unauthorized = error {
            let back = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            return page.redirect("/login?next=" + WebPage.escape(back)).response
        }
        let words = page.words
        let (heading, explanation): (String, String) = switch error {
        case .forbidden: (words["refused_forbidden"], words["refused_forbidden_text"])
        case .notFound: (words["refused_not_found"], words["refused_not_found_text"])
        case .conflict: (words["refused_conflict"], Self.conflictText(error.auditDetail, words))
        case .problems(let problems): (words["refused_problems"], problems.map { ProblemWords.text($0, words) }.joined(separator: "; "))
        case .tooManyAttempts(let seconds): (words["refused_throttled"], words("refused_throttled_text", ["s": seconds]))
        case .internalError: (words["refused_internal"], words["refused_internal_text"])
        default: (words["refused_other"], error.auditDetail)
        }
        return page.reply(
            "refused", title: heading,
            ["heading": heading, "explanation": explanation, "status": Int(error.status.code)],
            status: error.status
        ).response
    }

    /// The API's conflict texts (published, solving, not solved, missing file) in the page's words.
    private static func conflictText(_ detail: String, _ words: PageWords) -> String {
        if detail.contains("published") { return words["conflict_published"] }
        if detail.contains("being solved") { return words["conflict_solving"] }
        if detail.contains("no plan yet") { return words["conflict_not_solved"] }
        if detail.contains("no households file") { return words["conflict_no_households"] }
        if detail.contains("no helpers file") { return words["conflict_no_helpers"] }
        return detail
    }
}
