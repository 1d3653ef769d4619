import Foundation
import Hummingbird
import Matcher

/// The JSON routes of the round operations (issue 19, part A). Each parses its request and
/// calls ``RoundOperations``, which the pages call too.
struct RoundOperationsController {
    let office: Office

    func register(_ routes: RouteRegistry) {
        let operations = office.operations
        routes.on(.pairList) { request, context, caller in
            let (id, caller) = try Self.round(context, caller)
            let query = try Self.pairListQuery(request)
            let page = try await operations.pairList(round: id, caller: caller, query: query, language: try Self.language(request))
            let masked = page.rows.filter { !$0.idNumber.isEmpty && !caller.seesIdentityNumbers(district: $0.district, street: $0.street) }.count
            return try Reply.json(
                page, detail: "pair list page \(page.page): \(page.rows.count) of \(page.total) rows"
                    + (masked > 0 ? ", \(masked) identity numbers masked" : ""))
        }
        routes.on(.householdDetail) { request, context, caller in
            let (id, caller) = try Self.round(context, caller)
            let household = try context.parameters.require("household")
            let detail = try await operations.household(
                round: id, household: household, caller: caller, language: try Self.language(request))
            return try Reply.json(detail, detail: "household \(household): \(detail.alternatives.count) alternatives")
        }
        routes.on(.listEdits) { _, context, caller in
            let (id, caller) = try Self.round(context, caller)
            return try Reply.json(try await operations.edits(round: id, caller: caller))
        }
        routes.on(.addEdit) { request, context, caller in
            let (id, caller) = try Self.round(context, caller)
            let body = try await request.json(EditBody.self)
            guard let kind = HandEdit.Kind(rawValue: body.kind) else {
                throw APIError.badRequest("kind must be lock, forbid or move")
            }
            guard body.note.count <= 1_000 else { throw APIError.badRequest("the note is longer than 1,000 characters") }
            let edit = try await operations.addEdit(
                round: id, kind: kind, household: body.householdId, helper: body.helperId, note: body.note, caller: caller)
            // The note is the clerk's own words and may name people: not in the audit log.
            return try Reply.json(
                edit, status: .created, detail: "\(kind.rawValue) \(edit.householdId) → \(edit.helperId): edit \(edit.id)")
        }
        routes.on(.removeEdit) { _, context, caller in
            let (id, caller) = try Self.round(context, caller)
            guard let edit = context.parameters.get("edit", as: Int64.self) else { throw APIError.notFound("no such edit") }
            let removed = try await operations.removeEdit(round: id, edit: edit, caller: caller)
            return try Reply.json(
                ["removed": removed.id], detail: "removed \(removed.kind.rawValue) \(removed.householdId) → \(removed.helperId): edit \(removed.id)")
        }
        routes.on(.roundProfile) { request, context, caller in
            let (id, caller) = try Self.round(context, caller)
            return try Reply.json(try await operations.profile(round: id, caller: caller, language: try Self.language(request)))
        }
        routes.on(.compareWithPrevious) { _, context, caller in
            let (id, caller) = try Self.round(context, caller)
            return try Reply.json(try await operations.compareWithPrevious(round: id, caller: caller))
        }
        routes.on(.householdsTemplate) { _, _, _ in try Self.template(.households) }
        routes.on(.helpersTemplate) { _, _, _ in try Self.template(.helpers) }
        routes.on(.previewWhatIf) { request, context, caller in
            let (id, caller) = try Self.round(context, caller)
            let body = try await request.json(WhatIfRequest.self)
            try await operations.requireWhatIfScope(round: id, body, caller: caller)
            let preview = try await operations.previewWhatIf(
                round: id, request: body, caller: caller, language: try Self.language(request))
            return try Reply.json(
                preview, detail: "what-if \(preview.id): \(body.removeHelpers.count) helpers and \(body.removeHouseholds.count) households removed, \(body.capacity.count) capacities changed"
                    + (body.householdsCSV == nil ? "" : ", a households file") + "; nothing changed")
        }
        routes.on(.applyWhatIf) { _, context, caller in
            let (id, caller) = try Self.round(context, caller)
            guard let preview = context.parameters.get("preview", as: Int64.self) else { throw APIError.notFound("no such what-if") }
            let changes = try await operations.applyWhatIf(round: id, preview: preview, caller: caller)
            return try Reply.json(changes, detail: "what-if \(preview) applied: \(changes.moved) moved, \(changes.newlyUnpaired) newly unpaired")
        }
        routes.on(.discardWhatIf) { _, context, caller in
            let (id, caller) = try Self.round(context, caller)
            guard let preview = context.parameters.get("preview", as: Int64.self) else { throw APIError.notFound("no such what-if") }
            try await operations.discardWhatIf(round: id, preview: preview, caller: caller)
            return try Reply.json(["discarded": preview], detail: "what-if \(preview) discarded")
        }
        routes.on(.solveStatus) { _, context, caller in
            let (id, caller) = try Self.round(context, caller)
            return try Reply.json(try await operations.solveStatus(round: id, caller: caller))
        }
        routes.on(.cancelSolve) { _, context, caller in
            let (id, caller) = try Self.round(context, caller)
            try await operations.cancelSolve(round: id, caller: caller)
            return try Reply.json(["cancelled": id], detail: "solve cancelled")
        }
        routes.on(.planChanges) { request, context, caller in
            let (id, caller) = try Self.round(context, caller)
            var limit = 1_000
            if let text = request.uri.queryParameters["limit"] {
                guard let n = Int(text), (0...100_000).contains(n) else { throw APIError.badRequest("limit must be 0 to 100000") }
                limit = n
            }
            return try Reply.json(try await operations.changes(round: id, caller: caller, limit: limit))
        }
    }

