import Hummingbird

extension PlaceScope {
    /// The scope a request asks for: the caller's own, or with `?place=DISTRICT[/STREET]`
    /// that place, which must lie within the caller's scope (403 otherwise; 400 when malformed).
    static func asked(in request: Request, by caller: Caller) throws -> PlaceScope {
        guard let text = request.uri.queryParameters["place"], !text.isEmpty else { return caller.scope }
        guard let place = PlaceScope(parsing: String(text)) else {
            throw APIError.badRequest("place must be DISTRICT or DISTRICT/STREET")
        }
        guard caller.scope.contains(place) else { throw APIError.forbidden("that place is outside your scope") }
        return place
    }
}
