import Hummingbird
import Matcher

/// The language of the pages: Chinese first, English on request. Chosen by `?lang=zh|en`
/// (which also sets the `match_lang` cookie) or by that cookie; Chinese otherwise.
enum Language: String, Sendable, CaseIterable {
    case zh, en

    static let cookie = "match_lang"

    /// The language a request asks for, and whether it asked in its query (then the
    /// answer sets the cookie, so the choice sticks).
    static func of(_ request: Request) -> (language: Language, fromQuery: Bool) {
        if let asked = request.uri.queryParameters["lang"].flatMap({ Language(rawValue: String($0)) }) {
            return (asked, true)
        }
        if let kept = request.cookies[cookie].flatMap({ Language(rawValue: $0.value) }) { return (kept, false) }
        return (.zh, false)
    }

    var other: Language { self == .zh ? .en : .zh }

    /// The library's words for this language (the round operations' `language:`).
    var presentation: Presentation.Language { self == .zh ? .zh : .en }

    /// The HTML `lang` attribute.
    var htmlTag: String { self == .zh ? "zh-CN" : "en" }
}