    /// A template workbook as an attachment (`households.xlsx`, `helpers.xlsx`).
    static func template(_ file: RollTemplate.File) throws -> Reply {
        let bytes: [UInt8]
        do { bytes = try RoundOperations.template(file) } catch { throw APIError.internalError }
        return Reply(response: Response(
            status: .ok,
            headers: [
                .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                .contentDisposition: "attachment; filename=\"\(file.rawValue)-template.xlsx\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))))
    }

    static func round(_ context: OfficeRequestContext, _ caller: Caller?) throws -> (Int64, Caller) {
        guard let caller else { throw APIError.unauthorized("sign in first") }
        return (try context.parameters.require("id", as: Int64.self), caller)
    }

    /// `?lang=zh|en` (Chinese by default; 400 for another value).
    static func language(_ request: Request) throws -> Presentation.Language {
        guard let text = request.uri.queryParameters["lang"] else { return .zh }
        guard let language = Presentation.Language(rawValue: String(text)) else { throw APIError.badRequest("lang must be zh or en") }
        return language
    }

    /// `?q=&place=&kind=&status=&unmet=&page=&page_size=&sort=&desc=`; 400 naming the
    /// parameter that does not parse.
    static func pairListQuery(_ request: Request) throws -> PairListQuery {
        let parameters = request.uri.queryParameters
        func text(_ name: String) -> String? {
            parameters[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        }
        var query = PairListQuery()
        query.search = text("q")
        if let place = parameters["place"].map(String.init) {
            guard let scope = PlaceScope(parsing: place) else { throw APIError.badRequest("place must be DISTRICT or DISTRICT/STREET") }
            query.place = scope
        }
        if let kind = text("kind") {
            guard let parsed = HelperKind(name: kind) else {
                throw APIError.badRequest("kind must be one of " + HelperKind.allCases.map(\.english).joined(separator: ", "))
            }
            query.helperKind = parsed
        }
        if let status = text("status") {
            guard let parsed = PairStatus(rawValue: status) else { throw APIError.badRequest("status must be new, kept, moved or unpaired") }
            query.status = parsed
        }
        if let unmet = text("unmet") {
            guard let parsed = Bool(unmet) else { throw APIError.badRequest("unmet must be true or false") }
            query.unmetNeed = parsed
        }
        if let page = text("page") {
            guard let n = Int(page), (1...PairListQuery.lastPage).contains(n) else {
                throw APIError.badRequest("page must be a whole number from 1 to \(PairListQuery.lastPage)")
            }
            query.page = n
        }
        if let size = text("page_size") {
            guard let n = Int(size), (1...PairListQuery.largestPage).contains(n) else {
                throw APIError.badRequest("page_size must be a whole number from 1 to \(PairListQuery.largestPage)")
            }
            query.pageSize = n
        }
        if let sort = text("sort") {
            guard let parsed = PairListQuery.Sort(rawValue: sort) else {
                throw APIError.badRequest("sort must be one of " + PairListQuery.Sort.allCases.map(\.rawValue).joined(separator: ", "))
            }
            query.sort = parsed
        }
        if let descending = text("desc") {
            guard let parsed = Bool(descending) else { throw APIError.badRequest("desc must be true or false") }
            query.descending = parsed
        }
        return query
    }
}

/// The body of `POST /api/rounds/{id}/edits`.
struct EditBody: Decodable {
    var kind: String
    var householdId: String
    var helperId: String
    var note: String

    enum CodingKeys: String, CodingKey { case kind, householdId = "household_id", helperId = "helper_id", note }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(String.self, forKey: .kind)
        householdId = try c.decode(String.self, forKey: .householdId)
        helperId = try c.decode(String.self, forKey: .helperId)
        note = try c.decodeIfPresent(String.self, forKey: .note) ?? ""
    }
}
