import Foundation
import Hummingbird
import Matcher

/// Solving a round and downloading its lists, each cut to the caller's scope.
struct PlanController {
    let office: Office

    func register(_ routes: RouteRegistry) {
        routes.on(.solve) { _, context, caller in
            let id = try context.parameters.require("id", as: Int64.self)
            try await office.solver.start(round: id, by: caller?.name ?? "")
            return try Reply.jsonObject(["id": id, "status": "solving"], status: .accepted, detail: "solve queued")
        }
        routes.on(.pairsCSV) { request, context, caller in try await csv(.pairs, request, context, caller) }
        routes.on(.unpairedCSV) { request, context, caller in try await csv(.unpaired, request, context, caller) }
        routes.on(.publicCSV) { request, context, caller in try await csv(.public, request, context, caller) }
        for route in [Route.pairsXLSX, .unpairedXLSX, .publicXLSX] {
            routes.on(route) { _, context, _ in
                let id = try context.parameters.require("id", as: Int64.self)
                _ = try await office.store.round(id)
                throw APIError.notImplemented(
                    "workbook downloads are not available yet; download the .csv list, which Excel and WPS open")
            }
        }
    }

    /// A list as CSV (UTF-8 with BOM, as `match pair` writes it) with the caller's rows only,
    /// or with `?place=DISTRICT[/STREET]` one place's rows (403 for a place outside the
    /// caller's scope). The pairs and unpaired lists end with an `id_number` column, whole
    /// or masked.
    private func csv(_ list: PlanRows.List, _ request: Request, _ context: OfficeRequestContext, _ caller: Caller?)
        async throws -> Reply
    {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let caller else { throw APIError.unauthorized("sign in first") }
        var scope = caller.scope
        if let text = request.uri.queryParameters["place"] {
            guard let place = PlaceScope(parsing: String(text)) else {
                throw APIError.badRequest("place must be DISTRICT or DISTRICT/STREET")
            }
            guard caller.scope.contains(place) else { throw APIError.forbidden("that place is outside your scope") }
            scope = place
        }
        let scoped = try await office.store.list(round: id, list, scope: scope)
        let withIdentity = list != .public
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out.reserveCapacity(scoped.rows.reduce(scoped.header.count + 16) { $0 + $1.line.count + 24 })
        out += scoped.header
        if withIdentity { out += Array(",id_number".utf8) }
        out += [0x0D, 0x0A]
        var masked = 0
        for row in scoped.rows {
            out += row.line
            if withIdentity {
                let whole = caller.seesIdentityNumbers(district: row.district, street: row.street)
                if !whole && !row.idNumber.isEmpty { masked += 1 }
                out += [UInt8(ascii: ",")] + PlanRows.line([whole ? row.idNumber : IdentityNumbers.mask(row.idNumber)])
            }
            out += [0x0D, 0x0A]
        }
        let name = "round-\(id)-\(list.rawValue).csv"
        let response = Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(name)\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: out)))
        return Reply(
            response: response,
            detail: "\(list.rawValue).csv: \(scoped.rows.count) rows, scope \(scope)" + (masked > 0 ? ", \(masked) identity numbers masked" : ""))
    }
}
