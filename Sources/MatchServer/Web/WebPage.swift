import Foundation
import Hummingbird

/// What every page shares for one request: the caller, the language and its words, and
/// the address of the same page in the other language. Builds the page's reply: the
/// template rendered in the layout, or a redirect.
struct WebPage {
    let caller: Caller?
    let language: Language
    let words: PageWords
    let path: String
    private let setsLanguage: Bool
    private let renderer: PageRenderer

    init(_ request: Request, _ caller: Caller?, renderer: PageRenderer) {
        let (language, fromQuery) = Language.of(request)
        self.caller = caller
        self.language = language
        self.words = PageWords(language)
        self.path = request.uri.path
        self.setsLanguage = fromQuery
        self.renderer = renderer
        var query = request.uri.queryParameters.filter { $0.key != "lang" }.map { ($0.key, $0.value) }
        query.append(("lang", Substring(language.other.rawValue)))
        switchAddress = path + "?" + query.map { Self.escape(String($0.0)) + "=" + Self.escape(String($0.1)) }.joined(separator: "&")
    }

    let switchAddress: String

    /// The keys every template may use: `t` (the words), `lang`, `caller`, `csrf`,
    /// `switch_url`, `title`, `is_admin`.
    func base(title: String) -> [String: Any] {
        var data: [String: Any] = [
            "t": words.table, "lang": language.htmlTag, "switch_url": switchAddress, "title": title,
        ]
        if let caller {
            data["caller"] = [
                "name": caller.name, "role": words["role_\(caller.role.rawValue)"],
                "scope": caller.scope == .city ? words["scope_city"] : caller.scope.description.replacingOccurrences(of: "/", with: " · "),
            ]
            data["csrf"] = caller.csrfToken
            data["is_admin"] = caller.role == .admin
            data["can_edit"] = caller.role != .viewer
        }
        return data
    }

    /// The page `template` with `data` (on top of ``base(title:)``) as an HTML reply.
    func reply(_ template: String, title: String, _ data: [String: Any], status: HTTPResponse.Status = .ok,
               detail: String = "") -> Reply {
        var all = base(title: title)
        all.merge(data) { $1 }
        all["page_\(template)"] = true
        return html(renderer.render(template, all), status: status, detail: detail)
    }

    func html(_ text: String, status: HTTPResponse.Status = .ok, detail: String = "") -> Reply {
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        remember(&response)
        return Reply(response: response, detail: detail)
    }

    /// 303 See Other to `location` (after a form: the browser then GETs it).
    func redirect(_ location: String, detail: String = "") -> Reply {
        var response = Response(status: .seeOther, headers: [.location: location])
        remember(&response)
        return Reply(response: response, detail: detail)
    }

    /// A language asked for in the query is kept in a cookie.
    private func remember(_ response: inout Response) {
        guard setsLanguage else { return }
        response.setCookie(Cookie(name: Language.cookie, value: language.rawValue, maxAge: 365 * 86400, path: "/", sameSite: .lax))
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+/?#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
