import Foundation
import Hummingbird

/// Rounds: list, create, show (with the plan's summary in the caller's scope), publish.
struct RoundController {
    let office: Office

    struct NewRound: Decodable {
        var name: String
        var previous: Int64?
    }

    func register(_ routes: RouteRegistry) {
        let store = office.store
        routes.on(.listRounds) { _, _, _ in
            try Reply.json(try await store.rounds())
        }
        routes.on(.createRound) { request, _, caller in
            let new = try await request.json(NewRound.self)
            let name = new.name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, name.count <= 200 else {
                throw APIError.unprocessable("a round needs a name of 1 to 200 characters")
            }
            let round = try await store.createRound(name: name, previous: new.previous, by: caller?.name ?? "")
            return try Reply.json(round, status: .created, detail: "round \(round.id)" + (new.previous.map { ", previous \($0)" } ?? ""))
        }
        routes.on(.showRound) { _, context, caller in
            let id = try context.parameters.require("id", as: Int64.self)
            return try Reply.jsonObject(try await show(id, scope: caller?.scope ?? .city))
        }
        routes.on(.publish) { _, context, _ in
            let id = try context.parameters.require("id", as: Int64.self)
            try await store.publish(round: id)
            return try Reply.jsonObject(try await show(id, scope: .city), detail: "published")
        }
    }

    /// The round as JSON: its fields, files, rule counts and, once solved, its summary.
    func show(_ id: Int64, scope: PlaceScope) async throws -> [String: Any] {
        let round = try await office.store.round(id)
        var object: [String: Any] = [
            "id": round.listing.id, "name": round.listing.name, "status": round.listing.status,
            "previous": round.listing.previous ?? NSNull(), "error": round.error ?? NSNull(),
            "created_at": round.createdAt, "created_by": round.createdBy,
            "published_at": round.publishedAt ?? NSNull(), "locks": round.locks, "forbids": round.forbids,
            "files": round.files.map {
                ["role": $0.role, "sha256": $0.sha256, "bytes": $0.bytes, "rows": $0.rows,
                 "uploaded_at": $0.uploadedAt, "uploaded_by": $0.uploadedBy] as [String: Any]
            },
        ]
        guard let summary = try await office.store.summary(round: id, scope: scope) else {
            object["summary"] = NSNull()
            return object
        }
        if let json = summary.summaryJSON, var whole = try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any] {
            // The input records name files as uploaded; nothing personal is in summary.json.
            whole["scope"] = "city"
            whole["solved_at"] = summary.solvedAt
            object["summary"] = whole
        } else {
            object["summary"] = [
                "scope": scope.description, "households": summary.scope.households,
                "objective": summary.scope.cost, "pairs": summary.scope.pairs, "unpaired": summary.scope.unpaired,
                "bound": summary.bound, "gap": summary.gap, "solver": summary.solver, "seconds": summary.seconds,
                "solved_at": summary.solvedAt,
                "round": ["objective": summary.objective, "pairs": summary.pairs, "unpaired": summary.unpaired],
            ] as [String: Any]
        }
        return object
    }
}
