import Crypto
import Foundation
import Hummingbird
import Matcher

/// A round's inputs: the households and helpers files, the policy, locks and forbids.
/// Files are checked whole before anything is stored: every problem comes back as 422 and
/// the round keeps what it had. What is stored is the file as received, with its SHA-256.
struct RoundInputController {
    let office: Office

    struct RulePair: Decodable {
        var householdId: String
        var helperId: String
        enum CodingKeys: String, CodingKey { case householdId = "household_id", helperId = "helper_id" }
    }

    func register(_ routes: RouteRegistry) {
        routes.on(.uploadHouseholds) { request, context, caller in
            let (id, file) = try await received(request, context, name: "households.csv")
            return try await storeHouseholds(round: id, file, by: caller?.name ?? "").reply()
        }
        routes.on(.uploadHelpers) { request, context, caller in
            let (id, file) = try await received(request, context, name: "helpers.csv")
            return try await storeHelpers(round: id, file, by: caller?.name ?? "").reply()
        }
        routes.on(.uploadPolicy) { request, context, caller in
            let (id, file) = try await received(request, context, name: "policy.yaml")
            return try await storePolicy(round: id, file, by: caller?.name ?? "").reply()
        }
        routes.on(.addLocks) { request, context, caller in try await addRules("lock", request, context, caller) }
        routes.on(.addForbids) { request, context, caller in try await addRules("forbid", request, context, caller) }
    }

    /// What an accepted file did: its record, the roll's profile, whether a plan was dropped.
    struct Stored {
        var file: RoundPairing.File
        var rows: Int
        var profile: [String: Any]
        var planDropped: Bool

        var detail: String {
            "\(file.name): \(rows) rows, \(file.bytes.count) bytes, sha256 \(RoundInputController.sha256(file.bytes).prefix(12))"
                + (planDropped ? "; plan dropped" : "")
        }

        func reply() throws -> Reply {
            try Reply.jsonObject(
                [
                    "file": ["name": file.name, "bytes": file.bytes.count, "sha256": RoundInputController.sha256(file.bytes),
                             "rows": rows] as [String: Any],
                    "profile": profile, "plan_dropped": planDropped,
                ],
                detail: detail)
        }
    }

    /// Checks a households file whole and stores it, or throws every problem (422).
    func storeHouseholds(round id: Int64, _ file: RoundPairing.File, by user: String) async throws -> Stored {
        let roll = try checked { () throws(InputProblems) in try RoundPairing.checkHouseholds(file) }
        let hs = roll.households, places = roll.places
        let index = (0..<hs.count).map { h in
            (hs.ids[h], places.districtNames[Int(hs.locations[h].district)], places.streetNames[Int(hs.locations[h].street)])
        }
        let dropped = try await office.store.storeFile(
            round: id, role: "households", content: file.bytes, sha256: Self.sha256(file.bytes), rows: hs.count,
            by: user, households: index)
        let profile: [String: Any] = [
            "households": hs.count, "districts": places.districtNames.count, "streets": places.streetNames.count,
            "communities": places.communityNames.count, "dimensions": roll.dimensions.names,
        ]
        return Stored(file: file, rows: hs.count, profile: profile, planDropped: dropped)
    }

    /// Checks a helpers file whole and stores it, or throws every problem (422).
    func storeHelpers(round id: Int64, _ file: RoundPairing.File, by user: String) async throws -> Stored {
        let roll = try checked { () throws(InputProblems) in try RoundPairing.checkHelpers(file) }
        let gs = roll.helpers
        let dropped = try await office.store.storeFile(
            round: id, role: "helpers", content: file.bytes, sha256: Self.sha256(file.bytes), rows: gs.count,
            by: user, helpers: gs.ids)
        var byKind: [String: Int] = [:]
        for (g, kind) in gs.kinds.enumerated() { byKind[kind.english, default: 0] += Int(gs.capacity[g]) }
        let profile: [String: Any] = [
            "helpers": gs.count, "capacity": gs.capacity.reduce(0) { $0 + Int($1) },
            "citywide": gs.locations.filter(\.isCitywide).count, "capacity_by_kind": byKind,
        ]
        return Stored(file: file, rows: gs.count, profile: profile, planDropped: dropped)
    }

    /// Checks a policy file and stores it, or throws every problem (422).
    func storePolicy(round id: Int64, _ file: RoundPairing.File, by user: String) async throws -> Stored {
        _ = try checked { () throws(InputProblems) in try RoundPairing.checkPolicy(file) }
        let dropped = try await office.store.storeFile(
            round: id, role: "policy", content: file.bytes, sha256: Self.sha256(file.bytes), rows: 0, by: user)
        return Stored(file: file, rows: 0, profile: [:], planDropped: dropped)
    }

    /// The round id and the body as a file: CSV in any accepted encoding, or an .xlsx workbook.
    private func received(_ request: Request, _ context: OfficeRequestContext, name: String) async throws
        -> (Int64, RoundPairing.File)
    {
        let id = try context.parameters.require("id", as: Int64.self)
        try await requireChangeable(id)
        let bytes = try await request.bytes(limit: office.settings.maxFileSize)
        return (id, try Self.file(bytes, name: name))
    }

    /// Refuses a change to a published round or one being solved (checked again when storing).
    func requireChangeable(_ id: Int64) async throws {
        let status = try await office.store.round(id).listing.status
        if status == "published" { throw APIError(RoundRefusal.published(id)) }
        if status == "solving" { throw APIError(RoundRefusal.solving(id)) }
    }

    /// Bytes as a file named for messages: the library tells a workbook from CSV by its
    /// bytes; the name only labels problems (`households.xlsx:低保户!C7`).
    static func file(_ bytes: [UInt8], name: String) throws -> RoundPairing.File {
        if bytes.isEmpty { throw APIError.problems([InputProblem(file: name, .emptyFile)]) }
        let workbook = bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
        let label = workbook && name.hasSuffix(".csv") ? String(name.dropLast(4)) + ".xlsx" : name
        return RoundPairing.File(name: label, bytes: bytes)
    }

    private func checked<T>(_ check: () throws(InputProblems) -> T) throws -> T {
        do { return try check() } catch { throw APIError.problems(error.problems) }
    }

    private func addRules(_ kind: String, _ request: Request, _ context: OfficeRequestContext, _ caller: Caller?)
        async throws -> Reply
    {
        let id = try context.parameters.require("id", as: Int64.self)
        let pairs = try await request.json([RulePair].self).map {
            RoundPairing.Pair(household: $0.householdId, helper: $0.helperId)
        }
        guard let caller else { throw APIError.unauthorized("sign in first") }
        let result = try await office.store.addRules(round: id, kind: kind, pairs: pairs, scope: caller.scope, by: caller.name)
        return try Reply.jsonObject(
            ["added": result.added, "plan_dropped": result.planDropped],
            detail: "\(kind)s: \(pairs.count) sent, \(result.added) added" + (result.planDropped ? "; plan dropped" : ""))
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
