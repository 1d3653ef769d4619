import Foundation
import Hummingbird

/// The sign-in page, signing out, and the pages' stylesheet and script.
struct SignInPages {
    let office: Office

    func register(_ routes: RouteRegistry) {
        let renderer = office.pages
        routes.on(.pageSignIn) { request, _, caller in
            let page = WebPage(request, caller, renderer: renderer)
            if caller != nil { return page.redirect(Self.next(request.uri.queryParameters["next"].map(String.init))) }
            return signInForm(page, next: request.uri.queryParameters["next"].map(String.init), failed: false)
        }
        routes.on(.pageSignInSubmit) { request, context, caller in
            let page = WebPage(request, caller, renderer: renderer)
            let form = context.form ?? .empty
            let credentials = AuthController.Credentials(name: form["name"] ?? "", password: form.fields.first { $0.name == "password" }?.value ?? "")
            switch try await AuthController(office: office).attempt(credentials, address: office.clientAddress(request, context)) {
            case .failed(let detail, let knownName):
                var reply = signInForm(page, next: form["next"], failed: true, name: credentials.name)
                reply.detail = detail
                if knownName { reply.actor = (credentials.name, "") }
                return reply
            case .signedIn(let session):
                var reply = page.redirect(Self.next(form["next"]), detail: "signed in")
                for cookie in session.cookies { reply.response.setCookie(cookie) }
                reply.actor = (session.name, session.role.rawValue)
                return reply
            }
        }
        routes.on(.pageSignOut) { request, _, caller in
            guard let caller else { throw APIError.unauthorized("sign in first") }
            var reply = WebPage(request, nil, renderer: renderer).redirect("/login")
            for cookie in try await office.sessions.end(caller) { reply.response.setCookie(cookie) }
            return reply
        }
        routes.on(.pageStyle) { _, _, _ in try Self.asset("style.css", type: "text/css; charset=utf-8") }
        routes.on(.pageScript) { _, _, _ in try Self.asset("pages.js", type: "text/javascript; charset=utf-8") }
    }

    private func signInForm(_ page: WebPage, next: String?, failed: Bool, name: String = "") -> Reply {
        page.reply(
            "signin", title: page.words["sign_in"],
            ["next": next ?? "/", "failed": failed, "name": name],
            status: failed ? .unauthorized : .ok)
    }

    /// Where to go after signing in: a path of this site only (never another site's address).
    static func next(_ asked: String?) -> String {
        guard let asked, asked.hasPrefix("/"), !asked.hasPrefix("//"), !asked.contains("\\") else { return "/" }
        return asked
    }

    /// A file of Resources/static.
    static func asset(_ name: String, type: String) throws -> Reply {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources/static"),
              let data = try? Data(contentsOf: url) else { throw APIError.notFound("no such file") }
        return Reply(response: Response(
            status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))))
    }
}
