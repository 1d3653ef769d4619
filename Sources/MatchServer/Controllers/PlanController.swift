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
        routes.on(.pairsXLSX) { request, context, caller in try await workbook(.pairs, request, context, caller) }
        routes.on(.unpairedXLSX) { request, context, caller in try await workbook(.unpaired, request, context, caller) }
        routes.on(.publicXLSX) { request, context, caller in try await workbook(.public, request, context, caller) }
    }

    /// A list as CSV (UTF-8 with BOM, as `match pair` writes it) with the caller's rows only,
    /// or with `?place=DISTRICT[/STREET]` one place's rows (403 for a place outside the
    /// caller's scope). The pairs and unpaired lists end with an `id_number` column, whole
    /// or masked.
    private func csv(_ list: PlanRows.List, _ request: Request, _ context: OfficeRequestContext, _ caller: Caller?)
        async throws -> Reply
    {
        let (id, caller, scope) = try where_(request, context, caller)
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
                let identity = Self.identityNumber(row.idNumber, district: row.district, street: row.street, for: caller)
                if identity.masked { masked += 1 }
                out += [UInt8(ascii: ",")] + PlanRows.line([identity.text])
            }
            out += [0x0D, 0x0A]
        }
        return Self.download(
            out, round: id, file: list.rawValue + ".csv", contentType: "text/csv; charset=utf-8",
            rows: scoped.rows.count, scope: scope, masked: masked)
    }

    /// The round, the signed-in caller and the scope asked for (`?place=`, within the caller's).
    private func where_(_ request: Request, _ context: OfficeRequestContext, _ caller: Caller?) throws
        -> (Int64, Caller, PlaceScope)
    {
        let id = try context.parameters.require("id", as: Int64.self)
        guard let caller else { throw APIError.unauthorized("sign in first") }
        let scope = try PlaceScope.asked(in: request, by: caller)
        return (id, caller, scope)
    }

    /// The same list as ``csv(_:_:_:_:)`` as an Excel workbook written by the library
    /// (bold frozen header with filters, ids as text, figures as numbers, printable): the
    /// stored rows are read back with the library's CSV reader and typed by column.
    private func workbook(_ list: PlanRows.List, _ request: Request, _ context: OfficeRequestContext, _ caller: Caller?)
        async throws -> Reply
    {
        let (id, caller, scope) = try where_(request, context, caller)
        let scoped = try await office.store.list(round: id, list, scope: scope)
        let withIdentity = list != .public
        var text = scoped.header + [0x0D, 0x0A]
        for row in scoped.rows { text += row.line + [0x0D, 0x0A] }
        let records = CSVRecords(utf8: text, file: list.rawValue).records
        guard let header = records.first?.fields else { throw APIError.notFound("no such list") }
        var masked = 0
        var rows: [[ListTable.Cell]] = []
        rows.reserveCapacity(scoped.rows.count)
        for (row, record) in zip(scoped.rows, records.dropFirst()) {
            var cells = zip(header, record.fields).map { name, value in Self.cell(column: name, value) }
            if withIdentity {
                let identity = Self.identityNumber(row.idNumber, district: row.district, street: row.street, for: caller)
                if identity.masked { masked += 1 }
                cells.append(.code(identity.text))
            }
            rows.append(cells)
        }
        let presentation = Presentation(format: .xlsx)
        let title: Presentation.List = switch list {
        case .pairs: .pairs
        case .unpaired: .unpaired
        case .public: .publicNotice
        }
        let table = ListTable(
            title: presentation.title(title), header: header + (withIdentity ? ["id_number"] : []), rows: rows)
        let bytes: [UInt8]
        do {
            bytes = try presentation.file(table)
        } catch {
            throw APIError.internalError
        }
        return Self.download(
            bytes, round: id, file: list.rawValue + ".xlsx",
            contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            rows: scoped.rows.count, scope: scope, masked: masked)
    }

    /// A household's identity number as `caller` may see it: whole within its scope, masked
    /// elsewhere (`masked` tells whether a number was hidden).
    private static func identityNumber(
        _ number: String, district: String, street: String, for caller: Caller
    ) -> (text: String, masked: Bool) {
        caller.seesIdentityNumbers(district: district, street: street)
            ? (number, false) : (IdentityNumbers.mask(number), !number.isEmpty)
    }

    /// A list as an attachment, audited with its rows, scope and masked identity numbers.
    private static func download(
        _ bytes: [UInt8], round id: Int64, file: String, contentType: String, rows: Int, scope: PlaceScope, masked: Int
    ) -> Reply {
        let response = Response(
            status: .ok,
            headers: [
                .contentType: contentType,
                .contentDisposition: "attachment; filename=\"round-\(id)-\(file)\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        return Reply(
            response: response,
            detail: "\(file): \(rows) rows, scope \(scope)" + (masked > 0 ? ", \(masked) identity numbers masked" : ""))
    }

    /// Identifiers as text, whole numbers in figure columns as numbers, the rest as text.
    static func cell(column: String, _ value: String) -> ListTable.Cell {
        if column.hasSuffix("id") || column.hasSuffix("编号") { return .code(value) }
        if let n = Int(value), !value.hasPrefix("0") || value == "0" { return .number(n) }
        return .text(value)
    }
}
